"""What an attachment may be: PDF, OFD, DOCX or XLSX, recognised by its content (not only by its name) and
opened to prove it is what it says, within one size limit (``settings.WAGTAILDOCS_MAX_UPLOAD_SIZE``, which
Wagtail's upload dialog states too). Executables, web pages, macro-bearing files and the old binary Office formats
(DOC, XLS: they cannot be checked cheaply and carry macros) never pass, whatever their name says.

Every check is bounded: the size before reading, a zip's entry count and expanded size (from its directory)
before anything is decompressed, OFD.xml's size before it is parsed.
"""

from __future__ import annotations

import io
import zipfile

from django.conf import settings

ALLOWED = ("pdf", "ofd", "docx", "xlsx")
TYPES_TEXT = "PDF、OFD、DOCX、XLSX"
MAX_ZIP_ENTRIES = 5_000
MAX_EXPANSION = 10  # a zip may expand to ten times the size limit at most
MAX_OFD_XML = 1024 * 1024
_ZIP_MAIN = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "ofd": "OFD.xml"}
_MACROS = ("vbaproject.bin", "vbadata.xml")


def max_bytes() -> int:
    return settings.WAGTAILDOCS_MAX_UPLOAD_SIZE


def limit_text() -> str:
    return f"{max_bytes() // (1024 * 1024)} MB"


def rule_text() -> str:
    """The rule as the upload dialog and the item form state it."""
    return f"只接受 {TYPES_TEXT} 文件，单个文件不超过 {limit_text()}"


def problem(name: str, data: bytes | None, size: int) -> str | None:
    """Why the file ``name`` (its bytes, its size) cannot be attached, in Chinese, or None if it can."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext in ("doc", "xls"):
        return f"附件“{name}”是旧版 Office 格式：请另存为 {ext.upper()}X 后上传（{rule_text()}）"
    if ext not in ALLOWED:
        return f"附件“{name}”的类型不允许：{rule_text()}"
    if size > max_bytes():
        return f"附件“{name}”超过 {limit_text()}"
    if data is None:
        return f"附件“{name}”的文件已丢失，请重新上传"
    if ext == "pdf":
        return _pdf_problem(name, data)
    return _zip_problem(name, ext, data)


def _mismatch(name: str, ext: str) -> str:
    return f"附件“{name}”的内容与其扩展名不符，请上传真正的 {ext.upper()} 文件"


def _damaged(name: str, ext: str) -> str:
    return f"附件“{name}”无法作为 {ext.upper()} 文件打开（文件损坏或已加密），请检查后重新上传"


def _pdf_problem(name: str, data: bytes) -> str | None:
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        return _mismatch(name, "pdf")
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return _damaged(name, "pdf")
    try:
        return None if len(document) > 0 else _damaged(name, "pdf")
    finally:
        document.close()


def _zip_problem(name: str, ext: str, data: bytes) -> str | None:
    if not data.startswith(b"PK\x03\x04"):
        return _mismatch(name, ext)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return _damaged(name, ext)
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_EXPANSION * max_bytes():
            return f"附件“{name}”解压后过大，不能作为附件"
        names = {e.filename for e in entries}
        if _ZIP_MAIN[ext] not in names:
            return _mismatch(name, ext)
        if any(n.lower().rsplit("/", 1)[-1] in _MACROS for n in names):
            return f"附件“{name}”含有宏，请另存为不含宏的 {ext.upper()} 文件"
        opens = {"docx": _docx_opens, "xlsx": _xlsx_opens, "ofd": _ofd_opens}[ext]
        try:
            ok = opens(archive, data)
        except Exception:  # any failure of a parser on hostile input means the file does not open
            ok = False
    return None if ok else _damaged(name, ext)


def _docx_opens(archive: zipfile.ZipFile, data: bytes) -> bool:
    import docx

    docx.Document(io.BytesIO(data))
    return True


def _xlsx_opens(archive: zipfile.ZipFile, data: bytes) -> bool:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        return bool(workbook.sheetnames)
    finally:
        workbook.close()


def _ofd_opens(archive: zipfile.ZipFile, data: bytes) -> bool:
    """GB/T 33190: OFD.xml at the root, an ``OFD`` element with a ``DocBody``."""
    from lxml import etree

    if archive.getinfo("OFD.xml").file_size > MAX_OFD_XML:
        return False
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(archive.read("OFD.xml"), parser=parser)
    return etree.QName(root).localname == "OFD" and any(
        etree.QName(child).localname == "DocBody" for child in root if isinstance(child.tag, str)
    )
