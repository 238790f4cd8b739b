"""Supervision of annual reports: every agency's status for a year, the statutory countdown, the late ones,
and one table of all agencies' figures (XLSX).

Status of an agency's report for a year: 未开始 (none kept), 编写中, 审核中, 退回修改, 已发布, or 逾期 — not
published and the statutory date (条例第四十九条: 31 January for departments, 31 March for governments) has
passed. A report published after its date is 已发布 and counted as late. Days are calendar days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.core.render.bulk_xlsx import table_xlsx
from gongkai.core.report import formats
from gongkai.core.report.formats import APPEALS, PROACTIVE, REQUESTS
from gongkai.core.report.model import AnnualReport
from gongkai.core.report.tables import all_keys

from . import assembly
from .deadlines import is_late, statutory_date
from .members import consolidates, members
from .models import AgencyReport, ReportStatus, ReportStep, SignoffDecision
from .services import signoff

NOT_STARTED = "not_started"
LATE = "late"
STATUS_LABELS = {NOT_STARTED: "未开始", **dict(ReportStatus.choices), LATE: "逾期"}


@dataclass(frozen=True)
class Row:
    """One agency's report for one year, as the supervising office and the desk see it."""

    agency: Agency
    year: int
    agency_report: AgencyReport | None
    status: str
    statutory_date: date
    days_left: int
    late: bool
    step: ReportStep | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def stage_label(self) -> str:
        """Where the report is, late or not: 未开始, 编写中, 审核中：保密审查, 退回修改, 已发布."""
        if self.agency_report is None:
            return STATUS_LABELS[NOT_STARTED]
        label = STATUS_LABELS[self.agency_report.status]
        return f"{label}：{self.step.label}" if self.step else label

    @property
    def returned_comment(self) -> str:
        """The comment the report was sent back with, while it is 退回修改 (shown on the office's desk)."""
        kept = self.agency_report
        if kept is None or kept.status != ReportStatus.RETURNED:
            return ""
        event = kept.signoff_events.filter(decision=SignoffDecision.RETURN).order_by("-at", "-pk").first()
        return event.comment if event else ""

    @property
    def published_on(self) -> date | None:
        kept = self.agency_report
        if kept is None or not kept.published:
            return None
        return kept.report_date or (kept.published_at and kept.published_at.date())

    @property
    def countdown(self) -> str:
        """``还有 12 天`` / ``今天到期`` / ``已逾期 3 天`` (calendar days), or how a published report stands."""
        if self.agency_report is not None and self.agency_report.published:
            return "已按期发布" if not self.late else "逾期发布"
        if self.days_left > 0:
            return f"还有 {self.days_left} 天"
        if self.days_left == 0:
            return "今天到期"
        return f"已逾期 {-self.days_left} 天"


def status_of(agency_report: AgencyReport | None, agency: Agency, year: int, today: date) -> str:
    if agency_report is not None and agency_report.published:
        return ReportStatus.PUBLISHED.value
    if is_late(agency_report, agency, year, today):
        return LATE
    return NOT_STARTED if agency_report is None else agency_report.status


def row_for(agency: Agency, year: int, agency_report: AgencyReport | None, today: date) -> Row:
    due = statutory_date(agency, year)
    return Row(
        agency=agency,
        year=year,
        agency_report=agency_report,
        status=status_of(agency_report, agency, year, today),
        statutory_date=due,
        days_left=(due - today).days,
        late=is_late(agency_report, agency, year, today),
        step=signoff.current_step(agency_report) if agency_report is not None else None,
    )


def rows(agencies: QuerySet[Agency] | Iterable[Agency], year: int, today: date) -> list[Row]:
    """The status of each agency's report for `year` (agencies in tree order)."""
    agencies = list(agencies)
    kept = {
        r.agency_id: r
        for r in AgencyReport.objects.filter(agency__in=[a.pk for a in agencies], year=year).select_related(
            "agency", "publication"
        )
    }
    return [row_for(a, year, kept.get(a.pk), today) for a in sorted(agencies, key=lambda a: a.path)]


def subtree(government: Agency, reachable: QuerySet[Agency]) -> QuerySet[Agency]:
    """The government and every agency below it, among those the user reaches."""
    return reachable.filter(path__startswith=government.path).order_by("path")


def counts(status_rows: list[Row]) -> dict[str, int]:
    """How many reports are at each stage (late ones included: a late report is still 编写中 or 审核中), how many
    are late and not yet published (逾期), and how many are late including those published late."""
    out = {label: 0 for label in STATUS_LABELS.values()}
    for row in status_rows:
        stage = NOT_STARTED if row.agency_report is None else row.agency_report.status
        out[STATUS_LABELS[stage]] += 1
        if row.status == LATE:
            out[STATUS_LABELS[LATE]] += 1
    out["逾期（含逾期发布）"] = sum(1 for row in status_rows if row.late)
    return out


def late_by_year(agencies: list[Agency], years: Iterable[int], today: date) -> dict[int, int]:
    """The number of late reports (not published by the statutory date) per year."""
    return {year: sum(1 for row in rows(agencies, year, today) if row.late) for year in years}


# -- the table of all agencies' figures -------------------------------------------------------------------------


def reports_for(status_rows: list[Row]) -> list[AnnualReport]:
    """What each row's figures are — the report as published (frozen), else as assembled from the records now —
    the figures only (no prose, no date), for all rows together: each agency's own tables counted once with a
    few queries, each report built once and taken as it is by the governments that consolidate it. (A province's
    table has thousands of rows; assembled one by one, each agency was counted and built once per level above.)"""
    covered = {row.agency.pk: row.agency for row in status_rows}
    tops: list[str] = []
    for row in sorted(status_rows, key=lambda r: r.agency.path):
        agency = row.agency
        if consolidates(agency) and not any(agency.path.startswith(top) for top in tops):
            tops.append(agency.path)
            covered.update((member.pk, member) for member in members(agency))
    years = {row.year for row in status_rows}
    in_order = sorted(covered.values(), key=lambda a: a.path)
    counted = {year: assembly.counted_for(in_order, year) for year in years}
    taken: dict[int, dict[int, AnnualReport]] = {year: {} for year in years}
    reports = []
    for row in status_rows:
        report = taken[row.year].get(row.agency.pk)
        if report is None:
            report = assembly.assembled(
                row.agency,
                row.year,
                row.agency_report,
                texts=False,
                counted=counted[row.year],
                members_taken=taken[row.year],
            ).report
        reports.append(report)
    return reports


def figures_of(template: str):
    """How to read every cell of ``template`` from a report, in the order of `all_keys` (blank: ``None``): a
    function of the report made once, which reads each table's cells with plain look-ups (a province's sheet has
    some 600,000)."""
    spec = formats.get_template(template)
    proactive_keys = list(spec.proactive_keys)
    request_rows = list(spec.request_row_keys)
    columns = list(formats.REQUEST_COLUMN_KEYS)
    appeal_keys = list(formats.APPEAL_KEYS)

    def read(report: AnnualReport) -> list:
        tables = report.tables
        found = tables.get(PROACTIVE, {})
        values = [None if (c := found.get(k)) is None else c.value for k in proactive_keys]
        requests = tables.get(REQUESTS, {})
        for row in request_rows:
            found = requests.get(row, {})
            values += [None if (c := found.get(k)) is None else c.value for k in columns]
        found = tables.get(APPEALS, {})
        values += [None if (c := found.get(k)) is None else c.value for k in appeal_keys]
        return values

    return read


def figures_xlsx(status_rows: list[Row], year: int) -> bytes:
    """One sheet, one row per agency: name, status, dates, then every cell of the year's template, headed by its
    official label (row 1) and its key (row 2). A blank stays blank. Written as one stream
    (`core.render.bulk_xlsx`): a province's sheet has thousands of rows of some two hundred cells."""
    template = formats.template_for_year(year)
    cells = all_keys(template)
    fixed = [
        ("agency", "机关"),
        ("code", "代码"),
        ("status", "状态"),
        ("due", "法定期限"),
        ("published", "发布日期"),
    ]
    columns = fixed + cells
    read = figures_of(template)
    body = (
        [
            row.agency.name,
            row.agency.code,
            row.status_label,
            row.statutory_date,
            row.published_on,
            *read(report),
        ]
        for row, report in zip(status_rows, reports_for(status_rows), strict=True)
    )
    return table_xlsx(
        f"{year}年度报告数据",
        [label for _, label in columns],
        [key for key, _ in columns],
        body,
        widths=[24] + [14] * (len(columns) - 1),
        frozen="C3",
    )
