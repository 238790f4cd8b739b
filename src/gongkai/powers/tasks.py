"""Background tasks of the power lists (django-tasks; `gongkai db_worker` runs them, `gongkai serve` starts one).

`run_import` runs one decisions import job (queued by `import_jobs.submit` once its transaction has committed):
it reads and validates every row with ``importing.check``, writing ``rows_done`` / ``rows_total`` every
``importing.PROGRESS_EVERY`` lines, then saves all rows in one transaction (``importing.save``) — or nothing, with
the per-row errors on the job. The file is deleted when the job ends, whatever its outcome. django-tasks runs a
task once; a job that has already ended (or that the housekeeping marked failed) is left as it is.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

from . import importing
from .models import ImportJob

logger = logging.getLogger(__name__)

INTERNAL_ERROR = "导入时发生内部错误，未保存任何数据。请重新导入；如仍失败，请联系系统管理员"


class Abandoned(Exception):
    """The job was marked failed while it ran (its worker was taken for dead): its rows are not saved."""


@task()
def run_import(job_id: int) -> None:
    """Run the import job ``job_id`` to its end: its batch saved, or its errors recorded."""
    job = ImportJob.objects.select_related("power_list__agency", "created_by").get(pk=job_id)
    if job.batch_id or job.errors:
        return
    mine = ImportJob.objects.filter(pk=job_id)

    def progress(done: int, total: int | None) -> None:
        mine.update(rows_done=done, rows_total=total)

    def saved(batch) -> None:
        """In the transaction that saves the rows: the job is done exactly when they are."""
        if ImportJob.objects.select_for_update().filter(pk=job_id).exclude(errors=[]).exists():
            raise Abandoned
        mine.update(batch=batch)

    try:
        with job.file.open("rb") as fileobj:
            importing.import_decisions(
                job.power_list,
                fileobj,
                job.filename,
                mapping=job.mapping,
                period_start=job.period_start,
                period_end=job.period_end,
                by=job.created_by,
                progress=progress,
                then=saved,
            )
    except importing.ImportRefused as refused:
        logger.info("decisions import job %s refused: %s error(s)", job_id, len(refused.errors))
        mine.update(errors=refused.errors)
    except Abandoned:
        logger.warning("decisions import job %s was marked failed while it ran: nothing saved", job_id)
    except Exception:
        logger.exception("decisions import job %s crashed", job_id)
        with transaction.atomic():
            mine.update(errors=[INTERNAL_ERROR])
        raise  # the task's result keeps the traceback for the operators
    finally:
        job.discard_file()
