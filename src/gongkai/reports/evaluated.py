"""What the evaluation (政务公开考核, `workrecords.evaluation`) reads of an agency's annual report: its statutory
date, when it was published and the error findings frozen with it. Named by `settings.GONGKAI_REPORT_RECORD`,
because workrecords may not import reports (reports reads the work records for its prose)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.evaluation import ReportRecord
from gongkai.core.report.model import ERROR

from .deadlines import statutory_date
from .models import AgencyReport, ReportStatus


def report_record(agency: Agency, year: int) -> ReportRecord:
    """The report of ``agency`` for ``year``: published (and when) or not, and its errors at publication."""
    stored = AgencyReport.objects.filter(agency=agency, year=year, status=ReportStatus.PUBLISHED).first()
    due = statutory_date(agency, year)
    if stored is None or stored.published_at is None:
        return ReportRecord(due, None)
    findings = (stored.published_report or {}).get("findings") or []
    errors = sum(1 for f in findings if f.get("severity") == ERROR and f.get("code") != "late")
    return ReportRecord(due, timezone.localdate(stored.published_at), errors)
