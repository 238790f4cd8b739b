"""Checking a kept upload: the auditor's reading and findings stored on the `ReportAudit` (used by the upload
service for one file at once, and by the batch's task for each file of a batch)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.agencies import history
from gongkai.core.audit.api import audit_bytes

from ..models import ReportAudit


def check(audit: ReportAudit, data: bytes) -> None:
    """Read and check the file; the auditor never raises (a file it cannot read gets an `unreadable` finding)."""
    report = audit_bytes(data, audit.filename)
    result = report.to_dict()
    severities = [f["severity"] for f in result["findings"]]
    audit.year = report.year
    audit.template = report.template or ""
    audit.title = (report.title or "")[:300]
    audit.errors = severities.count("error")
    audit.warnings = severities.count("warning")
    audit.result = result
    audit.checked_at = timezone.now()


def check_one(audit_id: int) -> None:
    """Check one kept file of a batch and save the result (nothing happens if it is checked already). The file is
    read outside the transaction (a PDF takes a second); the save is guarded against a second worker."""
    audit = ReportAudit.objects.filter(pk=audit_id, checked_at=None).first()
    if audit is None:
        return
    with audit.file.open("rb") as handle:
        data = handle.read()
    check(audit, data)
    with transaction.atomic():
        if not ReportAudit.objects.select_for_update().filter(pk=audit_id, checked_at=None).exists():
            return
        audit.save()
        history.record(
            audit,
            "wagtail.edit",
            audit.uploaded_by,
            changes={"检查": [None, f"{audit.filename}：错误 {audit.errors}，警告 {audit.warnings}"]},
        )
