"""Service functions of 主动公开: the agency's column with its sign-off chain, the limits after a calendar change,
and the register's re-evaluations. The chain's own steps are `workflow`; an item derives its 索引号, search text
and time limit when it is saved (`InformationItemPage.derive`).

Each state change runs in one transaction and leaves its trace in the page history (Wagtail's log) or in the
agencies' audit trail.
"""

from __future__ import annotations

import datetime
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Revision, Workflow, WorkflowPage, WorkflowTask

from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import SIGNOFF_CHAIN, Perm
from gongkai.core.errors import Refused
from gongkai.workdays.services import current_calendar

from .models import (
    ConfidentialityReviewTask,
    DisclosureSectionPage,
    InformationItemPage,
    PublishingSettings,
    Reevaluation,
    ScopedApprovalTask,
    WithheldInformation,
)
from .models.settings import due_date

logger = logging.getLogger(__name__)

WORKFLOW_NAME = "主动公开审核发布"


# --- sections and the workflow -------------------------------------------------------------------------------


def ensure_workflow() -> Workflow:
    """The sign-off chain 复核 → 保密审查 → 审核 as one Wagtail workflow (created once, then reused)."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    for order, (step, perm) in enumerate(SIGNOFF_CHAIN):
        if perm == Perm.REVIEW_CONFIDENTIALITY:
            task = ConfidentialityReviewTask.objects.create(name=step.label)
        else:
            task = ScopedApprovalTask.objects.create(name=step.label, permission=perm.value)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


@transaction.atomic
def create_section(agency: Agency, home: Page, *, title: str = "", intro: str = "") -> DisclosureSectionPage:
    """The agency's 政府信息公开 column under the portal's home page, with the sign-off chain assigned to it."""
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


# --- the items' limits -----------------------------------------------------------------------------------------


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


def is_item_revision(revision: Revision) -> bool:
    return revision.content_type_id == ContentType.objects.get_for_model(InformationItemPage).pk


# --- the register of withheld information ---------------------------------------------------------------------


@transaction.atomic
def reevaluate(
    entry: WithheldInformation,
    *,
    by,
    release: bool,
    next_on: datetime.date | None = None,
    reason: str = "",
) -> Reevaluation:
    """Record a 第十八条 re-evaluation: release the entry (it may now be published: its author resubmits it to the
    sign-off chain) or set the next date. Every evaluation is kept (`Reevaluation`); a release needs its reason."""
    before = history.snapshot(entry)
    today = timezone.localdate()
    reason = reason.strip()
    if release:
        if not reason:
            raise Refused("解除登记须写明评估意见（为何现在可以公开）")
        entry.released_on = today
    else:
        entry.reevaluate_on = next_on or PublishingSettings.of(entry.agency).reevaluation_date(today)
        if entry.reevaluate_on <= today:
            raise Refused("下次评估日期应晚于今天")
    entry.save()
    evaluation = Reevaluation.objects.create(
        entry=entry,
        evaluated_on=today,
        evaluator=by,
        released=release,
        reason=reason,
        next_on=None if release else entry.reevaluate_on,
    )
    history.record(entry, "wagtail.edit", by, changes=history.diff(before, history.snapshot(entry)))
    return evaluation
