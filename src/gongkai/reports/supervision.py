"""Supervision of annual reports: every agency's status for a year, the statutory countdown, the late ones,
and one table of all agencies' figures (XLSX).

Status of an agency's report for a year: 未开始 (no draft), 编写中, 审核中, 退回修改, 已发布, or 逾期 — not
published and the statutory date (条例第四十九条: 31 January for departments, 31 March for governments) has
passed. A report published after its date is 已发布 and counted as late. Days are calendar days.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gongkai.agencies.models import Agency
from gongkai.core.report import formats
from gongkai.core.report.formats import APPEALS, PROACTIVE, REQUESTS
from gongkai.core.report.model import AnnualReport

from . import assembly, review
from .models import AnnualReportDraft, ReportStatus
from .review_models import ReviewStep

NOT_STARTED = "not_started"
LATE = "late"
STATUS_LABELS = {
    NOT_STARTED: "未开始",
    ReportStatus.DRAFTING.value: "编写中",
    ReportStatus.IN_REVIEW.value: "审核中",
    ReportStatus.RETURNED.value: "退回修改",
    ReportStatus.PUBLISHED.value: "已发布",
    LATE: "逾期",
}


@dataclass(frozen=True)
class Row:
    """One agency's report for one year, as the supervising office and the desk see it."""

    agency: Agency
    year: int
    draft: AnnualReportDraft | None
    status: str
    statutory_date: date
    days_left: int
    late: bool
    step: ReviewStep | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def stage_label(self) -> str:
        """Where the report is, late or not: 未开始, 编写中, 审核中：保密审查, 退回修改, 已发布."""
        if self.draft is None:
            return STATUS_LABELS[NOT_STARTED]
        label = STATUS_LABELS[self.draft.status]
        return f"{label}：{self.step.label}" if self.step else label

    @property
    def published_on(self) -> date | None:
        if self.draft is None or self.draft.status != ReportStatus.PUBLISHED:
            return None
        return self.draft.report_date or (self.draft.published_at and self.draft.published_at.date())

    @property
    def countdown(self) -> str:
        """``还有 12 天`` / ``今天到期`` / ``已逾期 3 天`` (calendar days), or how a published report stands."""
        if self.draft is not None and self.draft.status == ReportStatus.PUBLISHED:
            return "已按期发布" if not self.late else "逾期发布"
        if self.days_left > 0:
            return f"还有 {self.days_left} 天"
        if self.days_left == 0:
            return "今天到期"
        return f"已逾期 {-self.days_left} 天"


def status_of(draft: AnnualReportDraft | None, agency: Agency, year: int, today: date) -> str:
    if draft is not None and draft.status == ReportStatus.PUBLISHED:
        return ReportStatus.PUBLISHED.value
    if assembly.is_late(draft, agency, year, today):
        return LATE
    return NOT_STARTED if draft is None else draft.status


def row_for(agency: Agency, year: int, draft: AnnualReportDraft | None, today: date) -> Row:
    due = assembly.statutory_date(agency, year)
    return Row(
        agency=agency,
        year=year,
        draft=draft,
        status=status_of(draft, agency, year, today),
        statutory_date=due,
        days_left=(due - today).days,
        late=assembly.is_late(draft, agency, year, today),
        step=review.current_step(draft) if draft is not None else None,
    )


def rows(agencies: QuerySet[Agency] | Iterable[Agency], year: int, today: date) -> list[Row]:
    """The status of each agency's report for `year` (agencies in tree order)."""
    agencies = list(agencies)
    drafts = {
        d.agency_id: d
        for d in AnnualReportDraft.objects.filter(
            agency__in=[a.pk for a in agencies], year=year
        ).select_related("agency", "publication")
    }
    return [row_for(a, year, drafts.get(a.pk), today) for a in sorted(agencies, key=lambda a: a.path)]


def subtree(government: Agency, reachable: QuerySet[Agency]) -> QuerySet[Agency]:
    """The government and every agency below it, among those the user reaches."""
    return reachable.filter(path__startswith=government.path).order_by("path")


def counts(status_rows: list[Row]) -> dict[str, int]:
    """How many reports are in each status, and how many are late (including those published late)."""
    out = {label: 0 for label in STATUS_LABELS.values()}
    for row in status_rows:
        out[row.status_label] += 1
    out["逾期（含逾期发布）"] = sum(1 for row in status_rows if row.late)
    return out


def late_by_year(agencies: list[Agency], years: Iterable[int], today: date) -> dict[int, int]:
    """The number of late reports (not published by the statutory date) per year."""
    return {year: sum(1 for row in rows(agencies, year, today) if row.late) for year in years}


# -- the table of all agencies' figures -------------------------------------------------------------------------


def columns(template: str) -> list[tuple[str, str]]:
    """(key, official label) of every value cell of the template: ``requests.new.total`` →
    ``表三/一、本年新收政府信息公开申请数量/总计``."""
    spec = formats.get_template(template)
    out = [(f"{PROACTIVE}.{cell.key}", cell.where) for cell in spec.proactive_cells]
    out += [
        (f"{REQUESTS}.{row}.{col}", spec.where(REQUESTS, row, col))
        for row in spec.request_row_keys
        for col in formats.REQUEST_COLUMN_KEYS
    ]
    out += [(f"{APPEALS}.{key}", spec.where(APPEALS, key)) for key in formats.APPEAL_KEYS]
    return out


def report_for(row: Row) -> AnnualReport:
    """What the figures are: the report as published (frozen), else as assembled from the records now."""
    return assembly.assemble(row.agency, row.year, draft=row.draft)


def _value(report: AnnualReport, key: str):
    table, rest = key.split(".", 1)
    if table == REQUESTS:
        row, col = rest.rsplit(".", 1)
        return report.value(REQUESTS, row, col)
    return report.value(table, rest)


def figures_xlsx(status_rows: list[Row], year: int) -> bytes:
    """One sheet, one row per agency: name, status, dates, then every cell of the year's template, headed by its
    official label (row 1) and its key (row 2). A blank stays blank."""
    template = formats.template_for_year(year)
    cells = columns(template)
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}年度报告数据"
    fixed = [
        ("agency", "机关"),
        ("code", "代码"),
        ("status", "状态"),
        ("due", "法定期限"),
        ("published", "发布日期"),
    ]
    for c, (key, label) in enumerate(fixed + cells, 1):
        sheet.cell(1, c, label).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(1, c).font = Font(bold=True)
        sheet.cell(2, c, key).font = Font(color="666666", size=9)
        sheet.column_dimensions[get_column_letter(c)].width = 24 if c == 1 else 14
    for r, row in enumerate(status_rows, 3):
        report = report_for(row)
        published = row.published_on
        values = [
            row.agency.name,
            row.agency.code,
            row.status_label,
            row.statutory_date,
            published,
        ] + [_value(report, key) for key, _ in cells]
        for c, value in enumerate(values, 1):
            target = sheet.cell(r, c, value)
            if isinstance(value, date):
                target.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "C3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
