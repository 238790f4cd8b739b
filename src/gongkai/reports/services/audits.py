"""Auditing uploaded reports: read, check, keep the file and the result, record the event."""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.core.audit.api import audit_bytes

from ..models import ReportAudit

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 30 * 1024 * 1024
MAX_FILES = 50


def _key(finding: dict) -> tuple[str, str]:
    return finding["code"], finding["where"]


def audit_upload(*, agency: Agency, user, filename: str, data: bytes) -> ReportAudit:
    """Audit one uploaded file for `agency` and keep it. The auditor never raises: a file it cannot read
    is kept with an `unreadable` finding, so the uploader sees why."""
    report = audit_bytes(data, filename)
    result = report.to_dict()
    severities = [f["severity"] for f in result["findings"]]
    with transaction.atomic():
        audit = ReportAudit(
            agency=agency,
            uploaded_by=user,
            filename=filename[:255],
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            year=report.year,
            template=report.template or "",
            title=(report.title or "")[:300],
            errors=severities.count("error"),
            warnings=severities.count("warning"),
            result=result,
        )
        audit.file.save(filename[-100:], ContentFile(data), save=False)
        audit.save()
        history.record(
            audit,
            "wagtail.create",
            user,
            changes={"检查": [None, f"{audit.filename}：错误 {audit.errors}，警告 {audit.warnings}"]},
        )
    logger.info(
        "report audit %s: agency=%s year=%s errors=%s", audit.pk, agency.code, audit.year, audit.errors
    )
    return audit


def compare(audit: ReportAudit) -> dict[str, list[dict]] | None:
    """Findings fixed since the previous upload of the same report, and findings that are new."""
    previous = audit.previous()
    if previous is None:
        return None
    now = {_key(f): f for f in audit.findings}
    before = {_key(f): f for f in previous.findings}
    return {
        "previous": previous,
        "fixed": [f for k, f in before.items() if k not in now],
        "new": [f for k, f in now.items() if k not in before],
    }
