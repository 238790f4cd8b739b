"""The government's work plan (政务公开工作要点): the supervising office issues the year's tasks, one row per task of
its document, to agencies of its government's tree; each agency reports its progress on its task with evidence.
The government's report 六 states their implementation from these records (`prose`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.models import Agency

from .files import storage, upload_path, validate_file


class WorkPlan(models.Model):
    """The work plan ``agency`` (the issuing government) issued for ``year``, from its document."""

    agency = models.ForeignKey(
        Agency, verbose_name="印发机关", on_delete=models.PROTECT, related_name="work_plans"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名称", max_length=200, help_text="如：2020年政务公开工作要点")
    number = models.CharField("文号", max_length=100, blank=True)
    issued_on = models.DateField("印发日期")
    document = models.FileField(
        "文件", storage=storage, upload_to=upload_path, max_length=200, blank=True, validators=[validate_file]
    )

    class Meta:
        verbose_name = "政务公开工作要点"
        verbose_name_plural = "政务公开工作要点"
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return f"《{self.title}》"

    def clean(self) -> None:
        if self.issued_on and self.year and abs(self.issued_on.year - self.year) > 1:
            raise ValidationError({"issued_on": "印发日期与年度不符"})


class WorkTask(models.Model):
    """One task of a work plan (one row of its document), assigned to one or more agencies."""

    agency = models.ForeignKey(Agency, verbose_name="印发机关", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(
        WorkPlan, verbose_name="工作要点", on_delete=models.CASCADE, related_name="tasks"
    )
    order = models.PositiveSmallIntegerField("序号")
    text = models.TextField("任务", max_length=2000)
    due_on = models.DateField("完成时限", null=True, blank=True)

    class Meta:
        verbose_name = "工作任务"
        verbose_name_plural = "工作任务"
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:40]}"


class TaskState(models.TextChoices):
    PENDING = "pending", "未开始"
    PROGRESS = "progress", "推进中"
    DONE = "done", "已完成"


class TaskAssignment(models.Model):
    """A task as one responsible agency carries it: its state, what it reported and the evidence."""

    agency = models.ForeignKey(
        Agency, verbose_name="责任单位", on_delete=models.PROTECT, related_name="task_assignments"
    )
    task = models.ForeignKey(
        WorkTask, verbose_name="任务", on_delete=models.CASCADE, related_name="assignments"
    )
    state = models.CharField("进展", max_length=20, choices=TaskState.choices, default=TaskState.PENDING)
    note = models.TextField("进展情况", max_length=2000, blank=True)
    evidence = models.FileField(
        "证明材料",
        storage=storage,
        upload_to=upload_path,
        max_length=200,
        blank=True,
        validators=[validate_file],
    )
    reported_on = models.DateField("报告日期", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "任务落实"
        verbose_name_plural = "任务落实"
        ordering = ["task", "agency__code"]
        constraints = [
            models.UniqueConstraint(fields=["task", "agency"], name="workrecords_one_assignment_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.task}（{self.agency.name}）"

    def clean(self) -> None:
        if self.state == TaskState.DONE and not (self.note.strip() and self.evidence):
            raise ValidationError({"evidence": "报告任务完成须写明进展情况并上传证明材料"})
