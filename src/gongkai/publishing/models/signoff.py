"""The steps of the sign-off chain as Wagtail workflow tasks: who may act is decided by the agency scoping
(`workflow.may_act`) and the separation of duties (`duties`), what acting does by `workflow`; every action
ends on the agency's desk (`outcome`)."""

from __future__ import annotations

from django.db import models
from wagtail.models import Task

from gongkai.agencies.roles import Perm

from .. import duties, outcome, wording, workflow
from ..forms import ConclusionForm


class ScopedStepMixin:
    """What every step of the chain shares: only people holding its permission (`step_perm`) for the item's
    agency who took no other part in the item's run act on it and edit the item; the item's collectors may still
    edit it. A holder kept out by the separation of duties still opens the editor, which says why
    (`refusal`)."""

    def step_perm(self) -> Perm:
        raise NotImplementedError

    def holds_step(self, obj, user) -> bool:
        return workflow.may_act(self.step_perm(), obj, user)

    def refusal(self, obj, user) -> str | None:
        """Why a holder of the step's permission may not take it on ``obj`` (separation of duties), or None."""
        return duties.refusal(self, obj, user) if self.holds_step(obj, user) else None

    def user_may_act(self, obj, user) -> bool:
        return self.holds_step(obj, user) and duties.refusal(self, obj, user) is None

    def user_can_access_editor(self, obj, user):
        return self.holds_step(obj, user)

    def locked_for_user(self, obj, user):
        return not (self.user_may_act(obj, user) or workflow.may_act(Perm.COLLECT_INFORMATION, obj, user))

    def user_can_lock(self, obj, user):
        return self.user_may_act(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return workflow.moderatable(self, self.step_perm(), user)


class ScopedApprovalTask(ScopedStepMixin, Task):
    """A step of the sign-off chain (复核 or 审核) that only people holding ``permission`` for the item's agency
    may act on."""

    permission = models.CharField(
        "所需权限",
        max_length=40,
        choices=[
            (Perm.CHECK_INFORMATION.value, Perm.CHECK_INFORMATION.label),
            (Perm.APPROVE_INFORMATION.value, Perm.APPROVE_INFORMATION.label),
        ],
    )

    admin_form_fields = [*Task.admin_form_fields, "permission"]

    class Meta:
        verbose_name = "按机关授权的审批步骤"
        verbose_name_plural = "按机关授权的审批步骤"

    @classmethod
    def get_description(cls):
        return "持有所选权限（按机关）的人员可以通过或退回"

    def step_perm(self) -> Perm:
        return Perm(self.permission)

    def get_actions(self, obj, user):
        if not self.user_may_act(obj, user):
            return []
        if workflow.blocker(obj) or self.awaits_wording_check(obj):
            return [("reject", "退回修改", True)]
        return [("reject", "退回修改", True), ("approve", "通过", False), ("approve", "附意见通过", True)]

    def awaits_wording_check(self, obj) -> bool:
        """复核 passes only once the 错敏词 hits of the item are acknowledged (`publishing.wording`)."""
        if self.step_perm() != Perm.CHECK_INFORMATION:
            return False
        if "_awaits_wording_check" not in obj.__dict__:
            obj.__dict__["_awaits_wording_check"] = wording.unacknowledged(obj.specific)
        return obj.__dict__["_awaits_wording_check"]

    def on_action(self, task_state, user, action_name, **kwargs):
        workflow.act(self, task_state, user, action_name, **kwargs)
        return outcome.desk_url(task_state.workflow_state.content_object)


class ConfidentialityReviewTask(ScopedStepMixin, Task):
    """保密审查 (条例第十七条): the reviewer records 可公开 / 部分公开 / 不予公开; the conclusion binds to the
    revision reviewed, and an edit after it sends the item back to this step. 部分公开 returns the item to its
    author; the reviewer then confirms the redacted revision (action ``confirm``)."""

    binds_to_revision = True  # an edit after its approval undoes it (`workflow.send_back_if_edited`)

    class Meta:
        verbose_name = "保密审查"
        verbose_name_plural = "保密审查"

    @classmethod
    def get_description(cls):
        return "保密审查员作出结论：可公开、部分公开（写明删除内容）或不予公开（写明依据）"

    def step_perm(self) -> Perm:
        return Perm.REVIEW_CONFIDENTIALITY

    def get_actions(self, obj, user):
        if not self.user_may_act(obj, user):
            return []
        if workflow.blocker(obj):
            return [("reject", "退回修改", True)]
        actions = [("reject", "退回修改", True), ("approve", "作出审查结论", True)]
        pending = workflow.pending_redaction(obj, obj.current_workflow_state)
        if pending is not None and workflow.redacted(obj, pending):
            actions.append(("confirm", "确认已按部分公开删除", True))
        return actions

    def notice(self, obj, user) -> str | None:
        """What the reviewer must check on a resubmitted item concluded 部分公开."""
        if not self.user_may_act(obj, user):
            return None
        pending = workflow.pending_redaction(obj, obj.current_workflow_state)
        if pending is None:
            return None
        if not workflow.redacted(obj, pending):
            return f"保密审查结论为部分公开（须删除：{pending.removed}），作者尚未修改内容。"
        return (
            f"保密审查结论为部分公开（须删除：{pending.removed}）。请核对作者修改后的版本，确认后进入审核。"
        )

    def get_form_for_action(self, action):
        return ConclusionForm if action == "approve" else super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        workflow.conclude(self, task_state, user, action_name, **kwargs)
        return outcome.desk_url(task_state.workflow_state.content_object)
