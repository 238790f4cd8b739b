"""Detect a file's type by its content (magic bytes), falling back to the extension only for plain text."""

from __future__ import annotations

import zipfile

from .document import UnreadableError
from .limits import MAX_BYTES, open_zip, too_large

_EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
}
KNOWN_EXTENSIONS = tuple(_EXTENSIONS)
__all__ = ["KNOWN_EXTENSIONS", "MAX_BYTES", "detect", "detect_format", "too_large"]


def detect_format(data: bytes, name: str = "") -> str:
    """Return 'txt', 'html', 'docx', 'xlsx' or 'pdf', or raise UnreadableError with the reason."""
    return detect(data, name)[0]


def detect(data: bytes, name: str = "") -> tuple[str, zipfile.ZipFile | None]:
    """The format, and for a DOCX or XLSX the archive opened to tell them apart (so that it is opened once)."""
    if not data:
        raise UnreadableError("文件为空")
    if len(data) > MAX_BYTES:
        raise UnreadableError(too_large(len(data)))
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return "pdf", None
    if head.startswith(b"PK\x03\x04"):
        archive = open_zip(data, "压缩包")
        names = archive.namelist()
        if "word/document.xml" in names:
            return "docx", archive
        if "xl/workbook.xml" in names:
            return "xlsx", archive
        raise UnreadableError("文件是压缩包，但不是 Word（DOCX）文档或 Excel（XLSX）工作簿")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableError("旧版 Word（DOC）或其他 OLE 格式文件，不支持，请另存为 DOCX 或 PDF")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise UnreadableError("文件是图片，没有可读取的文字")
    bom = head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"))
    if b"\x00" in head and not bom and not _looks_utf16(head):
        raise UnreadableError("文件是二进制数据，不是受支持的文本、HTML、DOCX 或 PDF")
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered or b"<table" in lowered or b"<body" in lowered:
        return "html", None
    if name.lower().endswith((".html", ".htm")) and b"<" in head:
        return "html", None
    return "txt", None


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII text is zero."""
    even, odd = head[0::2], head[1::2]
    return odd.count(0) > len(odd) * 0.3 or even.count(0) > len(even) * 0.3
