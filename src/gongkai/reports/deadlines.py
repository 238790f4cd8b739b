"""The statutory publication date of an annual report (条例第四十九条), whether it is late, and the departments
whose report a government's consolidation still waits for."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.report import deadlines as core_deadlines
from gongkai.core.report.model import Finding

from .members import consolidates, departments
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
    """The departments a government's report consolidates whose own report is not published."""
    published = set(
        AgencyReport.objects.filter(year=year, status=ReportStatus.PUBLISHED).values_list(
            "agency_id", flat=True
        )
    )
    return [a for a in departments(government) if a.pk not in published]
