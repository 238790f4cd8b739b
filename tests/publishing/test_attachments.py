"""Attachments: PDF, DOCX, XLS, XLSX only, recognised by content, within the size limit."""

from __future__ import annotations

import io
import zipfile

import pytest

from gongkai.publishing.attachments import MAX_BYTES, problem


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


DOCX = _zip("[Content_Types].xml", "word/document.xml")
XLSX = _zip("[Content_Types].xml", "xl/workbook.xml")
XLSM = _zip("[Content_Types].xml", "xl/workbook.xml", "xl/vbaProject.bin")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100


@pytest.mark.parametrize(
    "name,data,ok",
    [
        ("通知.pdf", b"%PDF-1.7\n...", True),
        ("通知.PDF", b"%PDF-1.4", True),
        ("名单.docx", DOCX, True),
        ("名单.xlsx", XLSX, True),
        ("名单.xls", OLE2, True),
        ("伪装.pdf", b"MZ\x90\x00", False),
        ("伪装.docx", XLSX, False),
        ("宏.xlsx", XLSM, False),
        ("旧版.doc", OLE2, False),
        ("程序.exe", b"MZ", False),
        ("脚本.html", b"<script>", False),
        ("无扩展名", b"%PDF-1.7", False),
        ("坏.xlsx", b"PK\x03\x04broken", False),
    ],
)
def test_types_by_content(name, data, ok):
    assert (problem(name, data, len(data)) is None) is ok


def test_size_limit_and_missing_file():
    assert "超过" in problem("大.pdf", b"%PDF-", MAX_BYTES + 1)
    assert "丢失" in problem("丢.pdf", None, 0)


def test_item_form_refuses_a_disguised_file(world, add_item):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from gongkai.publishing.forms import _document_problem

    good = Document.objects.create(title="好", file=ContentFile(b"%PDF-1.7 ok", name="good.pdf"))
    bad = Document.objects.create(title="坏", file=ContentFile(b"MZ\x90", name="bad.pdf"))
    assert _document_problem(good) is None
    assert "不符" in _document_problem(bad)
