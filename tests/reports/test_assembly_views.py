"""The office's screens: start a report, see the findings, edit the prose in Draftail, override a cell with a reason."""

from __future__ import annotations

import json

import pytest
from report_records import records_2020

from gongkai.agencies.roles import Role
from gongkai.reports import assembly
from gongkai.reports.models import AgencyReport, ReportStatus

pytestmark = pytest.mark.django_db

BASE = "/admin/gongkai/reports/dept/2020/draft/"


@pytest.fixture
def office(client, world):
    records_2020(world["dept"])
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    return client


def test_start_from_the_index_and_see_the_report(office, world):
    page = office.get("/admin/gongkai/reports/")
    assert page.status_code == 200 and "开始编写" in page.content.decode()
    response = office.post("/admin/gongkai/reports/", {"agency": world["dept"].pk, "year": 2020})
    assert response.status_code == 302 and response["Location"] == BASE
    draft = AgencyReport.objects.get(agency=world["dept"], year=2020)
    page = office.get(BASE).content.decode()
    assert "编写中" in page and "新收政府信息公开申请4件" in page
    assert "2021年1月31日" in page
    listed = office.get("/admin/gongkai/reports/").content.decode()
    assert BASE in listed and draft.get_status_display() in listed


def test_year_out_of_range_is_refused_with_a_message(office, world):
    response = office.post("/admin/gongkai/reports/", {"agency": world["dept"].pk, "year": 2018})
    assert response.status_code == 200
    assert "2019" in response.content.decode()
    assert not AgencyReport.objects.exists()
    assert office.get("/admin/gongkai/reports/dept/2018/draft/").status_code == 404


def test_prose_is_edited_in_draftail(office, world):
    office.post(BASE, {"action": "start"})
    page = office.get(f"{BASE}prose/problems/").content.decode()
    assert "data-draftail-input" in page or "Draftail" in page or "draftail" in page
    content = {
        "blocks": [
            {
                "key": "a",
                "type": "unstyled",
                "text": "年内有1件申请逾期答复，已调整审核分工。",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
    response = office.post(f"{BASE}prose/problems/", {"text": json.dumps(content)})
    assert response.status_code == 302
    assert (
        assembly.assemble(world["dept"], 2020).prose("problems") == "年内有1件申请逾期答复，已调整审核分工。"
    )
    assert "年内有1件申请逾期答复" in office.get(BASE).content.decode()


def test_override_with_reason_from_the_cell_page(office, world):
    office.post(BASE, {"action": "start"})
    cell = f"{BASE}cells/appeals.review.upheld/"
    page = office.get(cell).content.decode()
    assert "按记录统计" in page and "保存人工修改" in page
    sources = office.get(f"{BASE}cells/appeals.review.corrected/").content.decode()
    assert "review-2020-04-01" in sources
    response = office.post(cell, {"value": "1", "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    response = office.post(cell, {"value": "1", "reason": "短"})
    assert "理由" in response.content.decode()
    response = office.post(cell, {"value": "1", "reason": "复议机关补送的决定书"})
    assert response.status_code == 302
    page = office.get(BASE).content.decode()
    assert "复议机关补送的决定书" in page and "人工填写" in page
    office.post(BASE, {"action": "clear", "key": "appeals.review.upheld"})
    assert AgencyReport.objects.get().overrides == {}


def test_cell_page_redirect_and_unknown_cell(office):
    response = office.get(BASE, {"cell": "requests.new.total"})
    assert response.status_code == 302 and response["Location"] == f"{BASE}cells/requests.new.total/"
    assert office.get(f"{BASE}cells/requests.new.nobody/").status_code == 404


def test_previews_in_every_format(office):
    assert office.get(f"{BASE}file/json/").json()["year"] == 2020
    html = office.get(f"{BASE}file/html/")
    assert html.status_code == 200 and "<table" in html.content.decode()
    xlsx = office.get(f"{BASE}file/xlsx/")
    assert xlsx.content.startswith(b"PK") and "attachment" in xlsx["Content-Disposition"]
    assert office.get(f"{BASE}file/doc/").status_code == 404


def test_no_edits_while_in_review(office, world):
    office.post(BASE, {"action": "start"})
    draft = AgencyReport.objects.get()
    draft.status = ReportStatus.IN_SIGNOFF
    draft.save()
    office.post(f"{BASE}cells/appeals.review.upheld/", {"value": "1", "reason": "复议机关补送的决定书"})
    assert AgencyReport.objects.get().overrides == {}
    page = office.get(BASE).content.decode()
    assert "审核中" in page and f"{BASE}prose/" not in page


def test_a_supervisor_sees_but_cannot_edit(client, world):
    records_2020(world["dept"])
    client.force_login(world["people"][("gov", Role.SUPERVISING_OFFICE)].user)
    assert client.get(BASE).status_code == 200
    response = client.post(BASE, {"action": "start"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not AgencyReport.objects.exists()


def test_the_cell_trace_names_records_in_chinese_and_links_them(office, world):
    from gongkai.applications.models import Application
    from gongkai.powers.models import AppealCase, PowerItem

    office.post(BASE, {"action": "start"})
    page = office.get(BASE).content.decode()
    assert "点击表格中的数字" in page and 'data-key="new" data-column="total"' in page
    assert '<select id="cell"' not in page  # no dropdown of every cell
    trace = office.get(f"{BASE}cells/requests.new.total/")
    body = trace.content.decode()
    assert "政府信息公开申请" in body and ">application<" not in body
    app = Application.objects.get(number="dept-2")
    assert f'href="/admin/gongkai/applications/{app.pk}/"' in body
    case = AppealCase.objects.get(agency=world["dept"], kind="review")
    appeals = office.get(f"{BASE}cells/appeals.review.corrected/").content.decode()
    assert (
        "行政复议、行政诉讼案件" in appeals
        and f'href="/admin/gongkai/powers/dept/cases/{case.pk}/"' in appeals
    )
    item = PowerItem.objects.get(power_list__agency=world["dept"], code="licensing-old-0")
    decisions = office.get(f"{BASE}cells/proactive.licensing.decisions/").content.decode()
    assert "权责事项（含处理决定）" in decisions
    assert f'href="/admin/gongkai/powers/dept/2020/items/{item.pk}/"' in decisions
    assert office.get(f"/admin/gongkai/powers/dept/2020/items/{item.pk}/").status_code == 200
