"""The review chain's behaviour (复核 → 保密审查 → 审核): who may act, on what, and what acting does.

Who may act is decided by the agency scoping (roles + agencies), not by Wagtail groups: a task's reviewers are
the people holding its permission for the item's agency. Every action re-checks this on the server and
re-reads the task state, so a stale screen cannot act on a step that has moved on (e.g. after an edit sent the
item back).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import workflow_approved

from gongkai.agencies import scoping
from gongkai.agencies.roles import Perm


def agency_id_of(obj) -> int | None:
    """The agency of a page under review (an item, or a page of a section), without loading more than needed."""
    from .models import InformationItemPage

    agency_id = getattr(obj, "agency_id", None)
    if agency_id is None and obj is not None and obj.pk:
        agency_id = InformationItemPage.objects.filter(pk=obj.pk).values_list("agency_id", flat=True).first()
    return agency_id


def may_act(perm: Perm, obj, user) -> bool:
    if not getattr(user, "is_active", False):
        return False
    agency_id = agency_id_of(obj)
    if agency_id is None:
        return bool(user.is_superuser)
    cache = user.__dict__.setdefault("_publishing_may_act", {})
    key = (perm, agency_id)
    if key not in cache:
        from gongkai.agencies.models import Agency

        cache[key] = scoping.can(user, perm, Agency(pk=agency_id))
    return cache[key]


def moderatable(task, perm: Perm, user):
    """The task's in-progress states on items of the agencies where ``user`` holds ``perm``."""
    from .models import InformationItemPage

    items = scoping.scope(InformationItemPage.objects.all(), user, perm)
    ids = items.annotate(pk_text=Cast("pk", CharField())).values("pk_text")
    return task.task_states.filter(status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id__in=ids)


@transaction.atomic
def on_action(task, task_state, user, action_name, **kwargs):
    """Perform ``action_name`` if the step is still in progress and ``user`` may act on it."""
    task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None  # the step has moved on (e.g. an edit sent the item back): nothing to do
    item = task_state.workflow_state.content_object
    if not task.user_may_act(item, user):
        raise PermissionDenied("无权办理此审查步骤")
    from .models import ConfidentialityReviewTask

    if isinstance(task, ConfidentialityReviewTask) and action_name == "approve":
        from . import services

        services.record_conclusion(task_state, item.specific, user, **kwargs)
        return None
    comment = kwargs.get("comment", "")
    if action_name == "approve":
        approve(task_state, user, comment)
    elif action_name == "reject":
        task_state.reject(user=user, comment=comment)
    return None


def approve(task_state, user, comment: str = "") -> None:
    """Approve a step; after the last one, publish (or schedule) the approved revision as the approver.

    Wagtail's own finishing action asks whether the approver may publish the page outside any workflow; here
    nobody may (permissions.py), so the chain's last approval is the permission to publish.
    """
    state = task_state.workflow_state
    task_state.approve(user=user, update=False, comment=comment)
    if state.get_next_task() is not None:
        state.update(user=user)
        return
    state.status = WorkflowState.STATUS_APPROVED
    state.save(update_fields=["status"])
    state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
    workflow_approved.send(sender=WorkflowState, instance=state, user=user)
