"""The reports inside an uploaded ZIP, bounded before anything is extracted.

The archive's directory is checked first (`limits.open_zip`: its entry count from the end record, its expanded
size), then the reports in it: how many, each one's declared size and their total. Only members with a known
report extension are taken; directories, hidden files (``__MACOSX/``, ``.DS_Store``) and nested archives are
skipped. Nothing is written to disk and each report keeps only its base name, so a member named ``../../x`` or
``/etc/x`` cannot go anywhere; a member is read at most up to its declared size (the zip reader enforces it).
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import PurePosixPath

from .document import UnreadableError
from .limits import megabytes, open_zip
from .sniff import KNOWN_EXTENSIONS


def _name(member: str) -> str | None:
    """The base name of a report member, or None for what is not a report (directories, hidden files)."""
    parts = PurePosixPath(member.replace("\\", "/")).parts
    if not parts or member.endswith("/") or any(_hidden(p) for p in parts):
        return None
    name = parts[-1]
    return name if PurePosixPath(name).suffix.lower() in KNOWN_EXTENSIONS else None


def _hidden(part: str) -> bool:
    return part == "__MACOSX" or (part.startswith(".") and part not in (".", ".."))


def unpack(
    data: bytes, *, max_files: int, max_file_bytes: int, max_total_bytes: int
) -> list[tuple[str, bytes]]:
    """The reports of a ZIP as (base name, bytes), in the archive's order; UnreadableError (in Chinese) when the
    archive is damaged, encrypted, holds no report, or its reports exceed a bound — checked before reading any."""
    archive = open_zip(data, "压缩包")
    members = [(info, _name(info.filename)) for info in archive.infolist() if not info.is_dir()]
    reports = [(info, name) for info, name in members if name]
    if not reports:
        raise UnreadableError("压缩包中没有可检查的报告文件（TXT、HTML、DOCX、PDF、XLSX）")
    if len(reports) > max_files:
        raise UnreadableError(f"压缩包中的报告过多（{len(reports)} 个，上限 {max_files} 个）")
    for info, name in reports:
        if info.file_size > max_file_bytes:
            raise UnreadableError(
                f"压缩包中的 {name} 过大（{megabytes(info.file_size)}，上限 {megabytes(max_file_bytes)}）"
            )
        if info.file_size == 0:
            raise UnreadableError(f"压缩包中的 {name} 是空文件")
    total = sum(info.file_size for info, _ in reports)
    if total > max_total_bytes:
        raise UnreadableError(f"压缩包解压后过大（{megabytes(total)}，上限 {megabytes(max_total_bytes)}）")
    return [(name, _read(archive, info)) for info, name in reports]


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One member, at most its declared size; encrypted, unsupported or damaged members are refused."""
    if info.flag_bits & 0x1:
        raise UnreadableError("压缩包已加密，无法读取")
    try:
        return archive.read(info)
    except NotImplementedError as exc:
        raise UnreadableError(f"压缩包使用了不支持的压缩格式（{exc}）") from exc
    except RuntimeError as exc:
        raise UnreadableError("压缩包已加密，无法读取") from exc
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error) as exc:
        raise UnreadableError(f"压缩包已损坏，无法解压（{exc}）") from exc
