"""Figures of 主动公开 for the annual report and the desk, computed from the items, with drill-down.

Table 二 第（一）项 (规章 = ``rules``, 行政规范性文件 = ``normative_documents``; an item counts by its
``document_kind``), for year Y of agency A:

2019 template (国办公开办函〔2019〕60号):
  * ``*.made`` — 本年新制作数量: items formed (成文日期) in Y;
  * ``*.published`` — 本年新公开数量: items first published (发布日期) in Y;
  * ``*.total_published`` — 对外公开总数量: items first published on or before 31 December of Y.
2021 template (国办公开办函〔2021〕30号):
  * ``*.issued`` — 本年制发件数: items formed in Y and first published in Y;
  * ``*.repealed`` — 本年废止件数: items 废止 with a 废止日期 in Y;
  * ``*.in_force`` — 现行有效件数: items published by 31 December of Y and not 失效/废止 on that day
    (a 失效/废止 dated after the year's end still counts as in force at the end of Y).

These are counted zeros, never blanks: with no items every figure is 0.

``summary`` gives the year at a glance (published, late against the 20 working days of 第二十六条, withheld,
per 第二十条 category, in the sign-off chain now).
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, QuerySet
from wagtail.models import Page, WorkflowState

from gongkai.agencies.models import Agency
from gongkai.core.report.formats import TEMPLATE_2019, TEMPLATE_2021, template_for_year
from gongkai.core.report.tables import Source

from .choices import DocumentKind, Validity
from .models import InformationItemPage, WithheldInformation

KINDS = (DocumentKind.RULES.value, DocumentKind.NORMATIVE.value)
MEASURES = {
    TEMPLATE_2019: ("made", "published", "total_published"),
    TEMPLATE_2021: ("issued", "repealed", "in_force"),
}


def keys(template: str) -> list[str]:
    """The 第（一）项 keys of ``template`` (e.g. ``rules.made``)."""
    return [f"{kind}.{measure}" for kind in KINDS for measure in MEASURES[template]]


def _condition(measure: str, year: int) -> Q:
    end = datetime.date(year, 12, 31)
    formed = Q(formed_on__year=year)
    published = Q(published_on__year=year)
    published_by_end = Q(published_on__lte=end)
    if measure == "made":
        return formed
    if measure == "published":
        return published
    if measure == "total_published":
        return published_by_end
    if measure == "issued":
        return formed & published
    if measure == "repealed":
        return Q(validity=Validity.REPEALED, validity_changed_on__year=year)
    if measure == "in_force":
        ended = ~Q(validity=Validity.VALID) & Q(validity_changed_on__lte=end)
        return published_by_end & ~ended
    raise KeyError(measure)


def _split(template: str, key: str) -> tuple[str, str]:
    kind, _, measure = key.partition(".")
    if kind not in KINDS or measure not in MEASURES.get(template, ()):
        raise KeyError(f"not a 第（一）项 key of the {template} template: {key}")
    return kind, measure


def rules_items(agency: Agency, year: int, template: str, key: str) -> QuerySet[InformationItemPage]:
    """The items behind one 第（一）项 figure."""
    kind, measure = _split(template, key)
    return InformationItemPage.objects.filter(agency=agency, document_kind=kind).filter(
        _condition(measure, year)
    )


def rules_figures(agency: Agency, year: int, template: str) -> dict[str, int]:
    """Table 二 第（一）项 of ``agency``'s ``year`` in ``template``: {key: count} (see the module's rules)."""
    return rules_figures_many([agency.pk], year, template)[agency.pk]


def rules_figures_many(agency_ids: list[int], year: int, template: str) -> dict[int, dict[str, int]]:
    """`rules_figures` of each agency: {agency id: {key: count}}, in one query whatever the number of agencies
    (a province's consolidation and its table of all agencies' figures read thousands)."""
    aggregates = {}
    for kind in KINDS:
        for measure in MEASURES[template]:
            condition = Q(document_kind=kind) & _condition(measure, year)
            aggregates[f"{kind}.{measure}"] = Count("pk", filter=condition)
    figures = {pk: dict.fromkeys(aggregates, 0) for pk in agency_ids}
    counted = (
        InformationItemPage.objects.filter(agency_id__in=agency_ids, document_kind__in=KINDS)
        .values("agency_id")
        .annotate(**aggregates)
        .order_by()
    )
    for row in counted:
        pk = row.pop("agency_id")
        figures[pk] = {key: int(value or 0) for key, value in row.items()}
    return figures


def rules_sources(agency: Agency, year: int, template: str, key: str | None = None) -> list[Source]:
    """The items behind a figure as report sources. Called as (agency, year, template, key) or, with the
    year's own template, (agency, year, key)."""
    if key is None:
        template, key = template_for_year(year), template
    return [
        Source("item", item.pk, f"{item.index_number} {item.title}", 1)
        for item in rules_items(agency, year, template, key)
        .order_by("index_number")
        .only("pk", "index_number", "title")
    ]


def late_items(agency: Agency, year: int) -> QuerySet[InformationItemPage]:
    """Items first published in ``year`` after their 20-working-day limit (第二十六条)."""
    return _late(InformationItemPage.objects.filter(agency=agency), year)


def _late(items: QuerySet[InformationItemPage], year: int) -> QuerySet[InformationItemPage]:
    return items.filter(published_on__year=year, due_on__isnull=False, published_on__gt=F("due_on"))


def in_signoff(agency: Agency) -> QuerySet[InformationItemPage]:
    """Items of ``agency`` now in the sign-off chain (a workflow in progress or sent back for changes)."""
    return _in_signoff(InformationItemPage.objects.filter(agency=agency))


def _in_signoff(items: QuerySet[InformationItemPage]) -> QuerySet[InformationItemPage]:
    pages = ContentType.objects.get_for_model(Page)
    ids = WorkflowState.objects.active().filter(base_content_type=pages).values_list("object_id", flat=True)
    return items.filter(pk__in=[int(pk) for pk in ids])


def summary(agency: Agency, year: int) -> dict:
    """The year of ``agency``'s proactive disclosure at a glance (`summary_many`)."""
    return summary_many([agency], year)


def summary_many(agencies: list[Agency], year: int) -> dict:
    """The year of several agencies' proactive disclosure together (a government's report and its
    departments'): items published, late against 第二十六条, withheld, per 第二十条 category, in the sign-off
    chain now."""
    ids = [a.pk for a in agencies]  # not the instances: Django would read each one's key again
    items = InformationItemPage.objects.filter(agency_id__in=ids)
    published = items.filter(published_on__year=year)
    # the late ones (`_late`) counted in the same pass over the year's items: a province's are a million rows
    late = Count("pk", filter=Q(due_on__isnull=False, published_on__gt=F("due_on")))
    counted = published.values_list("category").annotate(n=Count("pk"), late=late).order_by()
    by_category = {key: int(n) for key, n, _ in counted}
    return {
        "published": sum(by_category.values()),
        "late": sum(int(n) for _, _, n in counted),
        "withheld": WithheldInformation.objects.filter(agency_id__in=ids, decided_on__year=year).count(),
        "by_category": by_category,
        "in_signoff": _in_signoff(items).count(),
    }
