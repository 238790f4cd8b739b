"""Service functions of 主动公开: sections, index numbers, the review chain's state changes and the register.

Each state change runs in one transaction and leaves its trace in the page history (Wagtail's log) or in the
agencies' audit trail.
"""

from __future__ import annotations

import datetime
import html
import json
import logging
import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision, TaskState, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm
from gongkai.workdays.services import current_calendar

from .choices import ARTICLE20_NUMBER, Conclusion, Ground
from .models import (
    TIME_LIMIT_WORKDAYS,
    ConfidentialityConclusion,
    ConfidentialityReviewTask,
    DisclosureSectionPage,
    IndexCounter,
    InformationItemPage,
    PublishingSettings,
    ScopedApprovalTask,
    WithheldInformation,
)

logger = logging.getLogger(__name__)

WORKFLOW_NAME = "主动公开审核发布"
CHAIN = (
    ("复核", Perm.CHECK_INFORMATION),
    ("保密审查", Perm.REVIEW_CONFIDENTIALITY),
    ("审核", Perm.APPROVE_INFORMATION),
)
SENT_BACK_COMMENT = "保密审查后内容已修改，退回保密审查"


# --- sections and the workflow -------------------------------------------------------------------------------


def ensure_workflow() -> Workflow:
    """The review chain 复核 → 保密审查 → 审核 as one Wagtail workflow (created once, then reused)."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    for order, (name, perm) in enumerate(CHAIN):
        if perm == Perm.REVIEW_CONFIDENTIALITY:
            task = ConfidentialityReviewTask.objects.create(name=name)
        else:
            task = ScopedApprovalTask.objects.create(name=name, permission=perm.value)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


@transaction.atomic
def create_section(agency: Agency, home: Page, *, title: str = "", intro: str = "") -> DisclosureSectionPage:
    """The agency's 政府信息公开 column under the portal's home page, with the review chain assigned to it."""
    existing = DisclosureSectionPage.objects.filter(agency=agency).first()
    if existing is not None:
        return existing
    section = home.add_child(
        instance=DisclosureSectionPage(
            title=title or f"{agency.name}政府信息公开",
            slug=agency.code,
            agency=agency,
            intro=intro,
        )
    )
    section.save_revision().publish()
    WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": ensure_workflow()})
    return section


def settings_for(agency: Agency) -> PublishingSettings:
    return PublishingSettings.objects.filter(agency=agency).first() or PublishingSettings(agency=agency)


# --- index numbers ----------------------------------------------------------------------------------------------


def reserve_seqs(agency: Agency, year: int, count: int = 1) -> int:
    """Reserve ``count`` consecutive sequence numbers of ``agency``'s ``year``; return the first.

    The counter row is locked with select_for_update inside the caller's transaction, so concurrent saves queue
    and numbers stay gapless (a rolled-back save gives its number back with the rest of its transaction).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("reserve_seqs must run inside transaction.atomic()")
    counter = IndexCounter.objects.select_for_update().filter(agency=agency, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                IndexCounter.objects.create(agency=agency, year=year)
        except IntegrityError:
            pass  # created concurrently; lock it below
        counter = IndexCounter.objects.select_for_update().get(agency=agency, year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return first


def format_index(pattern: str, agency: Agency, category: str, year: int, seq: int) -> str:
    return pattern.format(
        agency_code=agency.code,
        category=category,
        category_no=ARTICLE20_NUMBER.get(category, 0),
        year=year,
        seq=seq,
    )


def item_slug(year: int, seq: int) -> str:
    return f"{year}-{seq:05d}"


# --- the item's derived fields ---------------------------------------------------------------------------------


_TAG = re.compile(r"<[^>]*>")


def plain_text(*parts: str) -> str:
    """Lower-cased plain text for substring search (tags dropped, entities decoded, whitespace collapsed).

    A regular expression rather than an HTML parser: the input is Wagtail's own rich text, and this runs for
    every item of a bulk insert."""
    text = " ".join(html.unescape(_TAG.sub(" ", p)) for p in parts if p)
    return " ".join(text.split()).lower()


_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|<br/?>)*</p>")


def normalized_rich_text(value: str) -> str:
    """Rich text as the reader sees it: the editor's block keys dropped, an empty paragraph is nothing.

    Draftail sends an empty body as one empty block, which Wagtail stores as ``<p data-block-key="…"></p>``; the
    next save of the same form sends it back as empty. Without this every save of an item with no body would be
    an edit.
    """
    value = _EMPTY_PARAGRAPH.sub("", _BLOCK_KEY.sub("", value or ""))
    return value.strip()


def due_date(start: datetime.date, calendar=None) -> datetime.date:
    """The last day to publish: 20 working days from the day after ``start`` (条例第二十六条)."""
    return (calendar or current_calendar()).add_workdays(start, TIME_LIMIT_WORKDAYS)


def prepare_item(item: InformationItemPage) -> None:
    """Fill what an item derives before it is saved (inside the save's transaction): agency, index number and
    slug (once), search text, due date, the publication date (the day it first went live)."""
    if item.agency_id is None:
        parent = item.get_parent() if item.path else None
        section = DisclosureSectionPage.objects.filter(pk=parent.pk).first() if parent else None
        if section is None:
            raise ValidationError("主动公开信息只能建在机关的政府信息公开栏目下")
        item.agency_id = section.agency_id
    if not item.index_number:
        agency = Agency.objects.get(pk=item.agency_id)
        year = (item.formed_on or timezone.localdate()).year
        seq = reserve_seqs(agency, year)
        item.index_year, item.index_seq = year, seq
        item.index_number = format_index(settings_for(agency).index_pattern, agency, item.category, year, seq)
        if item.pk is None:
            item.slug = item_slug(year, seq)
    if item.live and item.first_published_at and not item.published_on:
        item.published_on = timezone.localdate(item.first_published_at)
    item.search_text = plain_text(
        item.title, item.index_number, item.document_number, item.summary, item.body
    )
    item.due_on = due_date(item.clock_start) if item.formed_on else None


def recompute_due(years: set[int]) -> int:
    """After the calendar of ``years`` changed: refresh the cached limits whose 20 working days touch them."""
    calendar = current_calendar()
    starts = {y for year in years for y in (year - 1, year)}
    items = InformationItemPage.objects.filter(
        Q(formed_on__year__in=starts) | Q(changed_on__year__in=starts)
    ).only("pk", "formed_on", "changed_on", "due_on")
    changed = []
    for item in items.iterator(chunk_size=2000):
        due = due_date(item.clock_start, calendar)
        if due != item.due_on:
            item.due_on = due
            changed.append(item)
    InformationItemPage.objects.bulk_update(changed, ["due_on"], batch_size=2000)
    return len(changed)


# --- the confidentiality review --------------------------------------------------------------------------------


def reevaluation_date(agency: Agency, decided_on: datetime.date) -> datetime.date:
    months = settings_for(agency).reevaluation_months
    month = decided_on.month - 1 + months
    year, month = decided_on.year + month // 12, month % 12 + 1
    day = min(decided_on.day, 28)
    return datetime.date(year, month, day)


@transaction.atomic
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
    """Record the reviewer's conclusion on the item's latest revision.

    可公开 / 部分公开 approve the step; 不予公开 enters the item into the register of withheld information and
    ends the workflow without publishing.
    """
    conclusion = Conclusion(conclusion)
    if conclusion == Conclusion.PARTIAL and not removed.strip():
        raise ValidationError("部分公开须写明删除或遮盖的内容")
    if conclusion == Conclusion.WITHHELD and not ground:
        raise ValidationError("不予公开须选择依据")
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
    if conclusion != Conclusion.WITHHELD:
        from .tasks import approve

        approve(task_state, user, text)
        return record
    today = timezone.localdate()
    entry = WithheldInformation.objects.create(
        agency_id=item.agency_id,
        item=item,
        title=item.title,
        ground=record.ground,
        reason=comment,
        decided_on=today,
        reevaluate_on=reevaluation_date(item.agency, today),
        reviewer=user,
    )
    history.record(entry, "wagtail.create", user, changes=history.diff({}, history.snapshot(entry)))
    task_state.reject(user=user, update=False, comment=text)
    task_state.workflow_state.cancel(user=user)
    return record


def send_back_if_edited(revision: Revision) -> bool:
    """After a new revision of an item under review: if the confidentiality review had already concluded on an
    earlier revision whose content differs, that conclusion no longer holds — the item returns to 保密审查.

    Runs for every new revision (the admin's edit view, the API, scripts), so no path around it exists. A revision
    with the same content (e.g. the admin saving the form when an approver presses 审核 without changing
    anything) carries the conclusion over. Returns whether the item was sent back.
    """
    state = (
        WorkflowState.objects.active()
        .filter(base_content_type=revision.base_content_type_id, object_id=revision.object_id)
        .select_related("current_task_state")
        .first()
    )
    if state is None:
        return False
    conf_tasks = ConfidentialityReviewTask.objects.values("pk")
    approved = list(
        TaskState.objects.filter(workflow_state=state, task__in=conf_tasks, status=TaskState.STATUS_APPROVED)
    )
    bound = ConfidentialityConclusion.objects.filter(task_state__in=approved, superseded_at__isnull=True)
    reviewed = reviewed_content(revision.content)
    stale = []
    for task_state in approved:
        conclusion = bound.filter(task_state=task_state).select_related("revision").first()
        if conclusion is None or conclusion.revision is None:
            stale.append(task_state)
        elif conclusion.revision_id != revision.pk:
            if reviewed_content(conclusion.revision.content) == reviewed:
                ConfidentialityConclusion.objects.filter(pk=conclusion.pk).update(revision=revision)
            else:
                stale.append(task_state)
    if not stale:
        return False
    now = timezone.now()
    with transaction.atomic():
        TaskState.objects.filter(pk__in=[ts.pk for ts in stale]).update(status=TaskState.STATUS_CANCELLED)
        bound.filter(task_state__in=stale).update(superseded_at=now)
        current = state.current_task_state
        if state.status == WorkflowState.STATUS_IN_PROGRESS:
            if current is not None and current.status == TaskState.STATUS_IN_PROGRESS:
                TaskState.objects.filter(pk=current.pk).update(
                    status=TaskState.STATUS_CANCELLED,
                    finished_at=now,
                    finished_by=revision.user,
                    comment=SENT_BACK_COMMENT,
                )
            state.current_task_state = stale[-1].task.specific.start(state, user=revision.user)
        else:  # needs changes: resuming restarts the confidentiality review, not the step that rejected it
            state.current_task_state = stale[-1]
        state.save()
        item = revision.as_object()
        log(
            instance=item,
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


def is_item_revision(revision: Revision) -> bool:
    return revision.content_type_id == ContentType.objects.get_for_model(InformationItemPage).pk


# --- the register of withheld information ---------------------------------------------------------------------


@transaction.atomic
def reevaluate(
    entry: WithheldInformation, *, by, release: bool, next_on: datetime.date | None = None
) -> None:
    """Record a 第十八条 re-evaluation: release the entry (it may now be published) or set the next date."""
    before = history.snapshot(entry)
    today = timezone.localdate()
    if release:
        entry.released_on = today
    else:
        entry.reevaluate_on = next_on or reevaluation_date(entry.agency, today)
        if entry.reevaluate_on <= today:
            raise ValidationError({"reevaluate_on": "下次评估日期应晚于今天"})
    entry.save()
    history.record(entry, "wagtail.edit", by, changes=history.diff(before, history.snapshot(entry)))
