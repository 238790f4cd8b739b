"""The models of annual reports: the report an agency writes and publishes, its sign-off events, its published
files, and the reports uploaded to the auditor."""

from .audit import AuditBatch, ReportAudit
from .publication import ReportFile, ReportPublication
from .report import AgencyReport, ReportStatus
from .signoff import ReportStep, SignoffDecision, SignoffEvent

__all__ = [
    "AgencyReport",
    "AuditBatch",
    "ReportAudit",
    "ReportFile",
    "ReportPublication",
    "ReportStatus",
    "ReportStep",
    "SignoffDecision",
    "SignoffEvent",
]
