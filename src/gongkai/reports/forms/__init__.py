"""Forms of annual reports: writing one (`drafting`) and uploading reports to the auditor (`audits`)."""

from .audits import UploadForm
from .drafting import OverrideForm, ProseForm, ReportDateForm, StartForm

__all__ = ["OverrideForm", "ProseForm", "ReportDateForm", "StartForm", "UploadForm"]
