"""Background tasks of annual reports (django-tasks; `gongkai db_worker` runs them, `gongkai serve` starts one)."""

from __future__ import annotations

from django_tasks import task

from .services.publication import store_pdf


@task()
def render_pdf(publication_id: int) -> None:
    """The PDF of a published report, rendered after the publication (`services.publication.store_pdf`)."""
    store_pdf(publication_id)
