"""The review chain 复核 → 保密审查 → 审核 → publication, as Wagtail workflow tasks scoped by agency."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from gongkai.publishing.models import (
    ConfidentialityConclusion,
    InformationItemPage,
    WithheldInformation,
)

from .conftest import act, current_step, person


def _fresh(item):
    return InformationItemPage.objects.get(pk=item.pk)


def test_full_chain_publishes_with_the_index_number(world, submitted, client):
    assert current_step(submitted) == "复核"
    act(submitted, person(world, "section_head"))
    assert current_step(submitted) == "保密审查"
    act(submitted, person(world, "confidentiality_reviewer"), conclusion="publishable")
    assert current_step(submitted) == "审核"
    act(submitted, person(world, "principal_leader"), comment="同意公开")
    item = _fresh(submitted)
    assert item.live
    assert item.published_on is not None
    assert current_step(item) is None
    response = client.get(item.url)
    assert response.status_code == 200
    assert item.index_number in response.content.decode()
    actions = list(PageLogEntry.objects.filter(page=item).values_list("action", flat=True))
    assert actions.count("wagtail.workflow.approve") == 3
    assert "wagtail.publish" in actions


@pytest.mark.parametrize(
    "step_done,role",
    [
        (0, "staff"),
        (0, "confidentiality_reviewer"),
        (0, "principal_leader"),
        (1, "section_head"),
        (1, "principal_leader"),
        (2, "section_head"),
        (2, "confidentiality_reviewer"),
    ],
)
def test_only_the_steps_own_role_may_act(world, submitted, step_done, role):
    approvers = ["section_head", "confidentiality_reviewer", "principal_leader"]
    for done in approvers[:step_done]:
        extra = {"conclusion": "publishable"} if done == "confidentiality_reviewer" else {}
        act(submitted, person(world, done), **extra)
    user = person(world, role)
    task = _fresh(submitted).current_workflow_task
    assert task.get_actions(submitted, user) == []
    with pytest.raises(PermissionDenied):
        act(submitted, user, conclusion="publishable")


@pytest.mark.parametrize("role", ["section_head", "division_leader"])
def test_another_agencys_holder_cannot_check(world, portal, add_item, role):
    """A checker of `gov` holds the permission, but not for `dept`'s items."""
    item = add_item(user=person(world, "staff"))
    item.get_workflow().start(item, person(world, "staff"))
    outsider = person(world, role, home="gov")
    assert _fresh(item).current_workflow_task.get_actions(item, outsider) == []
    with pytest.raises(PermissionDenied):
        act(item, outsider)
    insider = person(world, role)
    assert act(item, insider).endswith(f"?done={item.pk}")
    assert current_step(item) == "保密审查"
    done = TaskState.objects.get(
        workflow_state=_fresh(item).current_workflow_state, status=TaskState.STATUS_APPROVED
    )
    assert done.finished_by == insider


def test_rejection_returns_to_the_author_with_the_comment(world, submitted):
    act(submitted, person(world, "section_head"), "reject", comment="请补充办理时限")
    state = WorkflowState.objects.get(pk=submitted.current_workflow_state.pk)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "请补充办理时限"
    # The author edits and resubmits: the same step starts again.
    item = _fresh(submitted)
    item.summary = "补充了办理时限。"
    item.save_revision(user=person(world, "staff"))
    state.resume(user=person(world, "staff"))
    assert current_step(item) == "复核"


def test_an_edit_after_the_confidentiality_review_sends_the_item_back(world, submitted):
    act(submitted, person(world, "section_head"))
    act(submitted, person(world, "confidentiality_reviewer"), conclusion="publishable")
    assert current_step(submitted) == "审核"
    item = _fresh(submitted)
    item.body = "<p>审核时改动了正文。</p>"
    item.save_revision(user=person(world, "principal_leader"))
    assert current_step(item) == "保密审查"
    assert ConfidentialityConclusion.objects.get(item=item).superseded_at is not None
    assert PageLogEntry.objects.filter(page=item, action="publishing.sent_back").exists()
    # The principal leader's stale approval does nothing; the chain must pass the review again.
    act(item, person(world, "confidentiality_reviewer"), conclusion="publishable")
    act(item, person(world, "principal_leader"))
    item = _fresh(item)
    assert item.live
    assert "审核时改动了正文" in item.body


@pytest.mark.parametrize(
    "resaved",
    [
        lambda body: body,
        lambda body: body.replace("<p>", '<p data-block-key="k3x9a">'),
        lambda body: body + '<p data-block-key="e1"></p>',
    ],
)
def test_a_save_without_changes_keeps_the_conclusion(world, submitted, resaved):
    """The admin saves a revision when an approver presses 审核; an unchanged form (block keys of the editor,
    its empty block) is not an edit."""
    act(submitted, person(world, "section_head"))
    act(submitted, person(world, "confidentiality_reviewer"), conclusion="publishable")
    item = _fresh(submitted)
    item.body = resaved(item.body)
    item.save_revision(user=person(world, "principal_leader"))
    assert current_step(item) == "审核"
    conclusion = ConfidentialityConclusion.objects.get(item=item)
    assert conclusion.superseded_at is None and conclusion.revision_id == item.latest_revision_id
    act(item, person(world, "principal_leader"))
    assert _fresh(item).live


@pytest.mark.parametrize(
    "html,expected",
    [
        ("", ""),
        ('<p data-block-key="a1"></p>', ""),
        ('<p data-block-key="a1"></p><p data-block-key="b2">正文</p>', "<p>正文</p>"),
        ("<p>&nbsp;<br/></p>", ""),
        ('<p data-block-key="a1"><b>要点</b></p>', "<p><b>要点</b></p>"),
    ],
)
def test_rich_text_is_compared_as_the_reader_sees_it(html, expected):
    from gongkai.publishing.text import normalized_rich_text

    assert normalized_rich_text(html) == expected


def test_an_edit_while_sent_back_for_changes_also_repeats_the_review(world, submitted):
    act(submitted, person(world, "section_head"))
    act(submitted, person(world, "confidentiality_reviewer"), conclusion="publishable")
    act(submitted, person(world, "principal_leader"), "reject", comment="标题不准确")
    item = _fresh(submitted)
    item.title = "更准确的标题"
    item.save_revision(user=person(world, "staff"))
    item.current_workflow_state.resume(user=person(world, "staff"))
    assert current_step(item) == "保密审查"


def test_edits_before_the_review_do_not_send_back(world, submitted):
    item = _fresh(submitted)
    item.summary = "复核时修改。"
    item.save_revision(user=person(world, "section_head"))
    assert current_step(item) == "复核"


def test_partial_disclosure_returns_to_the_author_and_needs_a_confirmed_redaction(world, submitted):
    act(submitted, person(world, "section_head"))
    reviewer = person(world, "confidentiality_reviewer")
    with pytest.raises(Exception, match="删除"):
        act(submitted, reviewer, conclusion="partial")
    reviewed = _fresh(submitted).get_latest_revision()
    act(submitted, reviewer, conclusion="partial", removed="附件中的个人身份证号码")
    conclusion = ConfidentialityConclusion.objects.get(item=submitted)
    assert (conclusion.conclusion, conclusion.removed) == ("partial", "附件中的个人身份证号码")
    assert conclusion.revision == reviewed
    state = WorkflowState.objects.get(pk=submitted.current_workflow_state.pk)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert "附件中的个人身份证号码" in state.current_task_state.comment
    # resubmitted unchanged: nothing to confirm
    author = person(world, "staff")
    state.resume(user=author)
    assert current_step(submitted) == "保密审查"
    assert [a for a, _, _ in _fresh(submitted).current_workflow_task.get_actions(submitted, reviewer)] == [
        "reject",
        "approve",
    ]
    with pytest.raises(Exception, match="尚未"):
        act(submitted, reviewer, "confirm")
    act(submitted, reviewer, conclusion="partial", removed="附件中的个人身份证号码")
    # the author makes the removals and resubmits; the reviewer confirms; 审核 publishes the redacted revision
    item = _fresh(submitted)
    item.body = "<p>名单（已删除身份证号码）</p>"
    item.save_revision(user=author)
    item.current_workflow_state.resume(user=author)
    assert "confirm" in [a for a, _, _ in _fresh(item).current_workflow_task.get_actions(item, reviewer)]
    act(item, reviewer, "confirm", comment="已核对")
    assert current_step(item) == "审核"
    confirmed = ConfidentialityConclusion.objects.filter(item=item).order_by("-pk").first()
    assert confirmed.revision_id == _fresh(item).latest_revision_id
    act(item, person(world, "principal_leader"))
    item = _fresh(item)
    assert item.live and "已删除身份证号码" in item.body


def test_a_withheld_item_passes_no_step_even_when_resubmitted(world, submitted):
    act(submitted, person(world, "section_head"))
    act(submitted, person(world, "confidentiality_reviewer"), conclusion="withheld", ground="third_party")
    item = _fresh(submitted)
    item.get_workflow().start(item, person(world, "staff"))
    checker = person(world, "section_head")
    assert [a for a, _, _ in _fresh(item).current_workflow_task.get_actions(item, checker)] == ["reject"]
    with pytest.raises(PermissionDenied, match="不予公开"):
        act(item, checker)
    assert not _fresh(item).live


def test_withholding_enters_the_register_and_stops_the_chain(world, submitted):
    act(submitted, person(world, "section_head"))
    act(submitted, person(world, "confidentiality_reviewer"), conclusion="withheld", ground="third_party")
    entry = WithheldInformation.objects.get()
    assert entry.agency == world["dept"]
    assert entry.item_id == submitted.pk
    assert entry.ground == "third_party"
    assert entry.reevaluate_on > entry.decided_on
    item = _fresh(submitted)
    assert not item.live
    assert item.current_workflow_state is None
    assert not WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()


def test_an_autosave_that_overwrites_the_reviewed_revision_sends_the_item_back(world, submitted):
    """Wagtail's autosave overwrites the editor's latest revision in place: when that is the revision the
    conclusion was carried to, the change must still undo the conclusion."""
    act(submitted, person(world, "section_head"))
    act(submitted, person(world, "confidentiality_reviewer"), conclusion="publishable")
    staff = person(world, "staff")
    item = _fresh(submitted)
    unchanged = item.save_revision(user=staff)
    assert current_step(item) == "审核"
    assert ConfidentialityConclusion.objects.get(item=item).revision_id == unchanged.pk
    item = _fresh(item)
    item.summary = "自动保存时改动了摘要。"
    overwritten = item.save_revision(user=staff, overwrite_revision=unchanged)
    assert overwritten.pk == unchanged.pk
    assert current_step(item) == "保密审查"
    assert ConfidentialityConclusion.objects.get(item=item).superseded_at is not None
