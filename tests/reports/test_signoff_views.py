"""The sign-off page: the assembled report with its findings, the buttons the user's permissions allow, each
action through the page, refusals shown as Chinese messages (never a 500)."""

from __future__ import annotations

import pytest

from gongkai.agencies.roles import Role
from gongkai.reports.models import ReportStatus, ReportStep
from gongkai.reports.services import drafting, signoff

pytestmark = pytest.mark.django_db

YEAR = 2021
URL = f"/admin/gongkai/reports/dept/{YEAR}/signoff/"


@pytest.fixture(autouse=True)
def fast_renderers(monkeypatch):
    """PDF (WeasyPrint) and DOCX take seconds per report; these tests do not read them
    (test_signoff_publication does)."""
    monkeypatch.setattr("gongkai.core.render.pdf.render_pdf", lambda report: b"%PDF-1.7 test")
    monkeypatch.setattr("gongkai.core.render.docx.render_docx", lambda report: b"PK docx test")


def user(world, role, home="dept"):
    return world["people"][(home, role)].user


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def act(client, who, action, **fields):
    client.force_login(who)
    return client.post(URL, {"action": action, **fields}, follow=True)


def test_page_shows_the_report_findings_and_the_allowed_buttons(client, world):
    office = user(world, Role.DISCLOSURE_OFFICE)
    draft = drafting.get_or_start(world["dept"], YEAR, office)
    drafting.set_override(draft, "proactive.licensing.decisions", 2, "按纸质台账补计两件", office)
    client.force_login(office)
    page = client.get(URL)
    assert page.status_code == 200
    body = page.content.decode()
    assert "manual" in body  # the findings: the override is shown
    assert "表三 收到和处理政府信息公开申请情况" in body
    assert 'value="submit"' in body and 'value="approve"' not in body
    client.force_login(user(world, Role.SECTION_HEAD))
    body = client.get(URL).content.decode()
    assert 'value="submit"' not in body and 'value="approve"' not in body
    signoff.submit(draft, office)
    body = client.get(URL).content.decode()
    assert "复核通过" in body and 'value="send_back"' in body


def test_each_step_through_the_page(client, world):
    office = user(world, Role.DISCLOSURE_OFFICE)
    draft = drafting.get_or_start(world["dept"], YEAR, office)
    assert "已提交审核" in messages_of(act(client, office, "submit"))
    assert "复核已通过" in messages_of(act(client, user(world, Role.SECTION_HEAD), "approve"))
    refused = act(client, user(world, Role.CONFIDENTIALITY_REVIEWER), "approve", conclusion="")
    assert "保密审查须填写审查结论" in messages_of(refused)
    act(client, user(world, Role.CONFIDENTIALITY_REVIEWER), "approve", conclusion="不涉密")
    act(client, user(world, Role.PRINCIPAL_LEADER), "approve")
    draft.refresh_from_db()
    assert signoff.current_step(draft) == ReportStep.PUBLISH
    done = act(client, office, "publish")
    assert "报告已发布：HTML、DOCX、XLSX 已生成，PDF 由后台任务生成" in messages_of(done)
    assert {f.format for f in draft.publication.files.all()} == {"html", "docx", "pdf", "xlsx"}
    draft.refresh_from_db()
    assert draft.status == ReportStatus.PUBLISHED
    assert f"/reports/dept/{YEAR}/" in done.content.decode()


def test_blocked_submission_and_wrong_person_are_messages_not_errors(client, world):
    office = user(world, Role.DISCLOSURE_OFFICE)
    draft = drafting.get_or_start(world["dept"], YEAR, office)
    drafting.set_prose(draft, "problems", "", office)
    blocked = act(client, office, "submit")
    assert blocked.status_code == 200
    assert any("改正后才能提交审核" in m and "存在的主要问题及改进情况" in m for m in messages_of(blocked))
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFTING
    # a confidentiality reviewer cannot submit: the view refuses (Wagtail's redirect to the dashboard)
    client.force_login(user(world, Role.CONFIDENTIALITY_REVIEWER))
    response = client.post(URL, {"action": "submit"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "未知的操作" in messages_of(act(client, office, "dance"))


def test_send_back_with_comment_is_shown_to_the_office(client, world):
    office = user(world, Role.DISCLOSURE_OFFICE)
    draft = drafting.get_or_start(world["dept"], YEAR, office)
    signoff.submit(draft, office)
    supervisor = user(world, Role.SUPERVISING_OFFICE, "gov")
    assert "退回修改须写明意见" in messages_of(act(client, supervisor, "send_back", comment=" "))
    act(client, supervisor, "send_back", comment="第五部分缺少改进措施")
    client.force_login(office)
    body = client.get(URL).content.decode()
    assert "退回修改意见" in body and "第五部分缺少改进措施" in body
    assert "主管部门监督" in body


def test_unknown_report_is_404(client, world):
    client.force_login(user(world, Role.DISCLOSURE_OFFICE))
    assert client.get(f"/admin/gongkai/reports/dept/{YEAR + 1}/signoff/").status_code == 404


def test_findings_are_named_in_chinese(client, world):
    office = user(world, Role.DISCLOSURE_OFFICE)
    draft = drafting.get_or_start(world["dept"], YEAR, office)
    drafting.set_prose(draft, "problems", "", office)
    client.force_login(office)
    for url in (URL, f"/admin/gongkai/reports/dept/{YEAR}/draft/"):
        body = client.get(url).content.decode()
        assert ">严重<" in body and "章节没有内容" in body
        assert ">error<" not in body and "<code>section-empty</code>" not in body


def test_a_returned_reports_comment_shows_on_the_offices_dashboard(client, world):
    from django.utils import timezone

    office = user(world, Role.DISCLOSURE_OFFICE)
    draft = drafting.get_or_start(world["dept"], timezone.localdate().year - 1, office)
    signoff.submit(draft, office)
    signoff.send_back(draft, user(world, Role.SUPERVISING_OFFICE, "gov"), "第五部分缺少改进措施")
    client.force_login(office)
    body = client.get("/admin/").content.decode()
    assert "退回修改意见：第五部分缺少改进措施" in body
