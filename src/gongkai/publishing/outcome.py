"""Where a step of the sign-off chain leaves its actor, and what it tells them: the agency's desk (every staff
member of the agency may open it, whatever the step did to their access to the editor) with a sentence saying
what happens next to the item."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState

from .models.pages import InformationItemPage
from .models.register import WithheldInformation
from .workflow import pending_redaction


def desk_url(item) -> str:
    """The agency's desk, naming the item whose step was just taken (the desk then says what happens next)."""
    code = InformationItemPage.objects.filter(pk=item.pk).values_list("agency__code", flat=True).get()
    return f"{reverse('publishing:desk', kwargs={'code': code})}?done={item.pk}"


def next_step(item: InformationItemPage) -> str:
    """What happens next to ``item``, in a sentence for the one who just acted on it."""
    title = f"“{item.title}”"
    state = (
        WorkflowState.objects.for_instance(item)
        .select_related("current_task_state__task")
        .order_by("-created_at", "-pk")
        .first()
    )
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        step = state.current_task_state.task.name if state.current_task_state else ""
        sent_back = PageLogEntry.objects.filter(
            page_id=item.pk, action="publishing.sent_back", revision_id=item.latest_revision_id
        ).exists()
        if sent_back:
            return f"{title}保密审查后的内容已被修改，已退回保密审查，由保密审查员重新审查。"
        return f"{title}已进入“{step}”，等待本机关有权人员办理。"
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        pending = pending_redaction(item, state)
        if pending is not None:
            return (
                f"{title}保密审查结论为部分公开，已退回作者删除：{pending.removed}。"
                "作者修改后在编辑页面重新提交，由保密审查员确认。"
            )
        comment = state.current_task_state.comment if state.current_task_state else ""
        return f"{title}已退回作者修改{'：' + comment if comment else ''}。作者修改后在编辑页面重新提交。"
    if WithheldInformation.objects.filter(item_id=item.pk, released_on__isnull=True).exists():
        return f"{title}保密审查结论为不予公开，已登记入不予公开信息登记，不会发布。"
    if item.live:
        return f"{title}已发布。"
    if item.go_live_at and item.go_live_at > timezone.now():
        return f"{title}已通过审核，将于{timezone.localtime(item.go_live_at):%Y-%m-%d %H:%M}发布。"
    return f"{title}已保存为草稿，尚未提交审核。"
