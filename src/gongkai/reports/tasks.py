"""Background tasks of annual reports (django-tasks; `gongkai db_worker` runs them, `gongkai serve` starts one)."""

from __future__ import annotations

from django_tasks import task

from .models import ReportAudit
from .services.audit_checks import check_one
from .services.publication import store_pdf


@task()
def render_pdf(publication_id: int) -> None:
    """The PDF of a published report, rendered after the publication (`services.publication.store_pdf`)."""
    store_pdf(publication_id)


@task()
def check_batch(batch_id: int) -> None:
    """Check the files of an uploaded batch one by one (`services.audit_checks.check_one`); each is saved as soon as
    it is checked, so the batch's page shows the progress."""
    pending = ReportAudit.objects.filter(batch_id=batch_id, checked_at=None).order_by("pk")
    for audit_id in pending.values_list("pk", flat=True):
        check_one(audit_id)
