"""What the work records read from rooms they may not import: the annual report's publication and findings
(reports reads the work records for its prose) and the public's feedback (the portal). Each is a function named
by a setting (`GONGKAI_REPORT_RECORD`, `GONGKAI_FEEDBACK_ENTRIES`, like `WAGTAIL_FINISH_WORKFLOW_ACTION`) that
answers in the plain values of `core.evaluation`, so no model crosses the line."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from gongkai.agencies.models import Agency
from gongkai.core.evaluation import FeedbackEntry, ReportRecord


def report_record(agency: Agency, year: int) -> ReportRecord:
    return import_string(settings.GONGKAI_REPORT_RECORD)(agency, year)


def feedback_entries(agencies: list[Agency], year: int) -> list[FeedbackEntry]:
    return import_string(settings.GONGKAI_FEEDBACK_ENTRIES)(agencies, year)
