"""What one document may cost the auditor, checked before the expensive step (DESIGN: every input is bounded).

A published report is a few dozen pages: tens of thousands of characters, a few thousand paragraphs, three
tables of at most a few hundred cells. The limits below are generous multiples of that; anything beyond them is
refused as `unreadable` with the reason, before it is decompressed, parsed or recognised, so that no input costs
more than a fraction of a second and a bounded amount of memory.

Zip containers (DOCX, XLSX) are checked from their central directory, whose entry count is read from the end
record before the standard library builds an object per entry; a member is read only up to its declared size,
which the zip reader itself enforces.
"""

from __future__ import annotations

import re
import struct
import zipfile
from io import BytesIO

from .document import UnreadableError

MAX_BYTES = 50 * 1024 * 1024  # any file
MAX_TEXT_BYTES = 8 * 1024 * 1024  # a text file, or an HTML page without its scripts, styles and inline images
MAX_CHARS = 2_000_000  # the text read from a document
MAX_BLOCKS = 40_000  # paragraphs and table rows
MAX_CELLS = 100_000  # table cells of a document
MAX_PAGES = 300  # PDF pages
MAX_PAGE_CHARS = 60_000  # characters on one PDF page
MAX_ZIP_MEMBERS = 3_000
MAX_EXPANDED = 128 * 1024 * 1024  # the declared uncompressed size of all members of a zip
MAX_XML = 24 * 1024 * 1024  # one XML member (word/document.xml, a worksheet)
MAX_PARAGRAPHS = 20_000  # DOCX paragraphs
MAX_ROWS = 10_000  # table rows (DOCX) or worksheet rows (XLSX)
MAX_COLUMNS = 1_000  # worksheet columns
MAX_SHEET_CELLS = 200_000  # worksheet cells, merged areas included
MAX_DIGITS = 48  # a run of digits split with the identities (a row of seven glued numbers)

_EOCD = b"PK\x05\x06"


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def too_large(size: int) -> str:
    return f"文件过大（{megabytes(size)}，上限 {MAX_BYTES // (1024 * 1024)} MB）"


def check_text_size(size: int, what: str) -> None:
    if size > MAX_TEXT_BYTES:
        raise UnreadableError(f"{what}过长（{megabytes(size)}，上限 {MAX_TEXT_BYTES // (1024 * 1024)} MB）")


def check_document(blocks: list) -> None:
    """The read document's size: blocks, cells and characters."""
    if len(blocks) > MAX_BLOCKS:
        raise UnreadableError(f"文件内容过多（{len(blocks)} 个段落和表格行，上限 {MAX_BLOCKS}）")
    rows = [block.cells for block in blocks if hasattr(block, "cells")]
    cells = sum(map(len, rows))
    chars = sum(len(block.text) for block in blocks if not hasattr(block, "cells"))
    chars += sum(len("".join(row)) for row in rows)
    if cells > MAX_CELLS:
        raise UnreadableError(f"表格单元格过多（{cells} 个，上限 {MAX_CELLS}）")
    if chars > MAX_CHARS:
        raise UnreadableError(f"文件文字过多（{chars} 字，上限 {MAX_CHARS}）")


def open_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """The archive of a DOCX or XLSX, refused when its directory, members or expanded size are out of bounds."""
    entries = _declared_entries(data)
    if entries is None:
        raise UnreadableError(f"{kind}已损坏：找不到压缩包目录")
    if entries > MAX_ZIP_MEMBERS:
        raise UnreadableError(f"{kind} 中的文件过多（{entries} 个，上限 {MAX_ZIP_MEMBERS}）")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except NotImplementedError as exc:
        raise UnreadableError(f"{kind} 使用了不支持的压缩格式（{exc}）") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, struct.error) as exc:
        raise UnreadableError(f"{kind}已损坏，无法解压（{exc}）") from exc
    expanded = sum(info.file_size for info in infos)
    if expanded > MAX_EXPANDED:
        raise UnreadableError(
            f"{kind} 解压后过大（{megabytes(expanded)}，上限 {MAX_EXPANDED // (1024 * 1024)} MB）"
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, kind: str) -> bytes:
    """One member, at most MAX_XML bytes; encrypted, unsupported or damaged members are refused."""
    try:
        info = archive.getinfo(name)
    except KeyError as exc:
        raise UnreadableError(f"{kind} 中缺少 {name}") from exc
    if info.file_size > MAX_XML:
        raise UnreadableError(
            f"{kind} 中的 {name} 过大（{megabytes(info.file_size)}，上限 {MAX_XML // (1024 * 1024)} MB）"
        )
    if info.flag_bits & 0x1:
        raise UnreadableError(f"{kind} 已加密，无法读取")
    try:
        return archive.read(info)
    except NotImplementedError as exc:
        raise UnreadableError(f"{kind} 使用了不支持的压缩格式（{exc}）") from exc
    except RuntimeError as exc:
        raise UnreadableError(f"{kind} 已加密，无法读取") from exc
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error) as exc:
        raise UnreadableError(f"{kind}已损坏，无法解压（{exc}）") from exc


def over_limit(xml: bytes, local_name: bytes, limit: int) -> int | None:
    """The number of ``local_name`` elements (any namespace prefix) the XML opens when it is more than
    ``limit``, else None — counted without parsing, and without counting past the limit."""
    loose = xml.count(b":" + local_name) + xml.count(b"<" + local_name)
    if loose <= limit:  # an upper bound counted in C: every such element starts with one of these
        return None
    pattern = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?" + local_name + rb"[\s>/]")
    count = count_up_to(pattern, xml, limit)
    return count if count > limit else None


def count_up_to(pattern: re.Pattern, data, limit: int) -> int:
    """Matches of ``pattern`` in ``data``, counted up to ``limit + 1`` at most."""
    count = 0
    for count, _ in enumerate(pattern.finditer(data), 1):  # noqa: B007 — only the count is wanted
        if count > limit:
            break
    return count


def _declared_entries(data: bytes) -> int | None:
    """The entry count of the end-of-central-directory record (None when there is none); zip64 counts as
    too many, since no report needs it."""
    position = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if position < 0 or position + 22 > len(data):
        return None
    (total,) = struct.unpack_from("<H", data, position + 10)
    return MAX_ZIP_MEMBERS + 1 if total == 0xFFFF else total
