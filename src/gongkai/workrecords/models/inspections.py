"""Inspections of the agency's disclosure work — its own self-inspections and the supervising office's 督导检查 —
and the rectification item each finding becomes: the agency closes it with evidence, the inspector confirms.

An item's state is derived from its dates (closed, confirmed); only the services set them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.models import Agency, Person

from .files import storage, upload_path, validate_file


class InspectionKind(models.TextChoices):
    SELF = "self", "自查"
    SUPERVISION = "supervision", "督导检查"


class Inspection(models.Model):
    """An inspection of ``agency``'s disclosure work on ``inspected_on``; ``inspector`` is the supervising
    agency for a 督导检查, the agency itself for a 自查."""

    agency = models.ForeignKey(
        Agency, verbose_name="被检查机关", on_delete=models.PROTECT, related_name="inspections"
    )
    kind = models.CharField("类型", max_length=20, choices=InspectionKind.choices)
    inspector = models.ForeignKey(
        Agency, verbose_name="检查机关", on_delete=models.PROTECT, related_name="inspections_made"
    )
    inspected_on = models.DateField("检查日期")
    title = models.CharField("名称", max_length=200)
    summary = models.TextField("检查情况", max_length=5000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "检查"
        verbose_name_plural = "检查"
        ordering = ["-inspected_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.inspected_on} {self.get_kind_display()}：{self.title}"

    def clean(self) -> None:
        if self.kind == InspectionKind.SELF and self.inspector_id != self.agency_id:
            raise ValidationError({"kind": "自查的检查机关是本机关"})
        if self.kind == InspectionKind.SUPERVISION and self.inspector_id == self.agency_id:
            raise ValidationError({"kind": "督导检查由主管部门作出"})


class RectificationStatus(models.TextChoices):
    OPEN = "open", "整改中"
    CLOSED = "closed", "已整改，待确认"
    CONFIRMED = "confirmed", "整改已确认"


class Rectification(models.Model):
    """A finding of an inspection and its rectification: 问题、措施、责任人、期限, closed with evidence by the
    agency (``closed_on``), confirmed by the inspector (``confirmed_on``); a rejected closing reopens it."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="rectifications"
    )
    inspection = models.ForeignKey(
        Inspection, verbose_name="检查", on_delete=models.CASCADE, related_name="rectifications"
    )
    problem = models.TextField("问题", max_length=2000)
    measure = models.TextField("整改措施", max_length=2000)
    responsible = models.ForeignKey(
        Person, verbose_name="责任人", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responsible_name = models.CharField("责任人（非平台人员）", max_length=60, blank=True)
    due_on = models.DateField("整改期限")
    closed_on = models.DateField("整改完成日期", null=True, blank=True, editable=False)
    evidence_note = models.TextField("整改情况说明", max_length=2000, blank=True, editable=False)
    evidence = models.FileField(
        "证明材料",
        storage=storage,
        upload_to=upload_path,
        max_length=200,
        blank=True,
        editable=False,
        validators=[validate_file],
    )
    confirmed_on = models.DateField("确认日期", null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改事项"
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.problem[:40]

    @property
    def status(self) -> RectificationStatus:
        if self.confirmed_on:
            return RectificationStatus.CONFIRMED
        if self.closed_on:
            return RectificationStatus.CLOSED
        return RectificationStatus.OPEN

    @property
    def responsible_label(self) -> str:
        return self.responsible.name if self.responsible_id else self.responsible_name

    def on_time(self) -> bool | None:
        """Closed by its deadline (None while open)."""
        return None if self.closed_on is None else self.closed_on <= self.due_on

    def clean(self) -> None:
        if self.responsible_id and self.responsible.agency_id != self.agency_id:
            raise ValidationError({"responsible": "只能选择本机关的人员"})
        if not self.responsible_id and not self.responsible_name.strip():
            raise ValidationError({"responsible_name": "请选择或填写责任人"})
        if self.inspection_id and self.inspection.agency_id != self.agency_id:
            raise ValidationError({"inspection": "只能是本机关的检查"})
