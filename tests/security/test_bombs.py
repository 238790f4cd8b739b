"""Decompression bombs are refused from their headers, each within 2 s and 256 MB, and nothing is stored.

Public submissions are counted by the rate limit before any field or file is examined (a refused one too), and
their files are examined only once the fields passed: a bomb sent with an empty name is never decoded.
"""

from __future__ import annotations

import base64
from datetime import date

import pytest
from applications.conftest import person_fields
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.agencies.roles import Role
from gongkai.applications.models import Application
from gongkai.powers import services as power_services
from gongkai.powers.models import DecisionImport
from gongkai.reports.models import ReportAudit
from security.bombs import budget, png_bomb, xlsx_bomb

pytestmark = pytest.mark.django_db

API = "/api/v1/agencies/dept/applications"


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return png_bomb()


def _api(client, payload, addr="203.0.113.20"):
    return client.post(API, payload, content_type="application/json", REMOTE_ADDR=addr)


def _encoded(content: bytes) -> list[dict]:
    return [{"name": "scan.png", "content_base64": base64.b64encode(content).decode()}]


def test_png_bomb_with_valid_fields_is_refused_from_its_header(client, world, bomb):
    with budget():
        response = _api(client, {**person_fields(), "attachments": _encoded(bomb)})
    assert response.status_code == 422
    message = response.json()["errors"]["attachments"]
    assert "图像尺寸过大" in message and "13000×13000" in message
    assert not Application.objects.exists()


def test_png_bomb_on_the_portal_form_is_refused(client, world, bomb):
    data = {**person_fields(), "attachments": [SimpleUploadedFile("scan.png", bomb, "image/png")]}
    with budget():
        response = client.post("/apply/dept/", data, REMOTE_ADDR="203.0.113.21")
    assert response.status_code == 200 and "图像尺寸过大" in response.content.decode()
    assert not Application.objects.exists()


def test_files_are_not_examined_when_the_fields_are_refused(client, world, monkeypatch):
    from gongkai.applications import attachments

    examined = []
    monkeypatch.setattr(attachments, "check_one", lambda *a: examined.append(a))
    payload = {**person_fields(), "name": "", "attachments": _encoded(b"%PDF-1.7 ...")}
    assert _api(client, payload).status_code == 422
    form = {
        **person_fields(),
        "name": "",
        "attachments": [SimpleUploadedFile("a.pdf", b"%PDF-1.7", "application/pdf")],
    }
    assert client.post("/apply/dept/", form, REMOTE_ADDR="203.0.113.22").status_code == 200
    assert examined == []


def test_refused_attempts_count_before_anything_is_examined(client, world, settings, bomb):
    settings.GONGKAI_SUBMISSION_ATTEMPT_LIMIT = 3
    refused = {**person_fields(), "name": "", "attachments": _encoded(bomb)}
    assert [_api(client, refused).status_code for _ in range(3)] == [422, 422, 422]
    with budget(seconds=0.5):
        response = _api(client, {**person_fields(), "attachments": _encoded(bomb)})
    assert response.status_code == 429 and "尝试提交 3 次" in response.json()["detail"]
    # the portal form shares the counter and keeps what was typed
    page = client.post("/apply/dept/", person_fields(), REMOTE_ADDR="203.0.113.20")
    assert page.status_code == 429 and f'value="{person_fields()["name"]}"' in page.content.decode()
    assert _api(client, person_fields(), addr="198.51.100.7").status_code == 201  # another client


@pytest.mark.parametrize(
    "dimension",
    ["A1:XFD1048576", "A1:C999999999", "A1:ZZ2"],
)
def test_decisions_import_refuses_a_huge_declared_dimension(client, world, dimension):
    power_list = power_services.start_year(world["dept"], 2020)
    power_services.save_item(power_list, code="X1", name="事项", category="licensing")
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    upload = SimpleUploadedFile("export.xlsx", xlsx_bomb(dimension=dimension))
    data = {"file": upload, "period_start": "2020-01-01", "period_end": "2020-12-31"}
    with budget():
        response = client.post("/admin/gongkai/powers/dept/2020/import/", data)
    assert response.status_code == 200 and "XLSX 工作表的范围过大" in response.content.decode()
    assert not DecisionImport.objects.exists()


def test_decisions_import_still_reads_a_plain_workbook(world):
    import io

    from gongkai.powers import importing

    power_list = power_services.start_year(world["dept"], 2020)
    power_services.save_item(power_list, code="X1", name="事项", category="licensing")
    mapping = {"item_code": "事项编码", "reference": "办件编号", "decided_on": "办结日期"}
    checked = importing.check(
        power_list,
        io.BytesIO(xlsx_bomb(dimension="A1:C2")),
        "export.xlsx",
        mapping=mapping,
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    assert checked.decisions == 1


def test_report_audit_refuses_a_merged_range_bomb(client, world):
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    upload = SimpleUploadedFile("2020-report.xlsx", xlsx_bomb(merge="A1:XFD1048576"))
    with budget():
        response = client.post(
            "/admin/gongkai/audits/upload/", {"agency": world["dept"].pk, "files": [upload]}
        )
    assert response.status_code == 302
    audit = ReportAudit.objects.get()
    assert [f["code"] for f in audit.findings] == ["unreadable"]
    assert "合并单元格过大" in audit.findings[0]["message"]
