"""Cross-agency views for the supervising office: every agency's key figures over the years, the overdue and
unconfirmed applications of every agency in scope, and the figures of the one-page summary for leaders.

Key figures of an agency's report for a year (`KeyFigures`): from the report as published (frozen), else as
assembled from the records now (a government's consolidated); 逾期答复 from the records (applications whose reply
date, in the year, is after their reply deadline); 逾期报告 from the statutory date (`deadlines.is_late`).
纠正率 is the share of 行政复议 and 行政诉讼 cases over disclosure whose result was 纠正 (table 四's 结果纠正 over
its 总计), blank when there were none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F

from gongkai.agencies.models import Agency
from gongkai.applications import services as application_services
from gongkai.applications import unconfirmed
from gongkai.applications.choices import OPEN_STATUSES
from gongkai.applications.models import Application
from gongkai.core.clock import State
from gongkai.core.render import charts
from gongkai.core.report.formats import APPEALS, FIRST_YEAR
from gongkai.core.report.model import AnnualReport
from gongkai.workdays.services import current_calendar

from . import assembly
from .charts import OUTCOMES, worth_showing
from .deadlines import is_late
from .models import AgencyReport

YEARS = 5
APPEAL_KINDS = ("review", "litigation_direct", "litigation_after_review")


@dataclass(frozen=True)
class KeyFigures:
    """One agency's key figures for one year (None: no figure, shown blank)."""

    agency: Agency
    year: int
    applications: int | None
    concluded: int | None
    granted: int | None
    appeals: int | None
    corrected: int | None
    late_replies: int
    late_report: bool

    @property
    def correction_rate(self) -> str:
        if not self.appeals or self.corrected is None:
            return ""
        return f"{self.corrected * 100 / self.appeals:.1f}%"


def years_up_to(year: int) -> list[int]:
    """The years the views show: `year` and up to four before it (from the first year of the format)."""
    return list(range(max(FIRST_YEAR, year - YEARS + 1), year + 1))


def _sum(values) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _report(agency: Agency, year: int, kept: AgencyReport | None) -> AnnualReport:
    return assembly.assembled(agency, year, kept, texts=False).report


def _outcome_total(report: AnnualReport, group: str) -> int | None:
    cells = [c.get("total") for k, c in report.requests.items() if k == group or k.startswith(f"{group}.")]
    return _sum(c.value for c in cells if c is not None)


def late_replies(agencies: list[Agency], year: int) -> dict[int, int]:
    """Per agency: the applications replied to in `year` after their reply deadline."""
    late = Application.objects.filter(
        agency__in=agencies, counted_on__year=year, due__isnull=False, counted_on__gt=F("due")
    ).values_list("agency_id", flat=True)
    out: dict[int, int] = {}
    for agency_id in late:
        out[agency_id] = out.get(agency_id, 0) + 1
    return out


def figures_for(agency: Agency, year: int, kept: AgencyReport | None, late: int, today: date) -> KeyFigures:
    report = _report(agency, year, kept)
    return KeyFigures(
        agency=agency,
        year=year,
        applications=report.value("requests", "new", "total"),
        concluded=_sum(_outcome_total(report, group) for _, group in OUTCOMES),
        granted=_sum(_outcome_total(report, group) for group in ("granted", "partial")),
        appeals=_sum(report.value(APPEALS, f"{kind}.total") for kind in APPEAL_KINDS),
        corrected=_sum(report.value(APPEALS, f"{kind}.corrected") for kind in APPEAL_KINDS),
        late_replies=late,
        late_report=is_late(kept, agency, year, today),
    )


def key_figures(agencies: list[Agency], years: list[int], today: date) -> dict[Agency, list[KeyFigures]]:
    """Every agency's key figures for each of `years` (agencies in tree order)."""
    agencies = sorted(agencies, key=lambda a: a.path)
    kept = {
        (r.agency_id, r.year): r for r in AgencyReport.objects.filter(agency__in=agencies, year__in=years)
    }
    late = {year: late_replies(agencies, year) for year in years}
    return {
        a: [figures_for(a, y, kept.get((a.pk, y)), late[y].get(a.pk, 0), today) for y in years]
        for a in agencies
    }


def charts_of(table: dict[Agency, list[KeyFigures]], years: list[int]) -> list[charts.Chart]:
    """New applications per agency, and 逾期答复 / 逾期报告 over all agencies, by year — those worth showing
    (at least two years with figures other than 0)."""
    per_agency = {
        a.short_name or a.name: [f.applications for f in rows] for a, rows in list(table.items())[:8]
    }
    late = {
        "逾期答复（件）": [sum(rows[i].late_replies for rows in table.values()) for i in range(len(years))],
        "逾期报告（份）": [
            sum(1 for rows in table.values() if rows[i].late_report) for i in range(len(years))
        ],
    }
    made = [
        charts.make(
            "agencies-new",
            "各机关本年新收政府信息公开申请（件）",
            "数据来自各机关的年度报告表三第一行。",
            years,
            per_agency,
        ),
        charts.make(
            "agencies-late",
            "逾期答复与逾期报告",
            "逾期答复按办理记录统计，逾期报告按法定公开期限统计。",
            years,
            late,
        ),
    ]
    return [c for c in made if worth_showing(c) and _years_with_figures(c) >= 2]


def _years_with_figures(chart: charts.Chart) -> int:
    """Years in which some series has a figure other than 0 (a year counted from no records is all zeros)."""
    return sum(1 for i in range(len(chart.years)) if any(s.values[i] for s in chart.series))


@dataclass(frozen=True)
class Overdue:
    """An open application past its reply deadline: how many working days past."""

    app: Application
    due: date
    workdays: int


def overdue(agencies, today: date) -> list[Overdue]:
    """The open applications of `agencies` past their reply deadline, the longest overdue first."""
    calendar = current_calendar()
    candidates = (
        Application.objects.filter(agency__in=agencies, status__in=OPEN_STATUSES, due__lt=today)
        .select_related("agency")
        .prefetch_related("events")
        .order_by("due", "pk")
    )
    out = []
    for app in candidates:
        dl = application_services.deadline(app, today=today, calendar=calendar)
        if dl is not None and dl.due is not None and dl.state == State.OVERDUE:
            out.append(Overdue(app, dl.due, max(0, calendar.workdays_between(dl.due, today))))
    return sorted(out, key=lambda o: (-o.workdays, o.app.pk))


def pending(agencies, today: date) -> tuple[list[Overdue], list[unconfirmed.Unconfirmed]]:
    """The overdue and the unconfirmed applications of `agencies`."""
    return overdue(agencies, today), unconfirmed.queue(agencies, today=today)
