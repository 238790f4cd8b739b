"""The review chain of an annual report: submit → 复核 → 保密审查 → 审核 → publish, each step's permission, the
wrong person refused, submission blocked by an error finding, no edits during review, sending back."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.history import entries_for
from gongkai.agencies.roles import Role
from gongkai.reports import assembly, review
from gongkai.reports.models import ReportStatus
from gongkai.reports.review_models import ReviewDecision, ReviewStep

pytestmark = pytest.mark.django_db

YEAR = 2021


@pytest.fixture(autouse=True)
def fast_renderers(monkeypatch):
    """PDF (WeasyPrint) and DOCX take seconds per report; these tests do not read them
    (test_review_publication does)."""
    monkeypatch.setattr("gongkai.core.render.pdf.render_pdf", lambda report: b"%PDF-1.7 test")
    monkeypatch.setattr("gongkai.core.render.docx.render_docx", lambda report: b"PK docx test")


def person(world, role, home="dept"):
    return world["people"][(home, role)].user


@pytest.fixture
def draft(world):
    return assembly.get_or_start(world["dept"], YEAR, person(world, Role.DISCLOSURE_OFFICE))


def through_review(world, draft):
    review.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    review.approve(draft, person(world, Role.SECTION_HEAD), comment="数据已核对")
    review.approve(draft, person(world, Role.CONFIDENTIALITY_REVIEWER), conclusion=review.DEFAULT_CONCLUSION)
    review.approve(draft, person(world, Role.PRINCIPAL_LEADER))


def test_the_whole_chain_in_order_with_history(world, draft):
    assert review.current_step(draft) is None
    review.submit(draft, person(world, Role.DISCLOSURE_OFFICE), "请审核")
    assert draft.status == ReportStatus.IN_REVIEW
    seen = []
    for role in (Role.SECTION_HEAD, Role.CONFIDENTIALITY_REVIEWER, Role.PRINCIPAL_LEADER):
        seen.append(review.current_step(draft))
        review.approve(draft, person(world, role), conclusion="不涉密，同意公开")
    assert seen == [ReviewStep.CHECK, ReviewStep.CONFIDENTIALITY, ReviewStep.APPROVE]
    assert review.current_step(draft) == ReviewStep.PUBLISH
    published = review.publish(draft, person(world, Role.DISCLOSURE_OFFICE), on=date(2022, 1, 20))
    draft.refresh_from_db()
    assert draft.status == ReportStatus.PUBLISHED
    assert draft.published_at.date() == date(2022, 1, 20)
    assert draft.report_date == date(2022, 1, 20)
    assert draft.published_report  # frozen
    assert {f.format for f in published.files.all()} >= {"html", "docx", "xlsx"}
    events = list(draft.review_events.values_list("step", "decision"))
    assert events == [
        ("submit", "approve"),
        ("check", "approve"),
        ("confidentiality", "approve"),
        ("approve", "approve"),
        ("publish", "approve"),
    ]
    conclusion = draft.review_events.get(step=ReviewStep.CONFIDENTIALITY).conclusion
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
    review.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    for role in step_roles:
        review.approve(draft, person(world, role), conclusion="同意公开")
    before = review.current_step(draft)
    with pytest.raises(PermissionDenied):
        review.approve(draft, person(world, wrong[0], wrong[1]), conclusion="同意公开")
    assert review.current_step(draft) == before


def test_submit_and_publish_need_their_permissions(world, draft):
    for role in (Role.STAFF, Role.SECTION_HEAD, Role.PRINCIPAL_LEADER):
        with pytest.raises(PermissionDenied):
            review.submit(draft, person(world, role))
    with pytest.raises(PermissionDenied):
        review.submit(draft, person(world, Role.DISCLOSURE_OFFICE, "gov"))
    through_review(world, draft)
    with pytest.raises(PermissionDenied):
        review.publish(draft, person(world, Role.SECTION_HEAD))
    assert draft.status == ReportStatus.IN_REVIEW


def test_publish_before_approval_is_refused(world, draft):
    review.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    review.approve(draft, person(world, Role.SECTION_HEAD))
    with pytest.raises(ValidationError, match="尚未通过审核"):
        review.publish(draft, person(world, Role.DISCLOSURE_OFFICE))


def test_confidentiality_review_requires_a_conclusion(world, draft):
    review.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    review.approve(draft, person(world, Role.SECTION_HEAD))
    with pytest.raises(ValidationError, match="审查结论"):
        review.approve(draft, person(world, Role.CONFIDENTIALITY_REVIEWER), conclusion="  ")
    assert review.current_step(draft) == ReviewStep.CONFIDENTIALITY


def test_one_person_takes_one_review_step(world, draft):
    from gongkai.agencies.models import RoleAssignment

    both = world["people"][("dept", Role.SECTION_HEAD)]
    RoleAssignment.objects.create(person=both, role=Role.CONFIDENTIALITY_REVIEWER)
    review.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    review.approve(draft, both.user)
    user = type(both.user).objects.get(pk=both.user.pk)  # without the cached roles
    with pytest.raises(ValidationError, match="同一人"):
        review.approve(draft, user, conclusion="同意公开")


def test_submission_is_blocked_by_an_error_finding(world, draft):
    office = person(world, Role.DISCLOSURE_OFFICE)
    assembly.set_prose(draft, "overview", "", office)
    errors = assembly.blocking_errors(draft)
    assert any(f.code == "section-empty" for f in errors)
    with pytest.raises(ValidationError) as raised:
        review.submit(draft, office)
    message = raised.value.messages[0]
    assert message.startswith(f"报告还有 {len(errors)} 项错误")
    assert "总体情况" in message
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFTING
    assert not draft.review_events.exists()
    assembly.set_prose(draft, "overview", "<p>本年度共收到政府信息公开申请，均已按期答复。</p>", office)
    review.submit(draft, office)
    assert draft.status == ReportStatus.IN_REVIEW


def test_no_edit_during_review(world, draft):
    office = person(world, Role.DISCLOSURE_OFFICE)
    review.submit(draft, office)
    with pytest.raises(assembly.ReportEditError):
        assembly.set_prose(draft, "overview", "<p>改动</p>", office)
    with pytest.raises(assembly.ReportEditError):
        assembly.set_override(draft, "requests.new.natural_person", 3, "补录遗漏的申请", office)
    with pytest.raises(ValidationError, match="不能重复提交"):
        review.submit(draft, office)


def test_returned_with_a_comment_goes_back_to_the_office(world, draft):
    office = person(world, Role.DISCLOSURE_OFFICE)
    review.submit(draft, office)
    review.approve(draft, person(world, Role.SECTION_HEAD))
    with pytest.raises(ValidationError, match="写明意见"):
        review.send_back(draft, person(world, Role.CONFIDENTIALITY_REVIEWER), " ")
    with pytest.raises(PermissionDenied):  # not at this step
        review.send_back(draft, person(world, Role.PRINCIPAL_LEADER), "请修改")
    review.send_back(draft, person(world, Role.CONFIDENTIALITY_REVIEWER), "第六部分涉及个人信息，请删除")
    draft.refresh_from_db()
    assert draft.status == ReportStatus.RETURNED
    last = review.last_return(draft)
    assert (last.step, last.decision) == (ReviewStep.CONFIDENTIALITY, ReviewDecision.RETURN)
    assert last.comment == "第六部分涉及个人信息，请删除"
    assert review.current_step(draft) is None
    # the office edits again and resubmits: the chain starts over at 复核
    assembly.set_prose(draft, "other", "<p>本年度未收取信息处理费。</p>", office)
    review.submit(draft, office)
    assert review.current_step(draft) == ReviewStep.CHECK


def test_supervising_office_sends_back(world, draft):
    review.submit(draft, person(world, Role.DISCLOSURE_OFFICE))
    with pytest.raises(PermissionDenied):  # another government's staff
        review.send_back(draft, world["people"][("other", "member")].user, "请修改")
    review.send_back(draft, person(world, Role.SUPERVISING_OFFICE, "gov"), "表三与案件记录不一致，请核对")
    last = review.last_return(draft)
    assert last.step == ReviewStep.SUPERVISION
    assert draft.status == ReportStatus.RETURNED


def test_published_report_is_not_sent_back(world, draft):
    through_review(world, draft)
    review.publish(draft, person(world, Role.DISCLOSURE_OFFICE), on=date(2022, 1, 10))
    with pytest.raises(ValidationError):
        review.send_back(draft, person(world, Role.SECTION_HEAD), "请修改")
    with pytest.raises(ValidationError):
        review.send_back(draft, person(world, Role.SUPERVISING_OFFICE, "gov"), "请修改")


def test_actions_follow_the_step(world, draft):
    office = person(world, Role.DISCLOSURE_OFFICE)
    assert review.actions_for(office, draft).submit
    assert not review.actions_for(person(world, Role.SECTION_HEAD), draft).approve
    review.submit(draft, office)
    assert not review.actions_for(office, draft).submit
    assert review.actions_for(person(world, Role.SECTION_HEAD), draft).approve == ReviewStep.CHECK
    assert review.actions_for(person(world, Role.SUPERVISING_OFFICE, "gov"), draft).send_back
    assert not review.actions_for(person(world, Role.CONFIDENTIALITY_REVIEWER), draft).approve
