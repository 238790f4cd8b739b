"""A decisions import running in the background: the job keeps its file until it ends, its progress and its
outcome (the batch saved, or the errors); where it stands comes from its django-tasks result."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django_tasks import default_task_backend
from django_tasks.base import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from gongkai.storage import PrivateStorage

from .lists import DecisionImport, PowerList


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "正在导入"
    DONE = "done", "已完成"
    FAILED = "failed", "未导入"


_OF_TASK = {
    TaskResultStatus.READY: ImportStatus.QUEUED,
    TaskResultStatus.RUNNING: ImportStatus.RUNNING,
    TaskResultStatus.SUCCESSFUL: ImportStatus.DONE,
    TaskResultStatus.FAILED: ImportStatus.FAILED,
}


def import_file_name(power_list: PowerList, filename: str) -> str:
    """A random name under the agency's directory: no applicant's name or number in paths (exports list
    applicants); the suffix is kept because it says how to read the file."""
    return f"power-imports/{power_list.agency_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def _import_path(instance: ImportJob, filename: str) -> str:
    return import_file_name(instance.power_list, filename)


class ImportJob(models.Model):
    """A decisions import run in the background (``import_jobs``, ``tasks.run_import``), with its progress.

    The uploaded file is kept in private storage until the job ends, then deleted (``sha256`` and the name
    stay on the ``DecisionImport``). Progress and outcome live here, in the database, so that any web worker
    can answer the progress bar; whether the job waits, runs or has ended is its task's (``task_id``), as the
    task backend keeps it.
    """

    power_list = models.ForeignKey(
        PowerList, verbose_name="清单", on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", null=True, on_delete=models.SET_NULL
    )
    file = models.FileField(
        "文件", storage=PrivateStorage(), upload_to=_import_path, max_length=200, blank=True
    )
    filename = models.CharField("文件名", max_length=255)
    mapping = models.JSONField("列对应关系")
    period_start = models.DateField("起始日期")
    period_end = models.DateField("截止日期")
    task_id = models.CharField("后台任务", max_length=64, blank=True, editable=False)
    rows_total = models.PositiveIntegerField("总行数", null=True, blank=True, help_text="读完以前为估计值")
    rows_done = models.PositiveIntegerField("已读取行数", default=0)
    errors = models.JSONField("错误", default=list, blank=True)
    batch = models.ForeignKey(
        DecisionImport, verbose_name="导入结果", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "处理决定导入任务"
        verbose_name_plural = "处理决定导入任务"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename}（{self.get_status_display()}）"

    @cached_property
    def task_result(self):
        """The job's task as the task backend keeps it, or None (not yet enqueued, or gone)."""
        if not self.task_id:
            return None
        try:
            return default_task_backend.get_result(self.task_id)
        except TaskResultDoesNotExist:
            return None

    @property
    def status(self) -> ImportStatus:
        """Done once its batch is saved, failed once it has errors; until then its task's state (queued until
        the transaction that submitted it has committed and the task is enqueued)."""
        if self.batch_id:
            return ImportStatus.DONE
        if self.errors:
            return ImportStatus.FAILED
        result = self.task_result
        if result is None:
            return ImportStatus.QUEUED
        return _OF_TASK[result.status]

    def get_status_display(self) -> str:
        return self.status.label

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    def discard_file(self) -> None:
        """Delete the uploaded file (the job has ended, whatever its outcome)."""
        if self.file:
            self.file.storage.delete(self.file.name)
            ImportJob.objects.filter(pk=self.pk).update(file="")
            self.file = ""
