"""The statutory publication date of an annual report (条例第四十九条), whether it is late, and the departments
whose report a government's consolidation still waits for."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.report.model import Finding

from .members import consolidates, departments
from .models import AgencyReport, ReportStatus


def statutory_date(agency: Agency, year: int) -> date:
    """条例第四十九条: departments publish by 31 January, governments (consolidated) by 31 March."""
    return date(year + 1, 3, 31) if consolidates(agency) else date(year + 1, 1, 31)


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
    due = statutory_date(agency_report.agency, agency_report.year)
    published = timezone.localdate(agency_report.published_at)
    if published <= due:
        return []
    return [
        Finding.make(
            "late",
            "发布日期",
            f"报告于 {published.isoformat()} 发布，晚于法定期限 {due.isoformat()}（条例第四十九条）",
            published.isoformat(),
        )
    ]


def missing_departments(government: Agency, year: int) -> list[Agency]:
    """The departments a government's report consolidates whose own report is not published."""
    published = set(
        AgencyReport.objects.filter(year=year, status=ReportStatus.PUBLISHED).values_list(
            "agency_id", flat=True
        )
    )
    return [a for a in departments(government) if a.pk not in published]
