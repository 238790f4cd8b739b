"""Auditing uploaded reports: read, check, keep the file and the result, record the event.

Every upload (one file, several, or a ZIP) is a batch (`receive_batch`): every file is kept first, unchecked, in
one transaction with one event, and the batch's task (`reports.tasks.check_batch`, enqueued in that transaction)
checks them one by one (`audit_checks.check_one`) outside the request, so that the batch's page shows the progress.
A report names its agency, or for an external report (not of an agency on the platform) its publisher; either
way it belongs to the uploading office too (`office`), which is how external reports are scoped.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.agencies.scoping import person_of

from ..models import AuditBatch, ReportAudit
from ..tasks import check_batch

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 30 * 1024 * 1024
MAX_FILES = 50
MAX_BATCH_BYTES = 200 * 1024 * 1024
"""All files of one upload together, a ZIP's members as declared before they are extracted."""


def _key(finding: dict) -> tuple[str, str]:
    return finding["code"], finding["where"]


def _office(user) -> Agency | None:
    person = person_of(user)
    return person.agency if person else None


def _new(
    *, agency: Agency | None, publisher: str, user, filename: str, data: bytes, batch=None
) -> ReportAudit:
    audit = ReportAudit(
        agency=agency,
        publisher="" if agency else publisher[:200],
        office=_office(user),
        batch=batch,
        uploaded_by=user,
        filename=filename[:255],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    audit.file.save(filename[-100:], ContentFile(data), save=False)
    return audit


def receive_batch(
    *, agency: Agency | None, user, files: list[tuple[str, bytes]], publisher: str = "", label: str = ""
) -> AuditBatch:
    """Keep every file of a batch unchecked and enqueue the task that checks them (in the same transaction, so
    the task exists exactly when the batch does)."""
    with transaction.atomic():
        batch = AuditBatch.objects.create(office=_office(user), uploaded_by=user, label=label[:255])
        for name, data in files:
            _new(agency=agency, publisher=publisher, user=user, filename=name, data=data, batch=batch).save()
        history.record(batch, "wagtail.create", user, changes={"批量检查": [None, f"{len(files)} 个文件"]})
        check_batch.enqueue(batch.pk)
    logger.info("report audit batch %s: %s files", batch.pk, len(files))
    return batch


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
