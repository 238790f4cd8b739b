"""An item's 发布审批表 (审签单) as a value for `core.render.approval_sheet`: its latest run through the sign-off
chain as Wagtail recorded it (who submitted it and when, each step's decision, person, time and comment) and the
confidentiality conclusion in force."""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from gongkai.core.render.approval_sheet import ApprovalSheet, Step

from .choices import Conclusion, Ground
from .models import ConfidentialityConclusion, InformationItemPage

DECISIONS = {
    TaskState.STATUS_APPROVED: "通过",
    TaskState.STATUS_REJECTED: "退回修改",
    TaskState.STATUS_IN_PROGRESS: "办理中",
    TaskState.STATUS_SKIPPED: "跳过",
    TaskState.STATUS_CANCELLED: "已取消",
}


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _local(value):
    return timezone.localtime(value) if value else None


def _status(item: InformationItemPage, state: WorkflowState | None) -> str:
    if item.live:
        return f"已发布（{item.published_on:%Y-%m-%d}）" if item.published_on else "已发布"
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return "审核中"
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return "退回修改"
    return "未发布"


def conclusion_text(item: InformationItemPage) -> str:
    record = (
        ConfidentialityConclusion.objects.filter(item=item, superseded_at__isnull=True)
        .select_related("reviewer")
        .order_by("-decided_at", "-pk")
        .first()
    )
    if record is None:
        return ""
    text = f"{Conclusion(record.conclusion).label}（{_name(record.reviewer)}，{_local(record.decided_at):%Y-%m-%d %H:%M}）"
    if record.removed:
        text += f"；删除或遮盖的内容：{record.removed}"
    if record.ground:
        text += f"；依据：{Ground(record.ground).label}"
    return text


def build(item: InformationItemPage) -> ApprovalSheet:
    state = (
        WorkflowState.objects.for_instance(item)
        .select_related("requested_by")
        .order_by("-created_at", "-pk")
        .first()
    )
    steps = []
    if state is not None:
        steps.append(Step("拟稿", "提交审核", _name(state.requested_by), _local(state.created_at)))
        for task_state in (
            TaskState.objects.filter(workflow_state=state)
            .select_related("task", "finished_by")
            .order_by("started_at", "pk")
        ):
            steps.append(
                Step(
                    task_state.task.name,
                    DECISIONS.get(task_state.status, task_state.status),
                    _name(task_state.finished_by),
                    _local(task_state.finished_at or task_state.started_at),
                    task_state.comment or "",
                )
            )
    return ApprovalSheet(
        agency=item.agency.name,
        title=item.title,
        index_number=item.index_number,
        document_number=item.document_number,
        publisher=item.publisher_name,
        steps=steps,
        conclusion=conclusion_text(item),
        status=_status(item, state),
        printed_at=timezone.localtime(),
    )
