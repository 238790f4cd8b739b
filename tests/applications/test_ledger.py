"""The application ledger (台账) as XLSX: the desk's filters applied, personal data only for the handling office,
texts safe for Excel, bounded."""

from __future__ import annotations

import io
from datetime import date as D

import pytest
from openpyxl import load_workbook

from gongkai.agencies.masking import mask
from gongkai.agencies.roles import Role
from gongkai.applications import services

from .conftest import person_fields, received

pytestmark = pytest.mark.django_db

URL = "/admin/gongkai/applications/ledger.xlsx"


@pytest.fixture
def cases(world, office):
    first = received(
        world["dept"], D(2025, 3, 3), person_fields(1, info_name='=HYPERLINK("http://x")'), by=office
    )
    services.decide(first, on=D(2025, 3, 10), outcome="granted", basis="第三十六条", by=office)
    services.reply(first, on=D(2025, 3, 10), by=office)
    received(world["dept"], D(2025, 3, 4), person_fields(2), by=office)
    received(world["sibling"], D(2025, 3, 4), person_fields(3))
    return first


def _rows(response) -> list[dict]:
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_office_exports_its_ledger_with_the_desks_filters(client, world, office, cases):
    client.force_login(office)
    rows = _rows(client.get(URL, {"year": "2025"}))
    assert [r["申请人姓名或名称"] for r in rows] == [
        "张1",
        "张2",
    ]  # its own agency only, personal data in full
    first = rows[0]
    assert first["申请编号"] == cases.number and first["联系电话"] == "13800138000"
    assert first["办理结果"] == "（一）予以公开" and first["答复日期"].date() == D(2025, 3, 10)
    assert first["所需信息名称"] == '=HYPERLINK("http://x")'  # a text, not a formula
    book = load_workbook(io.BytesIO(client.get(URL).content))
    assert book.active["J2"].data_type == "s"
    assert [r["申请编号"] for r in _rows(client.get(URL, {"status": "processing"}))] == [rows[1]["申请编号"]]
    assert _rows(client.get(URL, {"q": "张2"}))[0]["申请人姓名或名称"] == "张2"


def test_the_supervising_office_gets_masked_rows(client, world, cases):
    client.force_login(world["people"][("dept", Role.SUPERVISING_OFFICE)].user)
    rows = _rows(client.get(URL))
    assert {r["机关"] for r in rows} == {world["dept"].name, world["sibling"].name}
    assert all(r["联系电话"] == mask("13800138000") and r["申请人姓名或名称"].endswith("*") for r in rows)
    assert _rows(client.get(URL, {"q": "张2"})) == []  # no search by the applicant's name either


def test_the_export_is_bounded(client, world, office, cases, settings):
    settings.GONGKAI_LEDGER_MAX_ROWS = 1
    client.force_login(office)
    response = client.get(URL, {"year": "2025"}, follow=True)
    assert response.redirect_chain[0][0] == "/admin/gongkai/applications/?year=2025"
    assert "符合条件的申请共 2 件，超过一次导出的上限 1 件" in response.content.decode()


def test_control_characters_are_dropped(client, world, office, cases):
    services.deliver(cases, on=D(2025, 3, 11), method="email", proof="回执", by=office)
    cases.info_document_number = "甲\x0b文〔2025〕1号"  # kept before intake refused such characters
    cases.save()
    client.force_login(office)
    assert _rows(client.get(URL))[0]["文号"] == "甲文〔2025〕1号"


def test_the_desk_offers_the_export(client, office, cases):
    client.force_login(office)
    assert (
        'formaction="/admin/gongkai/applications/ledger.xlsx"'
        in client.get("/admin/gongkai/applications/").content.decode()
    )
