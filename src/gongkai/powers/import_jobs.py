"""Decisions imports run as background jobs, their progress kept in the database for the progress bar.

Every import from the staff pages is a job (one path, whatever the file's size): ``stage`` keeps the
uploaded file in private storage, ``submit`` records the job and, once that transaction has committed,
enqueues the background task that runs it (``tasks.run_import`` → ``run``; `gongkai db_worker` runs the tasks). The job reads and validates every row with
``importing.check``, writing ``rows_done`` / ``rows_total`` every ``importing.PROGRESS_EVERY`` lines, then
saves all rows in one transaction (``importing.save``) — or nothing, with the per-row errors on the job.
The file is deleted when the job ends, whatever its outcome.

Several web and task workers are fine: the job's state is in the database, so any web worker answers the
status endpoint, and ``run`` claims a queued job with one conditional UPDATE, so a job runs once. A job whose
task worker died (a restart, a killed process) stops writing its ``heartbeat``, and a job that no worker picks
up never starts one; ``fail_stale``, called whenever a job or the import page is viewed, marks such a job
failed once its heartbeat is older than ``STALE_AFTER``, saying which of the two happened. Its rows were never
committed (the save is one transaction), so nothing is half-imported; the user imports the file again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from django.db import OperationalError, transaction
from django.utils import timezone

from . import importing, tasks
from .models import ImportJob, ImportStatus, PowerList, import_file_name

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=10)
WRITE_ATTEMPTS = 6  # about 1.5 s of retries in all
INTERNAL_ERROR = "导入时发生内部错误，未保存任何数据。请重新导入；如仍失败，请联系系统管理员"
STALE_ERROR = "导入任务已中断（服务器重启或进程退出），未保存任何数据。请重新导入"
NOT_STARTED_ERROR = "导入任务长时间未开始，未保存任何数据。请联系系统管理员确认后台任务进程（gongkai db_worker）正在运行，然后重新导入"
ACTIVE = (ImportStatus.QUEUED, ImportStatus.RUNNING)
STORAGE = ImportJob._meta.get_field("file").storage


def stage(power_list: PowerList, upload) -> str:
    """Keep an uploaded file (a Django ``File``) for the import; returns its name in ``STORAGE``."""
    return STORAGE.save(import_file_name(power_list, upload.name), upload)


def discard(name: str) -> None:
    """Delete a staged file that will not be imported."""
    STORAGE.delete(name)


def submit(
    power_list: PowerList,
    *,
    stored: str,
    filename: str,
    mapping: dict[str, str],
    period_start: date,
    period_end: date,
    by=None,
) -> ImportJob:
    """Record the job for a staged file; it starts when the surrounding transaction commits."""
    with transaction.atomic():
        job = ImportJob.objects.create(
            power_list=power_list,
            created_by=by,
            file=stored,
            filename=filename[-255:],
            mapping=mapping,
            period_start=period_start,
            period_end=period_end,
        )
        transaction.on_commit(partial(tasks.run_import.enqueue, job.pk))
    logger.info("decisions import job %s queued for %s/%s", job.pk, power_list.agency.code, power_list.year)
    return job


def _now_fields(**fields) -> dict:
    return {**fields, "heartbeat": timezone.now()}


def _retrying(update: Callable[[], int], attempts: int = WRITE_ATTEMPTS) -> int:
    """Run an UPDATE outside any transaction, retrying a few times if the database is momentarily locked: a
    SQLite database without a busy wait (the shared-cache memory database of the tests) answers "locked" at
    once while another connection commits."""
    for attempt in range(attempts):
        try:
            return update()
        except OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    return 0


def _write(job_id: int, *, attempts: int = WRITE_ATTEMPTS, **fields) -> int:
    """Update the job's row and its heartbeat."""
    return _retrying(lambda: ImportJob.objects.filter(pk=job_id).update(**_now_fields(**fields)), attempts)


def run(job_id: int) -> None:
    """Run a queued job to its end (done or failed). Does nothing if another worker has claimed it."""
    queued = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED)
    claimed = _retrying(lambda: queued.update(**_now_fields(status=ImportStatus.RUNNING)))
    if not claimed:
        return
    job = ImportJob.objects.select_related("power_list__agency", "created_by").get(pk=job_id)
    mine = ImportJob.objects.filter(pk=job_id)

    def progress(done: int, total: int | None) -> None:
        try:
            _write(job_id, attempts=2, rows_done=done, rows_total=total)
        except OperationalError:  # progress is advisory: a busy database must not fail the import
            logger.warning("decisions import job %s: progress not recorded (database busy)", job_id)

    def saved(batch) -> None:
        """In the transaction that saves the rows: the job is done exactly when they are."""
        mine.update(**_now_fields(status=ImportStatus.DONE, batch=batch, finished_at=timezone.now()))

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
        _fail(job, refused.errors)
    except Exception:
        logger.exception("decisions import job %s crashed", job_id)
        _fail(job, [INTERNAL_ERROR])
    finally:
        _discard_file(job)


def _discard_file(job: ImportJob) -> None:
    if job.file:
        STORAGE.delete(job.file.name)
        _write(job.pk, file="")


def _fail(job: ImportJob, errors: list[str]) -> None:
    _write(job.pk, status=ImportStatus.FAILED, errors=errors, finished_at=timezone.now())


def fail_stale() -> int:
    """Mark failed the jobs no worker started or whose worker died (no heartbeat for ``STALE_AFTER``)."""
    stale = list(
        ImportJob.objects.filter(
            status__in=ACTIVE, heartbeat__lt=timezone.now() - STALE_AFTER
        ).select_related("power_list")
    )
    for job in stale:
        logger.warning(
            "decisions import job %s had no progress since %s: marked failed", job.pk, job.heartbeat
        )
        _fail(job, [NOT_STARTED_ERROR if job.status == ImportStatus.QUEUED else STALE_ERROR])
        _discard_file(job)
    return len(stale)


def percent(job: ImportJob) -> int | None:
    """Rows read out of the total, in percent; 100 once done, ``None`` while the total is unknown."""
    if job.status == ImportStatus.DONE:
        return 100
    if not job.rows_total:
        return None
    return min(100, job.rows_done * 100 // job.rows_total)


def state(job: ImportJob) -> dict:
    """What the progress bar needs, as JSON: no row contents beyond the error messages."""
    if job.status == ImportStatus.QUEUED:
        text = "排队等待导入……"
    elif job.status == ImportStatus.RUNNING and job.rows_total and job.rows_done >= job.rows_total:
        text = f"已读取并校验全部 {job.rows_total} 行，正在保存……"
    elif job.status == ImportStatus.RUNNING:
        total = f" / 约 {job.rows_total}" if job.rows_total else ""
        text = f"正在读取并校验：已读取 {job.rows_done}{total} 行"
    elif job.status == ImportStatus.DONE:
        text = (
            f"导入完成：{job.batch.rows} 行，处理决定 {job.batch.decisions} 件" if job.batch else "导入完成"
        )
    else:
        text = f"未导入任何数据：{len(job.errors)} 条错误"
    shown = percent(job)
    return {
        "status": job.status,
        "finished": job.finished,
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "percent": shown,
        "text": text + (f"（{shown}%）" if shown is not None and job.status != ImportStatus.FAILED else ""),
        "errors": job.errors if job.status == ImportStatus.FAILED else [],
    }
