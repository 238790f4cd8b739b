"""What an attachment may be: PDF, DOCX, XLS or XLSX, recognised by content (not only by name), within a size
limit. Executable or macro-bearing formats never pass, whatever their name says."""

from __future__ import annotations

import io
import zipfile

MAX_BYTES = 20 * 1024 * 1024
ALLOWED = {"pdf", "docx", "xls", "xlsx"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAIN = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_MACROS = ("vbaProject.bin",)


def problem(name: str, data: bytes | None, size: int) -> str | None:
    """Why the file ``name`` (its bytes, its size) cannot be attached, in Chinese, or None if it can."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED:
        return f"附件“{name}”的类型不允许：只能上传 PDF、DOCX、XLS、XLSX 文件"
    if size > MAX_BYTES:
        return f"附件“{name}”超过 {MAX_BYTES // (1024 * 1024)} MB"
    if data is None:
        return f"附件“{name}”的文件已丢失，请重新上传"
    if ext == "pdf":
        ok = data[:1024].lstrip().startswith(b"%PDF-")
    elif ext == "xls":
        ok = data.startswith(_OLE2)
    else:
        ok = _zip_ok(data, _ZIP_MAIN[ext])
    return None if ok else f"附件“{name}”的内容与其扩展名不符，或含有宏，请上传正常的 {ext.upper()} 文件"


def _zip_ok(data: bytes, main_part: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return False
    return main_part in names and not any(n.endswith(_MACROS) for n in names)
