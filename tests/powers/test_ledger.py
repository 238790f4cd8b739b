"""The power lists' 台账 as XLSX: a year's decisions and the appeal cases (applicant masked without the
personal-data permission), XML-illegal characters dropped, bounded."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from gongkai.agencies.masking import mask
from gongkai.agencies.roles import Role
from gongkai.powers import services
from gongkai.powers.models import Decision

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict]:
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def year(dept):
    power_list = services.start_year(dept, 2025)
    item = services.save_item(power_list, code="XK-1", name="建筑施工\x0b许可", category="licensing")
    Decision.objects.create(power_list=power_list, item=item, decided_on=date(2025, 3, 1), reference="B-1")
    services.enter_decisions(services.save_item(power_list, code="CF-1", name="罚款", category="penalty"), 5)
    services.save_case(
        dept,
        kind="review",
        applicant="钱七",
        concerns="=1+1",
        body="甲区人民政府",
        filed_on=date(2025, 4, 1),
    )
    services.save_case(
        dept,
        kind="review",
        applicant="孙八",
        concerns="某答复",
        body="甲区人民政府",
        filed_on=date(2024, 4, 1),
    )
    return power_list


def test_decisions_of_a_year(client, world, year):
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    rows = _rows(client.get("/admin/gongkai/powers/dept/2025/decisions.xlsx"))
    assert [(r["事项编码"], r["数量"], r["来源"]) for r in rows] == [
        ("CF-1", 5, "手工录入"),
        ("XK-1", 1, "手工录入"),
    ]
    assert rows[1]["事项名称"] == "建筑施工许可" and rows[1]["办件编号"] == "B-1"
    assert "decisions.xlsx" in client.get("/admin/gongkai/powers/dept/2025/").content.decode()


@pytest.mark.parametrize("role,visible", [(Role.DISCLOSURE_OFFICE, True), (Role.STAFF, False)])
def test_appeal_cases(client, world, year, role, visible):
    client.force_login(world["people"][("dept", role)].user)
    rows = _rows(client.get("/admin/gongkai/powers/dept/cases.xlsx"))
    assert [r["申请人/原告"] for r in rows] == (["孙八", "钱七"] if visible else [mask("孙八"), mask("钱七")])
    assert rows[1]["涉及的申请或公开事项"] == "=1+1"  # a text, not a formula
    assert [
        r["申请或起诉日期"].year for r in _rows(client.get("/admin/gongkai/powers/dept/cases.xlsx?year=2025"))
    ] == [2025]
    assert "cases.xlsx" in client.get("/admin/gongkai/powers/dept/cases/").content.decode()


def test_bounded(client, world, year, settings):
    settings.GONGKAI_LEDGER_MAX_ROWS = 1
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    response = client.get("/admin/gongkai/powers/dept/2025/decisions.xlsx", follow=True)
    assert response.redirect_chain[0][0] == "/admin/gongkai/powers/dept/2025/"
    assert "共 2 行，超过一次导出的上限 1 行" in response.content.decode()
