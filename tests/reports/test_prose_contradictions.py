"""Prose that contradicts the tables blocks submission; the platform's prose is redrafted only after the office
has seen and confirmed the difference, and the office's own text is never replaced silently."""

from __future__ import annotations

import json

import pytest
from report_records import records_2020

from gongkai.agencies.roles import Role
from gongkai.powers import services as power_services
from gongkai.powers.models import PowerItem
from gongkai.reports import assembly
from gongkai.reports.models import AgencyReport, ReportStatus

pytestmark = pytest.mark.django_db

BASE = "/admin/gongkai/reports/dept/2020/"


@pytest.fixture(autouse=True)
def fast_renderers(monkeypatch):
    monkeypatch.setattr("gongkai.core.render.pdf.render_pdf", lambda report: b"%PDF-1.7 test")
    monkeypatch.setattr("gongkai.core.render.docx.render_docx", lambda report: b"PK docx test")


@pytest.fixture
def office(client, world):
    records_2020(world["dept"])
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    client.post(f"{BASE}draft/", {"action": "start"})
    return client


def draftail(text: str) -> str:
    blocks = [
        {
            "key": f"k{i}",
            "type": "unstyled",
            "text": line,
            "depth": 0,
            "inlineStyleRanges": [],
            "entityRanges": [],
        }
        for i, line in enumerate(text.split("\n"))
    ]
    return json.dumps({"blocks": blocks, "entityMap": {}})


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def submit(client):
    return client.post(f"{BASE}signoff/", {"action": "submit"}, follow=True)


def stored() -> AgencyReport:
    return AgencyReport.objects.get(year=2020)


def test_prose_edited_to_contradict_a_table_is_refused_at_submission(office, world):
    overview = assembly.assemble(world["dept"], 2020).prose("overview")
    assert "新收政府信息公开申请4件" in overview
    edited = overview.replace("新收政府信息公开申请4件", "新收政府信息公开申请40件")
    assert office.post(f"{BASE}draft/prose/overview/", {"text": draftail(edited)}).status_code == 302
    page = office.get(f"{BASE}draft/").content.decode()
    assert "新收政府信息公开申请40件" in page and "本年新收申请 4" in page
    refused = submit(office)
    (message,) = [m for m in messages_of(refused) if "改正后才能提交审核" in m]
    assert "正文称“新收政府信息公开申请40件”，但表格中本年新收申请 4" in message
    assert stored().status == ReportStatus.DRAFTING
    # put right, it goes through
    office.post(f"{BASE}draft/prose/overview/", {"text": draftail(overview)})
    assert "已提交审核" in messages_of(submit(office))
    assert stored().status == ReportStatus.IN_SIGNOFF


def test_stale_drafted_prose_is_redrafted_after_confirming_the_difference(office, world):
    item = PowerItem.objects.get(power_list__agency=world["dept"], code="licensing-old-0")
    power_services.enter_decisions(item, 160030)  # a decisions import after the report was started
    refused = submit(office)
    (message,) = [m for m in messages_of(refused) if "改正后才能提交审核" in m]
    assert "正文称“全年作出处理决定5件”，但表格中处理决定数量 160030" in message
    before = stored().prose["overview"]
    shown = office.post(f"{BASE}draft/prose/overview/", {"action": "redraft"})
    body = shown.content.decode()
    assert shown.status_code == 200 and "确认重新起草" in body
    assert "<del>" in body and "全年作出处理决定5件" in body and "全年作出处理决定160030件" in body
    assert "经过办公室修改" not in body  # the text is the platform's own draft
    assert stored().prose["overview"] == before  # nothing changed before the confirmation
    token = shown.context["redraft"].token
    done = office.post(f"{BASE}draft/prose/overview/", {"action": "redraft", "confirm": token}, follow=True)
    assert "已根据当前办理记录重新起草" in messages_of(done)
    assert "全年作出处理决定160030件" in stored().prose["overview"]
    assert "已提交审核" in messages_of(submit(office))


def test_the_offices_own_text_is_never_replaced_without_confirmation(office, world):
    office.post(
        f"{BASE}draft/prose/other/",
        {"text": draftail("本年度收取信息处理费100元，涉及申请1件。我局另行说明。")},
    )
    assert stored().office_written("other")
    shown = office.post(f"{BASE}draft/prose/other/", {"action": "redraft"}).content.decode()
    assert "经过办公室修改" in shown and "我局另行说明" in shown
    assert "我局另行说明" in stored().prose["other"]


def test_a_confirmation_of_another_draft_is_refused(office, world):
    shown = office.post(f"{BASE}draft/prose/overview/", {"action": "redraft"})
    token = shown.context["redraft"].token
    item = PowerItem.objects.get(power_list__agency=world["dept"], code="licensing-old-0")
    power_services.enter_decisions(item, 9)  # the records change between the difference shown and the click
    done = office.post(f"{BASE}draft/prose/overview/", {"action": "redraft", "confirm": token}, follow=True)
    assert any("重新核对差异" in m for m in messages_of(done))
    assert "全年作出处理决定9件" not in stored().prose["overview"]
