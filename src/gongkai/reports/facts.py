"""The facts of a year that the drafted prose states, gathered from the records (see reports.prose).

Table figures (applications, appeals, decisions) are read from the assembled report, so the prose and the tables
say the same; the rest — late items and applications, fees collected, the power list's size, the people of the
sign-off chain — from the records of the agency (and, for a government, of the departments it consolidates).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q
from django.utils import timezone

from gongkai.agencies.models import Agency, Person
from gongkai.agencies.roles import SIGNOFF_CHAIN, roles_with
from gongkai.applications.choices import EventKind
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.core.report import formats
from gongkai.core.report.formats import PROACTIVE, REQUESTS
from gongkai.core.report.model import AnnualReport
from gongkai.powers.categories import ITEM_ROWS, report_row
from gongkai.powers.models import PowerItem, PowerList
from gongkai.publishing import figures as publishing_figures
from gongkai.publishing.choices import Article20, Article21
from gongkai.workrecords import prose as work_prose

from .prose import Facts, PowerRow, PublishingFacts

ROW_LABELS = {
    "licensing": "行政许可事项",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚事项",
    "coercion": "行政强制事项",
}


def _total(report: AnnualReport, row: str) -> int:
    return report.value(REQUESTS, row, "total") or 0


def _rows_sum(report: AnnualReport, prefix: str) -> int:
    return sum(
        cols["total"].value or 0
        for key, cols in report.requests.items()
        if key == prefix or key.startswith(prefix + ".")
    )


def gather(
    agency: Agency,
    year: int,
    report: AnnualReport,
    members: list[Agency],
    missing: tuple[str, ...] = (),
    added: work_prose.Additions | None = None,
) -> Facts:
    """The facts of ``agency``'s ``year`` over ``members`` (`reports.members.members`); ``added``: the work
    records' additions when the caller read them (they know whether ratings are recorded)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    ids = [a.pk for a in members]  # ids, not instances, in every query: a province's are thousands
    today = timezone.localdate()
    as_of = today if today < end else None  # what is true on 31 December, or today while the year runs
    day = as_of or end
    # the applications' facts in one pass over the members' applications (a province has hundreds of thousands)
    counts = Application.objects.filter(agency_id__in=ids).aggregate(
        before=Count("pk", filter=Q(received_on__lt=start)),
        previous_new=Count("pk", filter=Q(received_on__year=year - 1)),
        answered_late=Count(
            "pk",
            filter=Q(counted_on__gte=start, counted_on__lte=end, due__isnull=False, counted_on__gt=F("due")),
        ),
        open_overdue=Count(
            "pk",
            filter=(Q(counted_on__isnull=True) | Q(counted_on__gt=day))
            & Q(received_on__lte=day, due__lt=day),
        ),
    )
    fees_amount, fees_count = _fees(ids, year)
    appeal = report.appeals
    corrected_litigation = sum(
        appeal[f"{g}.corrected"].value or 0 for g in ("litigation_direct", "litigation_after_review")
    )
    return Facts(
        agency=agency.name,
        year=year,
        government=len(members) > 1 or agency.kind == "government",
        disclosure_office=agency.disclosure_office,
        office_address=agency.office_address,
        office_phone=agency.office_phone,
        office_hours=agency.office_hours,
        new=_total(report, "new"),
        new_organisations=sum(
            report.value(REQUESTS, "new", c) or 0 for c in formats.ORGANISATION_COLUMN_KEYS
        ),
        carried_over=_total(report, "carried_over"),
        concluded=_total(report, "total"),
        granted=_total(report, "granted"),
        partial=_total(report, "partial"),
        withheld=_rows_sum(report, "withheld"),
        unavailable=_rows_sum(report, "unavailable"),
        not_processed=_rows_sum(report, "not_processed"),
        other=_rows_sum(report, "other"),
        carried_forward=_total(report, "carried_forward"),
        previous_new=(
            counts["previous_new"] if year - 1 >= formats.FIRST_YEAR and counts["before"] else None
        ),
        answered_late=counts["answered_late"],
        open_overdue=counts["open_overdue"],
        review=appeal["review.total"].value or 0,
        review_corrected=appeal["review.corrected"].value or 0,
        litigation=(appeal["litigation_direct.total"].value or 0)
        + (appeal["litigation_after_review.total"].value or 0),
        litigation_corrected=corrected_litigation,
        fees_amount=fees_amount,
        fees_count=fees_count,
        unpaid_fee_notices=ApplicationEvent.objects.filter(
            application__agency_id__in=ids, kind=EventKind.FEE_UNPAID, on__gte=start, on__lte=end
        ).count(),
        publishing=_publishing_facts(members, year),
        powers=_power_rows(report, ids, year),
        signoff_chain=_signoff_chain(agency),
        departments=tuple(a.name for a in members[1:]),
        missing_departments=missing,
        ratings_recorded=added.ratings_recorded
        if added is not None
        else work_prose.ratings_recorded(agency, year),
        accountability_recorded=work_prose.accountability_recorded(agency, year),
        as_of=as_of,
    )


def known(f: Facts) -> dict[str, int | Decimal]:
    """The facts of the records the prose may state, under the names of `core.audit.stated.FACTS`, for the
    text-vs-table check of a generated report."""
    result: dict[str, int | Decimal] = {
        "answered_late": f.answered_late,
        "open_overdue": f.open_overdue,
        "processing_fee_amount": f.fees_amount,
        "processing_fee_count": f.fees_count,
        "unpaid_fee": f.unpaid_fee_notices,
    }
    if f.publishing is not None:
        result.update(
            published=f.publishing.published,
            withheld_register=f.publishing.withheld,
            late_published=f.publishing.late,
        )
    keys = {label: key for key, label in ROW_LABELS.items()}
    for row in f.powers:
        key = keys[row.label]
        if row.after is not None:
            result[f"{key}.items"] = row.after
        if row.before is not None:
            result[f"{key}.items_before"] = row.before
    return result


def _fees(ids: list[int], year: int) -> tuple[Decimal, int]:
    """信息处理费 collected in ``year`` by the agencies ``ids``: the amount of each application's fee notice, counted
    when paid."""
    paid = set(
        ApplicationEvent.objects.filter(
            application__agency_id__in=ids, kind=EventKind.FEE_PAID, on__year=year
        ).values_list("application_id", flat=True)
    )
    if not paid:
        return Decimal(0), 0
    amounts: dict[int, Decimal] = {}
    for app_id, data in (
        ApplicationEvent.objects.filter(application_id__in=paid, kind=EventKind.FEE_NOTICE)
        .order_by("on", "pk")
        .values_list("application_id", "data")
    ):
        amounts[app_id] = Decimal(str(data.get("amount", 0)))
    return sum(amounts.values(), Decimal(0)), len(paid)


def _category_name(key: str) -> str:
    """第二十条 categories by their item number (第二十条第（五）项), 第二十一条 ones by their label."""
    if key in Article20.values:
        return f"第二十条第{Article20(key).label.split('）')[0]}）项所列信息"
    if key in Article21.values:
        return Article21(key).label
    return key


def _publishing_facts(members: list[Agency], year: int) -> PublishingFacts:
    """``publishing.figures.summary_many`` of the year over the members."""
    # items in the sign-off chain *now* say something only about a recent year
    current = timezone.localdate().year <= year + 1
    summary = publishing_figures.summary_many(members, year)
    ordered = sorted(summary["by_category"].items(), key=lambda kv: _category_order(kv[0]))
    return PublishingFacts(
        summary["published"],
        tuple((_category_name(k), n) for k, n in ordered if n),
        summary["late"],
        summary["withheld"],
        summary["in_signoff"] if current else 0,
    )


def _category_order(key: str) -> tuple[int, int]:
    if key in Article20.values:
        return 0, list(Article20.values).index(key)
    if key in Article21.values:
        return 1, list(Article21.values).index(key)
    return 2, 0


def _power_rows(report: AnnualReport, ids: list[int], year: int) -> tuple[PowerRow, ...]:
    template = report.template
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    listed = PowerList.objects.filter(agency_id__in=ids, year=year).count() == len(ids)
    items = PowerItem.objects.filter(power_list__agency_id__in=ids, power_list__year=year)
    for category, added_on, removed_on in (
        items.values_list("category", "added_on", "removed_on").order_by() if listed else ()
    ):
        row = report_row(template, category)
        if row is None:
            continue
        if added_on is None or added_on.year < year:
            before[row] += 1
        if removed_on is None:
            after[row] += 1
    rows = []
    for row in ITEM_ROWS[template]:
        decisions = report.value(PROACTIVE, f"{row}.decisions")
        rows.append(
            PowerRow(
                ROW_LABELS[row],
                before[row] if listed else None,
                after[row] if listed else None,
                int(decisions) if decisions is not None else None,
            )
        )
    return tuple(rows)


def _signoff_chain(agency: Agency) -> tuple[tuple[str, int], ...]:
    """How many people of the agency may take each step of the sign-off chain."""
    people = Person.objects.filter(agency=agency)
    return tuple(
        (step.label, people.filter(role_assignments__role__in=roles_with(perm)).distinct().count())
        for step, perm in SIGNOFF_CHAIN
    )
