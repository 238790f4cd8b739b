"""The statutory publication date of an annual report (条例第四十九条), whether it is late, and the departments
whose report a government's consolidation still waits for."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.report import deadlines as core_deadlines
from gongkai.core.report.model import Finding

from .members import consolidated, consolidates
from .models import AgencyReport, ReportStatus


def statutory_date(agency: Agency, year: int) -> date:
    """条例第四十九条 (`core.report.deadlines`): a consolidating government by 31 March, every other agency by 31
    January. The platform knows the level; only the auditor has to read it from a name."""
    return core_deadlines.statutory_date(year, _level(agency))


def _level(agency: Agency) -> str:
    return core_deadlines.GOVERNMENT if consolidates(agency) else core_deadlines.DEPARTMENT


def is_late(agency_report: AgencyReport | None, agency: Agency, year: int, today: date | None = None) -> bool:
    """Published after the statutory date, or not published and the date has passed."""
    due = statutory_date(agency, year)
    if agency_report is not None and agency_report.published and agency_report.published_at:
        return timezone.localdate(agency_report.published_at) > due
    return (today or timezone.localdate()) > due


def late_findings(agency_report: AgencyReport | None) -> list[Finding]:
    """The ``late`` finding of a report published after its statutory date."""
    if agency_report is None or not agency_report.published or not agency_report.published_at:
        return []
    published = timezone.localdate(agency_report.published_at)
    level = _level(agency_report.agency)
    return core_deadlines.late_findings(agency_report.year, published, level, where="发布日期")


def missing_departments(government: Agency, year: int) -> list[Agency]:
    """The members a government's report consolidates (departments and next lower governments) whose own report is
    not published."""
    published = set(
        AgencyReport.objects.filter(year=year, status=ReportStatus.PUBLISHED).values_list(
            "agency_id", flat=True
        )
    )
    return [a for a in consolidated(government) if a.pk not in published]


def missing_by_level(government: Agency, year: int, reachable=None) -> list[tuple[int, Agency, list[Agency]]]:
    """For the government and each lower government below it (level 0 is the government itself, 1 the next lower
    ones, …): the direct members whose report for `year` is not published, among `reachable` agencies if given.
    Governments whose members have all published are listed with an empty list."""
    published = set(
        AgencyReport.objects.filter(year=year, status=ReportStatus.PUBLISHED).values_list(
            "agency_id", flat=True
        )
    )
    allowed = None if reachable is None else set(reachable.values_list("pk", flat=True))
    out: list[tuple[int, Agency, list[Agency]]] = []
    queue = [(0, government)]
    while queue:
        level, current = queue.pop(0)
        direct = consolidated(current)
        if allowed is not None:
            direct = [a for a in direct if a.pk in allowed]
        out.append((level, current, [a for a in direct if a.pk not in published]))
        queue += [(level + 1, a) for a in direct if consolidates(a)]
    return out
