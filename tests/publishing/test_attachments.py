"""Attachments: PDF, OFD, DOCX, XLSX only, recognised by content and opened, within the one size limit — checked
by Wagtail's upload views (文档 › 添加, the multiple uploader, the chooser's 上传 tab) and by the item's edit form."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.publishing import attachments
from gongkai.publishing.attachments import problem

from .conftest import person


def _zip(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _pdf() -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.new_page(200, 200)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("名单")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(macro: bool = False) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "名单"
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not macro:
        return buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    return _zip({**entries, "xl/vbaProject.bin": b"\0" * 64})


OFD = _zip(
    {
        "OFD.xml": '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" '
        'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>'
        "</ofd:OFD>",
        "Doc_0/Document.xml": "<ofd:Document xmlns:ofd='http://www.ofdspec.org/2016'/>",
    }
)
PDF, DOCX, XLSX = _pdf(), _docx(), _xlsx()


@pytest.mark.parametrize(
    "name,data,error",
    [
        ("通知.pdf", PDF, None),
        ("通知.PDF", PDF, None),
        ("名单.docx", DOCX, None),
        ("名单.xlsx", XLSX, None),
        ("公文.ofd", OFD, None),
        ("伪装.pdf", b"MZ\x90\x00" + b"\0" * 200, "不符"),
        ("网页.pdf", b"<html><script>alert(1)</script></html>", "不符"),
        ("头部.pdf", b"%PDF-1.7\nrandom bytes only", "无法"),
        ("随机.docx", bytes(range(256)) * 4, "不符"),
        ("表格.docx", XLSX, "不符"),
        ("宏.xlsx", _xlsx(macro=True), "宏"),
        ("坏.xlsx", b"PK\x03\x04broken", "无法"),
        ("空壳.docx", _zip({"word/document.xml": "<not-xml", "[Content_Types].xml": "x"}), "无法"),
        ("假.ofd", _zip({"OFD.xml": "<html/>"}), "无法"),
        ("旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版"),
        ("旧版.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版"),
        ("程序.exe", b"MZ", "类型不允许"),
        ("脚本.html", b"<script>", "类型不允许"),
        ("无扩展名", PDF, "类型不允许"),
    ],
)
def test_types_by_content(name, data, error):
    found = problem(name, data, len(data))
    assert found is None if error is None else error in found


def test_a_zip_is_measured_before_it_is_expanded(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024 * 1024  # expanded at most 10 MB
    bomb = _zip({"[Content_Types].xml": "x", "word/document.xml": b"0" * (11 * 1024 * 1024)})
    assert len(bomb) < 100_000 and "解压后过大" in problem("炸弹.docx", bomb, len(bomb))


def test_size_limit_and_missing_file():
    assert "超过 20 MB" in problem("大.pdf", PDF, attachments.max_bytes() + 1)
    assert "丢失" in problem("丢.pdf", None, 0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=4096),
    ext=st.sampled_from(attachments.ALLOWED),
    prefix=st.sampled_from([b"", b"%PDF-", b"PK\x03\x04"]),
)
def test_hostile_bytes_are_refused_without_crashing(data, ext, prefix):
    assert problem(f"x.{ext}", prefix + data, len(prefix) + len(data)) is not None


# Wagtail's upload views


def _upload(name: str, data: bytes):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def uploader(client, world):
    client.force_login(world["people"][("gov", "system_admin")].user)
    return client


def _root():
    from wagtail.models import Collection

    return Collection.get_first_root_node().pk


@pytest.mark.parametrize("name,data,ok", [("伪装.pdf", b"MZ\x90\x00" * 50, False), ("通知.pdf", PDF, True)])
def test_the_add_view_checks_content(uploader, name, data, ok):
    from wagtail.documents.models import Document

    response = uploader.post(
        "/admin/documents/add/", {"title": name, "file": _upload(name, data), "collection": _root()}
    )
    assert Document.objects.filter(title=name).exists() is ok
    if not ok:
        assert response.status_code == 200
        assert "内容与其扩展名不符" in response.content.decode()


def test_the_multiple_uploader_and_the_chooser_check_content(uploader):
    from wagtail.documents.models import Document

    response = uploader.post(
        "/admin/documents/multiple/add/", {"files[]": _upload("随机.docx", bytes(range(256)) * 8)}
    )
    assert response.json()["success"] is False and "不符" in response.json()["error_message"]
    response = uploader.post(
        "/admin/documents/chooser/create/",
        {
            "document-chooser-upload-title": "网页",
            "document-chooser-upload-file": _upload("网页.pdf", b"<html>"),
        },
    )
    assert "不符" in response.json()["htmlFragment"]
    response = uploader.post(
        "/admin/documents/chooser/create/",
        {"document-chooser-upload-title": "旧表", "document-chooser-upload-file": _upload("旧表.xls", b"x")},
    )
    assert "旧版 Office 格式" in response.json()["htmlFragment"]
    assert not Document.objects.exists()


def test_the_upload_dialog_states_the_rule(uploader):
    html = uploader.get("/admin/documents/add/").content.decode()
    assert attachments.rule_text() in html and "50 MB" not in html
    assert attachments.rule_text() == "只接受 PDF、OFD、DOCX、XLSX 文件，单个文件不超过 20 MB"


# The item's edit form (a file stored before the rule, or by another path)


def _edit_data(response) -> dict:
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name == "body":
            value = field.widget.format_value(value)
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = value
    for prefix, formset in form.formsets.items():
        for key, value in formset.management_form.initial.items():
            data[f"{prefix}-{key}"] = value
    return data


@pytest.mark.parametrize("content,ok", [(b"MZ\x90\x00" * 50, False), (None, True)])
def test_the_edit_form_refuses_a_disguised_attachment(client, world, add_item, content, ok):
    from wagtail.documents.models import Document

    from gongkai.publishing.forms import InformationItemForm
    from gongkai.publishing.models import InformationItemPage

    document = Document.objects.create(
        title="附件", file=ContentFile(content or PDF, name="附件.pdf"), collection=world["dept"].collection
    )
    item = add_item(user=person(world, "staff"))
    client.force_login(person(world, "staff"))
    edit = f"/admin/pages/{item.pk}/edit/"
    response = client.get(edit)
    assert isinstance(response.context["form"], InformationItemForm)  # the live form is the project's
    data = _edit_data(response)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-document": str(document.pk),
            "attachments-0-title": "名单",
            "attachments-0-ORDER": "1",
            "attachments-0-id": "",
        }
    )
    response = client.post(edit, data)
    latest = InformationItemPage.objects.get(pk=item.pk).get_latest_revision_as_object()
    if ok:
        assert response.status_code == 302
        assert [a.document_id for a in latest.attachments.all()] == [document.pk]
    else:
        assert response.status_code == 200
        assert "附件“附件.pdf”的内容与其扩展名不符" in response.content.decode()
        assert not latest.attachments.all()
