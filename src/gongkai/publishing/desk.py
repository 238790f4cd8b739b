"""What the staff desk shows: items at risk of missing the 20 working days, the register entries due for
re-evaluation, and the cleanup list (items past their validity, attachments whose file is gone, links to pages
that are no longer published)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Page

from gongkai.agencies.models import Agency
from gongkai.workdays.services import current_calendar

from .choices import Validity
from .models import InformationItemPage, ItemAttachment, WithheldInformation

_PAGE_LINK = re.compile(r'linktype="page"\s+id="(\d+)"|id="(\d+)"\s+linktype="page"')


@dataclass(frozen=True)
class AtRisk:
    item: InformationItemPage
    days_left: int  # working days left until the limit; negative when it is already late


def at_risk(agency: Agency) -> list[AtRisk]:
    """Unpublished items with a limit, soonest first, with the working days left (第二十六条); items withheld
    (in the register, not released) are not late: they are not to be published."""
    today = timezone.localdate()
    calendar = current_calendar()
    items = InformationItemPage.objects.filter(
        agency=agency, live=False, expired=False, due_on__isnull=False
    ).exclude(
        pk__in=WithheldInformation.objects.filter(released_on__isnull=True, item__isnull=False).values(
            "item_id"
        )
    )
    rows = []
    for item in items.order_by("due_on")[:200]:
        if item.due_on >= today:
            left = calendar.workdays_between(today, item.due_on)
        else:
            left = -calendar.workdays_between(item.due_on, today)
        rows.append(AtRisk(item, left))
    return rows


def due_for_reevaluation(agency: Agency):
    """Register entries not yet released, those due (re-evaluation date reached) first, with their evaluations."""
    return (
        WithheldInformation.objects.filter(agency=agency, released_on__isnull=True)
        .select_related("reviewer")
        .prefetch_related("reevaluations__evaluator")
        .order_by("reevaluate_on")
    )


@dataclass(frozen=True)
class Problem:
    item: InformationItemPage
    problem: str


def cleanup(agency: Agency) -> list[Problem]:
    """Published items that need upkeep."""
    problems: list[Problem] = []
    live = InformationItemPage.objects.filter(agency=agency, live=True)
    for item in live.exclude(validity=Validity.VALID).order_by("validity_changed_on")[:500]:
        problems.append(
            Problem(item, f"已{item.get_validity_display()}（{item.validity_changed_on}），仍在发布")
        )
    for attachment in ItemAttachment.objects.filter(page__agency=agency, page__live=True).select_related(
        "document", "page"
    )[:2000]:
        if not attachment.document.file.storage.exists(attachment.document.file.name):
            problems.append(Problem(attachment.page, f"附件“{attachment.label}”的文件缺失"))
    linking = list(live.filter(body__contains='linktype="page"').only("pk", "title", "body")[:2000])
    targets = {int(a or b) for item in linking for a, b in _PAGE_LINK.findall(item.body)}
    alive = set(Page.objects.filter(pk__in=targets, live=True).values_list("pk", flat=True))
    for item in linking:
        dead = sorted({int(a or b) for a, b in _PAGE_LINK.findall(item.body)} - alive)
        if dead:
            problems.append(
                Problem(item, f"正文链接的页面已不存在或已撤下（页面 {', '.join(map(str, dead))}）")
            )
    return problems
