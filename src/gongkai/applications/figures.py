"""Table 三 from the cases: for an agency and a year, in either template, with every cell traceable.

- 本年新收 (`new`): received (legal receipt date) in the year;
- 上年结转 (`carried_over`): received before the year and without a result before it;
- result rows: the result (decision, abandonment, unpaid fee, withdrawal) dated in the year, by its outcome;
- 结转下年度 (`carried_forward`): received by the year's end and without a result by then.

A result is the case's first one (`counted_outcome`, `counted_on`). An application that a review or a court
re-opens keeps that first result in the year it was made (the published report of that year stays true), and
its later result is not counted again: table 三 counts applications, once each, and the 纠正 itself is counted
in table 四. So new + carried_over = total + carried_forward holds by construction. Applications submitted online but not
yet confirmed are not received in law and count nowhere. The 2019 template has one 其他处理 row (`other`), in which
the three 2021 其他处理 outcomes count together (`core.report.tables.row_of_outcome`).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet

from gongkai.agencies.models import Agency
from gongkai.core.report import formats
from gongkai.core.report.model import AnnualReport
from gongkai.core.report.tables import outcomes_of_row, row_of_outcome

from .models import Application


def _boundaries(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def row_filter(row: str, year: int, template: str) -> Q:
    """The condition on Application that selects the cases of `row` (any applicant column)."""
    start, end = _boundaries(year)
    if row == "new":
        return Q(received_on__gte=start, received_on__lte=end)
    if row == "carried_over":
        return Q(received_on__lt=start) & (Q(counted_on__isnull=True) | Q(counted_on__gte=start))
    if row == "carried_forward":
        return Q(received_on__lte=end) & (Q(counted_on__isnull=True) | Q(counted_on__gt=end))
    in_year = Q(received_on__isnull=False, counted_on__gte=start, counted_on__lte=end)
    if row == "total":
        return in_year
    return in_year & Q(counted_outcome__in=outcomes_of_row(template, row))


def cases(
    agency: Agency, year: int, row: str, column: str = "total", template: str | None = None
) -> QuerySet:
    """The drill-down: the applications that make up one cell of table 三."""
    template = template or formats.template_for_year(year)
    spec = formats.get_template(template)
    if row not in spec.request_row_keys or column not in formats.REQUEST_COLUMN_KEYS:
        raise KeyError(f"表三没有 {row}/{column}")
    qs = Application.objects.filter(row_filter(row, year, template), agency=agency)
    if column != "total":
        qs = qs.filter(applicant_type=column)
    return qs.order_by("received_on", "pk")


def requests_figures_many(
    agency_ids: list[int], year: int, template: str | None = None
) -> dict[int, dict[str, dict[str, int]]]:
    """Table 三 of each agency: {agency id: {row key: {column key: count}}}, totals included, every cell counted
    (zeros are counted). Two queries whatever the number of agencies (a consolidation reads hundreds)."""
    template = template or formats.template_for_year(year)
    spec = formats.get_template(template)
    figures = {
        pk: {row: dict.fromkeys(formats.REQUEST_COLUMN_KEYS, 0) for row in spec.request_row_keys}
        for pk in agency_ids
    }
    mine = Application.objects.filter(agency_id__in=agency_ids)
    # the rows counted by when cases came in and went out, in one pass (a province has hundreds of thousands)
    spans = {row: row_filter(row, year, template) for row in ("new", "carried_over", "carried_forward")}
    either = spans["new"] | spans["carried_over"] | spans["carried_forward"]
    counted = (
        mine.filter(either)
        .values_list("agency_id", "applicant_type")
        .annotate(**{row: Count("pk", filter=where) for row, where in spans.items()})
        .order_by()
    )
    for agency_id, applicant, *numbers in counted:  # tuples, not dicts: a province has thousands of groups
        agency = figures[agency_id]
        for row, n in zip(spans, numbers, strict=True):
            agency[row][applicant] += n
    outcomes = (
        mine.filter(row_filter("total", year, template))
        .values_list("agency_id", "counted_outcome", "applicant_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows: dict[str, str] = {}
    for agency_id, outcome, applicant, n in outcomes:
        if outcome not in rows:
            rows[outcome] = row_of_outcome(template, outcome)
        agency = figures[agency_id]
        agency[rows[outcome]][applicant] += n
        agency["total"][applicant] += n
    for agency in figures.values():
        for cols in agency.values():
            cols["total"] = sum(cols[c] for c in formats.APPLICANT_COLUMN_KEYS)
    return figures


def requests_figures(agency: Agency, year: int, template: str | None = None) -> dict[str, dict[str, int]]:
    """{row key: {column key: count}} of table 三 of one agency (`requests_figures_many`)."""
    return requests_figures_many([agency.pk], year, template)[agency.pk]


def requests_report(agency: Agency, year: int, template: str | None = None) -> AnnualReport:
    """Table 三 as an AnnualReport (the other tables counted as zero until their apps fill them)."""
    template = template or formats.template_for_year(year)
    figures = requests_figures(agency, year, template)
    return AnnualReport.from_figures(template, year, agency.name, requests=figures, derive_totals=False)
