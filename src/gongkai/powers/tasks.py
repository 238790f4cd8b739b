"""Background tasks of the power lists (django-tasks; `gongkai db_worker` runs them, `gongkai serve` starts one)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(job_id: int) -> None:
    """A decisions import job, queued by import_jobs.submit once its transaction has committed."""
    from .import_jobs import run

    run(job_id)
