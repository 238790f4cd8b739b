"""The sign-off chain's behaviour (复核 → 保密审查 → 审核) on Wagtail's workflows: who may act, on what, what
acting does, and what an edit after the confidentiality review undoes.

Who may act is decided by the agency scoping (roles + agencies), not by Wagtail groups: a step's deciders are the
people holding its permission for the item's agency. Every action re-checks this on the server and re-reads the
task state, so a stale screen cannot act on a step that has moved on (e.g. after an edit sent the item back). The
states move only through Wagtail's own methods (approve, reject, cancel, update, finish); the chain's last
approval finishes the workflow, whose finishing action (`settings.WAGTAIL_FINISH_WORKFLOW_ACTION`,
`finish.publish_signed_off`) publishes the approved revision.

部分公开 is a round trip: the conclusion sends the item back to its author (a rejection of the step) with the
removals it names; once the author resubmits a changed revision the reviewer confirms it (`confirm_redaction`),
and only that approval lets the item reach 审核. An item in the register of withheld information passes no step.
"""

from __future__ import annotations

import json
import logging

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Revision, TaskState, WorkflowState

from gongkai.agencies import history, scoping
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm
from gongkai.core.errors import Refused

from . import wording
from .choices import Conclusion, Ground
from .models.pages import InformationItemPage
from .models.register import ConfidentialityConclusion, WithheldInformation
from .models.settings import PublishingSettings
from .text import normalized_rich_text

logger = logging.getLogger(__name__)

SENT_BACK_COMMENT = "保密审查后内容已修改，退回保密审查"
REDACT_COMMENT = "请作者按上述内容删除或遮盖后重新提交，由保密审查员确认"
WITHHELD_BLOCKER = (
    "本信息已登记为不予公开，不能通过任何审核步骤；经评估可以公开的，请公开办先在不予公开信息登记中解除登记。"
)


def blocker(item) -> str | None:
    """Why no step of the chain may approve ``item`` (it is in the register of withheld information), or None."""
    if WithheldInformation.objects.filter(item_id=item.pk, released_on__isnull=True).exists():
        return WITHHELD_BLOCKER
    return None


def pending_redaction(item, workflow_state) -> ConfidentialityConclusion | None:
    """The 部分公开 conclusion of this run still waiting for its redaction to be confirmed, if any."""
    latest = (
        ConfidentialityConclusion.objects.filter(
            item_id=item.pk, task_state__workflow_state=workflow_state, superseded_at__isnull=True
        )
        .select_related("task_state", "revision")
        .order_by("-decided_at", "-pk")
        .first()
    )
    if latest is None or latest.conclusion != Conclusion.PARTIAL:
        return None
    return latest if latest.task_state.status == TaskState.STATUS_REJECTED else None


def redacted(item, pending: ConfidentialityConclusion) -> bool:
    """Whether the item's latest revision differs from the one the 部分公开 conclusion was made on."""
    if pending.revision is None:
        return True
    latest = item.get_latest_revision()
    return reviewed_content(latest.content) != reviewed_content(pending.revision.content)


def agency_id_of(obj) -> int | None:
    """The agency of a page under sign-off (an item, or a page of a section), without loading more than needed."""
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
        cache[key] = scoping.can(user, perm, Agency(pk=agency_id))
    return cache[key]


def moderatable(task, perm: Perm, user):
    """The task's in-progress states on items of the agencies where ``user`` holds ``perm``."""
    items = scoping.scope(InformationItemPage.objects.all(), user, perm)
    ids = items.annotate(pk_text=Cast("pk", CharField())).values("pk_text")
    return task.task_states.filter(status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id__in=ids)


def _in_progress(task, task_state, user) -> tuple[TaskState, InformationItemPage] | None:
    """The task state re-read under a lock with its item if it is still in progress and ``user`` may act on it."""
    task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None  # the step has moved on (e.g. an edit sent the item back): nothing to do
    item = task_state.workflow_state.content_object
    if not task.user_may_act(item, user):
        raise PermissionDenied(task.refusal(item, user) or "无权办理此审查步骤")
    return task_state, item


@transaction.atomic
def act(task, task_state, user, action_name, **kwargs) -> None:
    """Approve or send back a step of 复核 or 审核 if it is still in progress and ``user`` may act on it; the last
    approval finishes the workflow, which publishes (or schedules) the approved revision."""
    found = _in_progress(task, task_state, user)
    if found is None:
        return
    task_state, item = found
    comment = kwargs.get("comment", "")
    if action_name == "approve":
        reason = blocker(item)
        if reason:
            raise PermissionDenied(reason)
        if task.step_perm() == Perm.CHECK_INFORMATION and wording.unacknowledged(item.specific):
            raise PermissionDenied(wording.UNACKNOWLEDGED)
        task_state.approve(user=user, comment=comment)
    elif action_name == "reject":
        task_state.reject(user=user, comment=comment)


@transaction.atomic
def conclude(task, task_state, user, action_name, **kwargs) -> None:
    """The confidentiality review: its conclusion (approve), or sending the item back for changes (reject)."""
    found = _in_progress(task, task_state, user)
    if found is None:
        return
    task_state, item = found
    if action_name in ("approve", "confirm") and blocker(item):
        raise PermissionDenied(blocker(item))
    if action_name == "approve":
        record_conclusion(task_state, item.specific, user, **kwargs)
    elif action_name == "confirm":
        confirm_redaction(task_state, item.specific, user, comment=kwargs.get("comment", ""))
    elif action_name == "reject":
        task_state.reject(user=user, comment=kwargs.get("comment", ""))


def record_conclusion(
    task_state: TaskState,
    item: InformationItemPage,
    user,
    *,
    conclusion: str,
    removed: str = "",
    ground: str = "",
    comment: str = "",
    **_ignored,
) -> ConfidentialityConclusion:
    """Record the reviewer's conclusion on the item's latest revision, in the caller's transaction.

    可公开 approves the step; 部分公开 sends the item back to its author to make the removals (the step restarts
    when the author resubmits, and the reviewer then confirms the redacted revision); 不予公开 enters the item into
    the register of withheld information and ends the workflow without publishing.
    """
    conclusion = Conclusion(conclusion)
    if conclusion == Conclusion.PARTIAL and not removed.strip():
        raise Refused("部分公开须写明删除或遮盖的内容")
    if conclusion == Conclusion.WITHHELD and not ground:
        raise Refused("不予公开须选择依据")
    record = ConfidentialityConclusion.objects.create(
        item=item,
        revision=item.get_latest_revision(),
        task_state=task_state,
        conclusion=conclusion,
        removed=removed.strip() if conclusion == Conclusion.PARTIAL else "",
        ground=ground if conclusion == Conclusion.WITHHELD else "",
        reviewer=user,
    )
    text = f"审查结论：{conclusion.label}"
    if record.removed:
        text += f"；删除内容：{record.removed}"
    if record.ground:
        text += f"；依据：{Ground(record.ground).label}"
    if comment:
        text += f"；意见：{comment}"
    if conclusion == Conclusion.PUBLISHABLE:
        task_state.approve(user=user, comment=text)
        return record
    if conclusion == Conclusion.PARTIAL:
        task_state.reject(user=user, comment=f"{text}；{REDACT_COMMENT}")
        return record
    today = timezone.localdate()
    entry = WithheldInformation.objects.create(
        agency_id=item.agency_id,
        item=item,
        title=item.title,
        ground=record.ground,
        reason=comment,
        decided_on=today,
        reevaluate_on=PublishingSettings.of(item.agency).reevaluation_date(today),
        reviewer=user,
    )
    history.record(entry, "wagtail.create", user, changes=history.diff({}, history.snapshot(entry)))
    task_state.reject(user=user, update=False, comment=text)
    task_state.workflow_state.cancel(user=user)
    return record


def confirm_redaction(task_state: TaskState, item: InformationItemPage, user, *, comment: str = ""):
    """The reviewer confirms that the resubmitted revision makes the removals of the 部分公开 conclusion: the
    confirmation is the step's approval, bound to that revision like any conclusion."""
    pending = pending_redaction(item, task_state.workflow_state)
    if pending is None:
        raise Refused("没有待确认的部分公开结论")
    if not redacted(item, pending):
        raise Refused("作者尚未按部分公开结论修改内容，不能确认")
    record = ConfidentialityConclusion.objects.create(
        item=item,
        revision=item.get_latest_revision(),
        task_state=task_state,
        conclusion=Conclusion.PARTIAL,
        removed=pending.removed,
        reviewer=user,
    )
    text = f"确认已按部分公开结论删除：{pending.removed}"
    task_state.approve(user=user, comment=f"{text}；意见：{comment}" if comment else text)
    return record


# --- an edit after the confidentiality review ------------------------------------------------------------------


def send_back_if_edited(revision: Revision, overwritten: dict | None = None) -> bool:
    """After a revision of an item in sign-off is saved: if the confidentiality review had already concluded on
    content that differs, that conclusion no longer holds — the item returns to 保密审查.

    Runs for every saved revision (the admin's edit view, its autosave, the API, scripts), so no path around it
    exists. A revision with the same content (e.g. the admin saving the form when an approver presses 审核 without
    changing anything) carries the conclusion over. `overwritten` is the content a revision had before it was
    overwritten in place (Wagtail's autosave): the conclusion bound to that revision was reached on that content.
    Returns whether the item was sent back.
    """
    state = (
        WorkflowState.objects.active()
        .filter(base_content_type=revision.base_content_type_id, object_id=revision.object_id)
        .select_related("current_task_state")
        .first()
    )
    if state is None:
        return False
    approved = [
        task_state
        for task_state in TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_APPROVED)
        .select_related("task")
        .order_by("pk")
        if getattr(task_state.task.specific, "binds_to_revision", False)
    ]
    bound = ConfidentialityConclusion.objects.filter(task_state__in=approved, superseded_at__isnull=True)
    reviewed = reviewed_content(revision.content)
    stale = []
    for task_state in approved:
        conclusion = bound.filter(task_state=task_state).select_related("revision").first()
        if conclusion is None or conclusion.revision is None:
            stale.append(task_state)
        elif conclusion.revision_id == revision.pk:
            if overwritten is not None and reviewed_content(overwritten) != reviewed:
                stale.append(task_state)
        else:
            if reviewed_content(conclusion.revision.content) == reviewed:
                ConfidentialityConclusion.objects.filter(pk=conclusion.pk).update(revision=revision)
            else:
                stale.append(task_state)
    if not stale:
        return False
    with transaction.atomic():
        bound.filter(task_state__in=stale).update(superseded_at=timezone.now())
        for task_state in stale:  # while another step is current, this only takes the approval back
            comment = "；".join(c for c in (task_state.comment, SENT_BACK_COMMENT) if c)
            task_state.specific.cancel(user=revision.user, comment=comment)
        state.refresh_from_db()
        current = state.current_task_state
        if state.status == WorkflowState.STATUS_IN_PROGRESS:
            if current is not None and current.status == TaskState.STATUS_IN_PROGRESS:
                # the workflow then moves to its first step not approved: the confidentiality review
                current.specific.cancel(user=revision.user, comment=SENT_BACK_COMMENT)
            else:
                state.update(user=revision.user)
        else:  # needs changes: resuming restarts the confidentiality review, not the step that rejected it
            state.current_task_state = stale[-1]
            state.save(update_fields=["current_task_state"])
        log(
            instance=revision.as_object(),
            action="publishing.sent_back",
            user=revision.user,
            revision=revision,
            data={"task": stale[-1].task.name, "comment": SENT_BACK_COMMENT},
        )
    logger.info("Item %s sent back to the confidentiality review after an edit", revision.object_id)
    return True


# What a revision holds besides the information itself: Wagtail's bookkeeping, fields derived from the others,
# comments. Everything else (fields added later included) counts as content.
_NOT_CONTENT = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "translation_key",
        "locale",
        "latest_revision",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "draft_title",
        "url_path",
        "owner",
        "latest_revision_created_at",
        "alias_of",
        "content_type",
        "page_ptr",
        "search_text",
        "due_on",
        "comments",
        "wagtail_admin_comments",
    }
)


def reviewed_content(content: dict) -> dict:
    """The part of a revision's content that a confidentiality conclusion is about, rich text normalized.

    Values are compared as stored (JSON): a revision just saved still holds dates where a loaded one has strings.
    """
    stored = json.loads(json.dumps(content, cls=DjangoJSONEncoder))
    reviewed = {key: value for key, value in stored.items() if key not in _NOT_CONTENT}
    if isinstance(reviewed.get("body"), str):
        reviewed["body"] = normalized_rich_text(reviewed["body"])
    return reviewed
