"""Read any supported file into a Document, detecting its type by content."""

from __future__ import annotations

from .document import Document, UnreadableError
from .limits import check_document
from .read_docx import read_docx
from .read_html import read_html
from .read_pdf import read_pdf
from .read_txt import read_txt
from .read_xlsx import read_xlsx
from .sniff import detect

_READERS = {"txt": read_txt, "html": read_html, "pdf": read_pdf}
_ARCHIVE_READERS = {"docx": read_docx, "xlsx": read_xlsx}  # given the archive detection opened


def read_document(data: bytes, name: str = "") -> Document:
    """Raise UnreadableError (with a Chinese reason) for anything that cannot be read."""
    fmt = "文件"
    try:
        fmt, archive = detect(data, name)
        document = _ARCHIVE_READERS[fmt](data, archive) if archive is not None else _READERS[fmt](data)
        check_document(document.blocks)
        return document
    except UnreadableError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise UnreadableError(f"文件过于复杂，无法读取（{type(exc).__name__}）") from exc
    except Exception as exc:  # noqa: BLE001 — any reader failure on hostile input is a finding, never a crash
        raise UnreadableError(f"{fmt.upper()} 无法读取（{type(exc).__name__}: {exc}）") from exc
