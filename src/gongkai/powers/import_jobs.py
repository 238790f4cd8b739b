"""Decisions imports as background jobs, their progress kept in the database for the progress bar.

Every import from the staff pages is a job (one path, whatever the file's size): ``stage`` keeps the uploaded
file in private storage, ``submit`` records the job and, once that transaction has committed, enqueues the
background task that runs it (``tasks.run_import``; `gongkai db_worker` runs the tasks). Whether a job waits,
runs or has ended is its task's, as the task backend keeps it (``ImportJob.status``); the job keeps its progress
and its outcome. Several web and task workers are fine: any web worker answers the status endpoint.

A job that no worker picks up, or whose worker died (a restart, a killed process), would wait or run for ever:
``fail_stale``, run by `gongkai housekeeping` from cron, marks such a job failed once its task has waited or run
for ``STALE_AFTER``, saying which of the two happened. Its rows were never committed (the save is one
transaction), so nothing is half-imported; the user imports the file again. A staged file whose import was never
confirmed (the user left the column step) is deleted by ``expire_staged`` after ``STAGED_EXPIRE``.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from . import tasks
from .models import ImportJob, ImportStatus, PowerList, import_file_name

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=10)
STALE_ERROR = "导入任务已中断（服务器重启或进程退出），未保存任何数据。请重新导入"
NOT_STARTED_ERROR = "导入任务长时间未开始，未保存任何数据。请联系系统管理员确认后台任务进程（gongkai db_worker）正在运行，然后重新导入"
STORAGE = ImportJob._meta.get_field("file").storage
STAGED_EXPIRE = timedelta(hours=24)
STAGED_DIR = "power-imports"


def stage(power_list: PowerList, upload) -> str:
    """Keep an uploaded file (a Django ``File``) for the import; returns its name in ``STORAGE``."""
    return STORAGE.save(import_file_name(power_list, upload.name), upload)


def discard(name: str) -> None:
    """Delete a staged file that will not be imported."""
    STORAGE.delete(name)


def expire_staged(now=None) -> int:
    """Delete staged files older than ``STAGED_EXPIRE`` that no job refers to; how many were deleted."""
    cutoff = (now or timezone.now()) - STAGED_EXPIRE
    if not STORAGE.exists(STAGED_DIR):
        return 0
    kept = set(ImportJob.objects.exclude(file="").values_list("file", flat=True))
    deleted = 0
    for directory in STORAGE.listdir(STAGED_DIR)[0]:
        for filename in STORAGE.listdir(f"{STAGED_DIR}/{directory}")[1]:
            name = f"{STAGED_DIR}/{directory}/{filename}"
            if name not in kept and STORAGE.get_modified_time(name) < cutoff:
                STORAGE.delete(name)
                deleted += 1
    if deleted:
        logger.info("%d staged import files expired", deleted)
    return deleted


def _enqueue(job_id: int) -> None:
    result = tasks.run_import.enqueue(job_id)
    ImportJob.objects.filter(pk=job_id).update(task_id=str(result.id))


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
    """Record the job for a staged file; its task is enqueued when the surrounding transaction commits."""
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
        transaction.on_commit(lambda: _enqueue(job.pk))
    logger.info("decisions import job %s queued for %s/%s", job.pk, power_list.agency.code, power_list.year)
    return job


def _stale_error(job: ImportJob, since) -> str | None:
    """Why an unfinished job is taken for dead, or None while it may still end."""
    result = job.task_result
    if result is None:
        return NOT_STARTED_ERROR if job.created_at < since else None
    if job.status == ImportStatus.QUEUED:
        waiting = result.enqueued_at or job.created_at
        return NOT_STARTED_ERROR if waiting < since else None
    if job.status == ImportStatus.RUNNING:
        return STALE_ERROR if (result.started_at or job.created_at) < since else None
    return None


def fail_stale(now=None) -> int:
    """Mark failed the jobs whose task no worker started, or whose worker died, within ``STALE_AFTER``; returns
    how many. For cron (`gongkai housekeeping`)."""
    since = (now or timezone.now()) - STALE_AFTER
    failed = 0
    for job in ImportJob.objects.filter(batch__isnull=True, errors=[]).select_related("power_list"):
        error = _stale_error(job, since)
        if error is None:
            continue
        logger.warning("decisions import job %s (%s) did not end: marked failed", job.pk, job.status)
        ImportJob.objects.filter(pk=job.pk).update(errors=[error])
        job.discard_file()
        failed += 1
    return failed


def percent(job: ImportJob) -> int | None:
    """Rows read out of the total, in percent; 100 once done, ``None`` while the total is unknown."""
    if job.status == ImportStatus.DONE:
        return 100
    if not job.rows_total:
        return None
    return min(100, job.rows_done * 100 // job.rows_total)


def state(job: ImportJob) -> dict:
    """What the progress bar needs, as JSON: no row contents beyond the error messages."""
    status = job.status
    if status == ImportStatus.QUEUED:
        text = "排队等待导入……"
    elif status == ImportStatus.RUNNING and job.rows_total and job.rows_done >= job.rows_total:
        text = f"已读取并校验全部 {job.rows_total} 行，正在保存……"
    elif status == ImportStatus.RUNNING:
        total = f" / 约 {job.rows_total}" if job.rows_total else ""
        text = f"正在读取并校验：已读取 {job.rows_done}{total} 行"
    elif status == ImportStatus.DONE:
        text = (
            f"导入完成：{job.batch.rows} 行，处理决定 {job.batch.decisions} 件" if job.batch else "导入完成"
        )
    else:
        text = f"未导入任何数据：{len(job.errors)} 条错误"
    shown = percent(job)
    return {
        "status": status.value,
        "finished": job.finished,
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "percent": shown,
        "text": text + (f"（{shown}%）" if shown is not None and status != ImportStatus.FAILED else ""),
        "errors": job.errors if status == ImportStatus.FAILED else [],
    }
