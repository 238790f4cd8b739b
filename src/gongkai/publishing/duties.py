"""Separation of duties in the sign-off chain: one person takes at most one part in an item's run through
复核 → 保密审查 → 审核, the item's authorship included, whatever roles they hold.

The parts already taken are read from what Wagtail records: the item's owner and the workflow's submitter are
its authors; the approvals and rejections of the run's other steps are in the page log (one entry per decision,
with the task state it decided); the confidentiality conclusions name their reviewer even after an edit
cancelled them. A refusal comes with its reason in Chinese, so the editor can say why instead of hiding the
step's buttons.
"""

from __future__ import annotations

from wagtail.models import PageLogEntry, TaskState

from .models.register import ConfidentialityConclusion

DECISIONS = ("wagtail.workflow.approve", "wagtail.workflow.reject")


def parts_taken(item, task, workflow_state) -> dict[int, str]:
    """Who took which part of this run other than ``task``: {user id: "作者" or the step's name}."""
    parts: dict[int, str] = {}
    others = TaskState.objects.filter(workflow_state=workflow_state).exclude(task_id=task.pk)
    names = dict(others.values_list("pk", "task__name"))
    if names:
        decisions = PageLogEntry.objects.filter(
            page_id=item.pk, action__in=DECISIONS, data__workflow__task_state_id__in=list(names)
        ).values_list("user_id", "data")
        for user_id, data in decisions:
            if user_id is not None:
                parts.setdefault(user_id, names.get(data["workflow"]["task_state_id"], ""))
        reviewers = ConfidentialityConclusion.objects.filter(task_state_id__in=list(names)).values_list(
            "reviewer_id", "task_state_id"
        )
        for user_id, task_state_id in reviewers:
            if user_id is not None:
                parts.setdefault(user_id, names[task_state_id])
    for user_id in (workflow_state.requested_by_id, getattr(item, "owner_id", None)):
        if user_id is not None:
            parts[user_id] = "作者"
    return parts


def refusal(task, obj, user) -> str | None:
    """Why ``user`` may not take ``task`` on ``obj`` although their roles allow it, or None."""
    workflow_state = getattr(obj, "current_workflow_state", None)
    if workflow_state is None or user.pk is None:
        return None
    part = parts_taken(obj, task, workflow_state).get(user.pk)
    if part is None:
        return None
    role = "作者" if part == "作者" else f"“{part}”的办理人"
    return f"按职责分离要求，你是本信息的{role}，不能再办理“{task.name}”，请由本机关其他有权人员办理。"
