"""The sign-off chain of an annual report: submit → 复核 → 保密审查 → 审核 → publish, each step's permission, the
wrong person refused, submission blocked by an error finding, no edits during sign-off, sending back."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.agencies.history import entries_for
from gongkai.agencies.roles import Role
from gongkai.core.errors import Refused
from gongkai.reports import assembly
from gongkai.reports.models import ReportStatus, ReportStep, SignoffDecision
from gongkai.reports.services import drafting, signoff

pytestmark = pytest.mark.django_db

YEAR = 2021


@pytest.fixture(autouse=True)
def fast_renderers(monkeypatch):
    """PDF (WeasyPrint) and DOCX take seconds per report; these tests do not read them
    (test_signoff_publication does)."""
    monkeypatch.setattr("gongkai.core.render.pdf.render_pdf", lambda report: b"%PDF-1.7 test")
    monkeypatch.setattr("gongkai.core.render.docx.render_docx", lambda report: b"PK docx test")


def person(world, role, home="dept"):
    return world["people"][(home, role)].user


@pytest.fixture
def draft(world):
    return drafting.get_or_start(world["dept"], YEAR, person(world, Role.DISCLOSURE_OFFICE))


def through_signoff(world, draft):
    signoff.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    signoff.approve(draft, person(world, Role.SECTION_HEAD), comment="数据已核对")
    signoff.approve(
        draft, person(world, Role.CONFIDENTIALITY_REVIEWER), conclusion=signoff.DEFAULT_CONCLUSION
    )
    signoff.approve(draft, person(world, Role.PRINCIPAL_LEADER))


def test_the_whole_chain_in_order_with_history(world, draft):
    assert signoff.current_step(draft) is None
    signoff.submit(draft, person(world, Role.DISCLOSURE_OFFICE), "请审核")
    assert draft.status == ReportStatus.IN_SIGNOFF
    seen = []
    for role in (Role.SECTION_HEAD, Role.CONFIDENTIALITY_REVIEWER, Role.PRINCIPAL_LEADER):
        seen.append(signoff.current_step(draft))
        signoff.approve(draft, person(world, role), conclusion="不涉密，同意公开")
    assert seen == [ReportStep.CHECK, ReportStep.CONFIDENTIALITY, ReportStep.APPROVE]
    assert signoff.current_step(draft) == ReportStep.PUBLISH
    published = signoff.publish(draft, person(world, Role.DISCLOSURE_OFFICE), on=date(2022, 1, 20))
    draft.refresh_from_db()
    assert draft.status == ReportStatus.PUBLISHED
    assert draft.published_at.date() == date(2022, 1, 20)
    assert draft.report_date == date(2022, 1, 20)
    assert draft.published_report  # frozen
    assert {f.format for f in published.files.all()} >= {"html", "docx", "xlsx"}
    events = list(draft.signoff_events.values_list("step", "decision"))
    assert events == [
        ("submit", "approve"),
        ("check", "approve"),
        ("confidentiality", "approve"),
        ("approve", "approve"),
        ("publish", "approve"),
    ]
    conclusion = draft.signoff_events.get(step=ReportStep.CONFIDENTIALITY).conclusion
    assert conclusion == "不涉密，同意公开"
    notes = [e.data.get("note", "") for e in entries_for(draft)]
    assert any("保密审查：通过。结论：不涉密，同意公开" in n for n in notes)
    assert any("发布" in n for n in notes)


@pytest.mark.parametrize(
    "step_roles,wrong",
    [
        # who tries at 复核: not a checker, or a checker of another agency
        ((), (Role.CONFIDENTIALITY_REVIEWER, "dept")),
        ((), (Role.PRINCIPAL_LEADER, "dept")),
        ((), (Role.SECTION_HEAD, "gov")),
        ((), (Role.SUPERVISING_OFFICE, "dept")),
        # at 保密审查
        ((Role.SECTION_HEAD,), (Role.DIVISION_LEADER, "dept")),
        ((Role.SECTION_HEAD,), (Role.DISCLOSURE_OFFICE, "dept")),
        # at 审核
        ((Role.SECTION_HEAD, Role.CONFIDENTIALITY_REVIEWER), (Role.SECTION_HEAD, "dept")),
        ((Role.SECTION_HEAD, Role.CONFIDENTIALITY_REVIEWER), (Role.PRINCIPAL_LEADER, "gov")),
    ],
)
def test_each_step_refuses_the_wrong_person(world, draft, step_roles, wrong):
    signoff.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    for role in step_roles:
        signoff.approve(draft, person(world, role), conclusion="同意公开")
    before = signoff.current_step(draft)
    with pytest.raises(PermissionDenied):
        signoff.approve(draft, person(world, wrong[0], wrong[1]), conclusion="同意公开")
    assert signoff.current_step(draft) == before


def test_submit_and_publish_need_their_permissions(world, draft):
    for role in (Role.STAFF, Role.SECTION_HEAD, Role.PRINCIPAL_LEADER):
        with pytest.raises(PermissionDenied):
            signoff.submit(draft, person(world, role))
    with pytest.raises(PermissionDenied):
        signoff.submit(draft, person(world, Role.DISCLOSURE_OFFICE, "gov"))
    through_signoff(world, draft)
    with pytest.raises(PermissionDenied):
        signoff.publish(draft, person(world, Role.SECTION_HEAD))
    assert draft.status == ReportStatus.IN_SIGNOFF


def test_publish_before_approval_is_refused(world, draft):
    signoff.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    signoff.approve(draft, person(world, Role.SECTION_HEAD))
    with pytest.raises(Refused, match="尚未通过审核"):
        signoff.publish(draft, person(world, Role.DISCLOSURE_OFFICE))


def test_confidentiality_review_requires_a_conclusion(world, draft):
    signoff.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    signoff.approve(draft, person(world, Role.SECTION_HEAD))
    with pytest.raises(Refused, match="审查结论"):
        signoff.approve(draft, person(world, Role.CONFIDENTIALITY_REVIEWER), conclusion="  ")
    assert signoff.current_step(draft) == ReportStep.CONFIDENTIALITY


def test_one_person_takes_one_signoff_step(world, draft):
    from gongkai.agencies.models import RoleAssignment

    both = world["people"][("dept", Role.SECTION_HEAD)]
    RoleAssignment.objects.create(person=both, role=Role.CONFIDENTIALITY_REVIEWER)
    signoff.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    signoff.approve(draft, both.user)
    user = type(both.user).objects.get(pk=both.user.pk)  # without the cached roles
    with pytest.raises(Refused, match="同一人"):
        signoff.approve(draft, user, conclusion="同意公开")


def test_submission_is_blocked_by_an_error_finding(world, draft):
    office = person(world, Role.DISCLOSURE_OFFICE)
    drafting.set_prose(draft, "overview", "", office)
    errors = assembly.blocking_errors(draft)
    assert any(f.code == "section-empty" for f in errors)
    with pytest.raises(Refused) as raised:
        signoff.submit(draft, office)
    message = str(raised.value)
    assert message.startswith(f"报告还有 {len(errors)} 项错误")
    assert "总体情况" in message
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFTING
    assert not draft.signoff_events.exists()
    drafting.set_prose(draft, "overview", "<p>本年度共收到政府信息公开申请，均已按期答复。</p>", office)
    signoff.submit(draft, office)
    assert draft.status == ReportStatus.IN_SIGNOFF


def test_no_edit_during_signoff(world, draft):
    office = person(world, Role.DISCLOSURE_OFFICE)
    signoff.submit(draft, office)
    with pytest.raises(Refused):
        drafting.set_prose(draft, "overview", "<p>改动</p>", office)
    with pytest.raises(Refused):
        drafting.set_override(draft, "requests.new.natural_person", 3, "补录遗漏的申请", office)
    with pytest.raises(Refused, match="不能重复提交"):
        signoff.submit(draft, office)


def test_returned_with_a_comment_goes_back_to_the_office(world, draft):
    office = person(world, Role.DISCLOSURE_OFFICE)
    signoff.submit(draft, office)
    signoff.approve(draft, person(world, Role.SECTION_HEAD))
    with pytest.raises(Refused, match="写明意见"):
        signoff.send_back(draft, person(world, Role.CONFIDENTIALITY_REVIEWER), " ")
    with pytest.raises(PermissionDenied):  # not at this step
        signoff.send_back(draft, person(world, Role.PRINCIPAL_LEADER), "请修改")
    signoff.send_back(draft, person(world, Role.CONFIDENTIALITY_REVIEWER), "第六部分涉及个人信息，请删除")
    draft.refresh_from_db()
    assert draft.status == ReportStatus.RETURNED
    last = signoff.last_return(draft)
    assert (last.step, last.decision) == (ReportStep.CONFIDENTIALITY, SignoffDecision.RETURN)
    assert last.comment == "第六部分涉及个人信息，请删除"
    assert signoff.current_step(draft) is None
    # the office edits again and resubmits: the chain starts over at 复核
    drafting.set_prose(draft, "other", "<p>本年度未收取信息处理费。</p>", office)
    signoff.submit(draft, office)
    assert signoff.current_step(draft) == ReportStep.CHECK


def test_supervising_office_sends_back(world, draft):
    signoff.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    with pytest.raises(PermissionDenied):  # another government's staff
        signoff.send_back(draft, world["people"][("other", "member")].user, "请修改")
    signoff.send_back(draft, person(world, Role.SUPERVISING_OFFICE, "gov"), "表三与案件记录不一致，请核对")
    last = signoff.last_return(draft)
    assert last.step == ReportStep.SUPERVISION
    assert draft.status == ReportStatus.RETURNED


def test_published_report_is_not_sent_back(world, draft):
    through_signoff(world, draft)
    signoff.publish(draft, person(world, Role.DISCLOSURE_OFFICE), on=date(2022, 1, 10))
    with pytest.raises(Refused):
        signoff.send_back(draft, person(world, Role.SECTION_HEAD), "请修改")
    with pytest.raises(Refused):
        signoff.send_back(draft, person(world, Role.SUPERVISING_OFFICE, "gov"), "请修改")


def test_actions_follow_the_step(world, draft):
    office = person(world, Role.DISCLOSURE_OFFICE)
    assert signoff.actions_for(office, draft).submit
    assert not signoff.actions_for(person(world, Role.SECTION_HEAD), draft).approve
    signoff.submit(draft, office)
    assert not signoff.actions_for(office, draft).submit
    assert signoff.actions_for(person(world, Role.SECTION_HEAD), draft).approve == ReportStep.CHECK
    assert signoff.actions_for(person(world, Role.SUPERVISING_OFFICE, "gov"), draft).send_back
    assert not signoff.actions_for(person(world, Role.CONFIDENTIALITY_REVIEWER), draft).approve
