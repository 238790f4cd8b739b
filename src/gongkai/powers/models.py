"""The records behind table 二 (第二十条 figures) and table 四 of the annual report.

A ``PowerList`` is one agency's list for one year; its items (权责事项), fee items (行政事业性收费) and
procurement items (政府集中采购) hang off it, and so do the decisions (处理决定) counted for its items. A year's
list starts as a copy of the previous one (``services.start_year``): items keep their ``added_on`` date, so
上一年项目数量 and 本年增/减 follow from one year's list alone (``figures``).

``AppealCase`` is a 行政复议 or 行政诉讼 case brought over the agency's disclosure work. ``ImportJob`` is a
decisions import running in the background, with its progress.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.storage import PrivateStorage

from .categories import Category


class PowerList(models.Model):
    """The 权责清单 of one agency for one year. Its existence means the year's figures are counted."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="power_lists"
    )
    year = models.PositiveSmallIntegerField("年度")
    created_at = models.DateTimeField("建立时间", auto_now_add=True)

    class Meta:
        verbose_name = "权责清单"
        verbose_name_plural = "权责清单"
        ordering = ["agency__path", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="unique_power_list_per_year")]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.year}年权责清单"


class ListedEntry(models.Model):
    """An entry of a year's list that may be added or removed during the year.

    ``added_on`` is when it entered the list (blank: before the platform's records, i.e. before the year);
    ``removed_on`` when it left the list during this year (it stays on the year's list, and is not copied to
    the next). An entry counts in 上一年项目数量 when it was on the list before 1 January of the year.
    """

    power_list = models.ForeignKey(PowerList, verbose_name="清单", on_delete=models.CASCADE)
    code = models.CharField("编码", max_length=64)
    name = models.CharField("名称", max_length=300)
    legal_basis = models.TextField("设定依据", blank=True)
    added_on = models.DateField("纳入日期", null=True, blank=True, help_text="留空表示本年度以前已在清单中")
    removed_on = models.DateField("取消日期", null=True, blank=True, help_text="本年度内取消的填写取消日期")

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def year(self) -> int:
        return self.power_list.year

    @property
    def existed_before_year(self) -> bool:
        return self.added_on is None or self.added_on.year < self.year

    def clean(self) -> None:
        year = self.power_list.year
        if self.added_on and self.added_on > date(year, 12, 31):
            raise ValidationError({"added_on": f"纳入日期不能晚于 {year} 年"})
        if self.removed_on and self.removed_on.year != year:
            raise ValidationError({"removed_on": f"取消日期须在 {year} 年内"})
        if self.removed_on and self.added_on and self.removed_on < self.added_on:
            raise ValidationError({"removed_on": "取消日期不能早于纳入日期"})


class PowerItem(ListedEntry):
    """A 权责事项: its category decides which table 二 row it counts in (``categories.REPORT_ROWS``)."""

    power_list = models.ForeignKey(
        PowerList, verbose_name="清单", on_delete=models.CASCADE, related_name="items"
    )
    category = models.CharField("类别", max_length=20, choices=Category.choices)
    online = models.BooleanField("可网上办理", default=False)

    class Meta(ListedEntry.Meta):
        verbose_name = "权责事项"
        verbose_name_plural = "权责事项"
        constraints = [
            models.UniqueConstraint(
                fields=["power_list", "code"],
                name="unique_power_item_code",
                violation_error_message="本年度清单中已有该编码的事项",
            )
        ]


class FeeItem(ListedEntry):
    """A 行政事业性收费 item and the amount collected in the year (万元; blank = not yet known)."""

    power_list = models.ForeignKey(
        PowerList, verbose_name="清单", on_delete=models.CASCADE, related_name="fees"
    )
    amount = models.DecimalField(
        "本年收费金额（万元）",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta(ListedEntry.Meta):
        verbose_name = "行政事业性收费项目"
        verbose_name_plural = "行政事业性收费项目"
        constraints = [
            models.UniqueConstraint(
                fields=["power_list", "code"],
                name="unique_fee_item_code",
                violation_error_message="本年度清单中已有该编码的收费项目",
            )
        ]


class ProcurementItem(models.Model):
    """A 政府集中采购 item of the year and its amount (万元; blank = not yet known)."""

    power_list = models.ForeignKey(
        PowerList, verbose_name="清单", on_delete=models.CASCADE, related_name="procurements"
    )
    name = models.CharField("采购项目", max_length=300)
    reference = models.CharField("采购编号", max_length=64, blank=True)
    amount = models.DecimalField(
        "采购金额（万元）",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = "政府集中采购项目"
        verbose_name_plural = "政府集中采购项目"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class DecisionImport(models.Model):
    """One import of decisions from a 政务服务 export; it replaced the decisions of its period."""

    power_list = models.ForeignKey(
        PowerList, verbose_name="清单", on_delete=models.CASCADE, related_name="decision_imports"
    )
    period_start = models.DateField("起始日期")
    period_end = models.DateField("截止日期")
    filename = models.CharField("文件名", max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField("行数")
    decisions = models.PositiveIntegerField("处理决定数量")
    mapping = models.JSONField("列对应关系")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", null=True, on_delete=models.SET_NULL
    )
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "处理决定导入"
        verbose_name_plural = "处理决定导入"
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename}（{self.period_start}—{self.period_end}）"


class Decision(models.Model):
    """处理决定 of one item: an imported case (``decided_on`` set, ``count`` usually 1) or a count entered by
    hand for the whole year (``decided_on`` blank, ``batch`` blank). The item's figure is the sum of counts."""

    power_list = models.ForeignKey(PowerList, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        PowerItem, verbose_name="事项", on_delete=models.CASCADE, related_name="decisions"
    )
    decided_on = models.DateField("决定日期", null=True, blank=True)
    reference = models.CharField("办件编号", max_length=64, blank=True)
    count = models.PositiveIntegerField("数量", default=1)
    batch = models.ForeignKey(DecisionImport, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "处理决定"
        verbose_name_plural = "处理决定"
        indexes = [models.Index(fields=["power_list", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.item.code} {self.reference or '手工录入'} ×{self.count}"


class AppealKind(models.TextChoices):
    """The three groups of table 四, with its keys."""

    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


class AppealResult(models.TextChoices):
    """The columns of table 四 (without 总计), with its keys."""

    UPHELD = "upheld", "维持"
    CORRECTED = "corrected", "纠正"
    OTHER = "other", "其他"
    PENDING = "pending", "尚未审结"


class AppealCase(models.Model):
    """A 行政复议 or 行政诉讼 case brought over the agency's disclosure work.

    ``applicant`` is personal data: shown to those who may see applicants' data, masked elsewhere, never
    logged. ``concerns`` names the application or published item the case is about (a reference, in text);
    ``application`` links the agency's application when the case is about one, so that a result of 纠正
    re-opens it (``services.save_case``).
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="appeal_cases"
    )
    kind = models.CharField("类型", max_length=30, choices=AppealKind.choices)
    case_number = models.CharField("案号", max_length=100, blank=True)
    applicant = models.CharField("申请人/原告", max_length=200)
    concerns = models.CharField("涉及的申请或公开事项", max_length=300)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="涉及的申请",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeal_cases",
        help_text="结果为“纠正”时，该申请将重新办理",
    )
    body = models.CharField("复议机关/受理法院", max_length=200)
    filed_on = models.DateField("申请或起诉日期")
    result = models.CharField(
        "结果", max_length=20, choices=AppealResult.choices, default=AppealResult.PENDING
    )
    result_known_on = models.DateField("结果知悉日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼案件"
        verbose_name_plural = "行政复议、行政诉讼案件"
        ordering = ["-filed_on", "-pk"]
        indexes = [models.Index(fields=["agency", "filed_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.pk}"

    def clean(self) -> None:
        if self.application_id and self.application.agency_id != self.agency_id:
            raise ValidationError({"application": "只能关联本机关的申请"})
        if self.result == AppealResult.PENDING:
            if self.result_known_on:
                raise ValidationError({"result_known_on": "尚未审结的案件不填写结果知悉日期"})
            return
        if not self.result_known_on:
            raise ValidationError({"result_known_on": "请填写知悉结果的日期"})
        if self.filed_on and self.result_known_on < self.filed_on:
            raise ValidationError({"result_known_on": "结果知悉日期不能早于申请或起诉日期"})


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "正在导入"
    DONE = "done", "已完成"
    FAILED = "failed", "未导入"


def import_file_name(power_list: PowerList, filename: str) -> str:
    """A random name under the agency's directory: no applicant's name or number in paths (exports list
    applicants); the suffix is kept because it says how to read the file."""
    return f"power-imports/{power_list.agency_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def _import_path(instance: ImportJob, filename: str) -> str:
    return import_file_name(instance.power_list, filename)


class ImportJob(models.Model):
    """A decisions import run in the background (``import_jobs``), with its progress.

    The uploaded file is kept in private storage until the job ends, then deleted (``sha256`` and the name
    stay on the ``DecisionImport``). Progress and outcome live here, in the database, so that any web worker
    can answer the progress bar. ``heartbeat`` is written with every progress report; a queued or running job
    whose heartbeat is older than ``import_jobs.STALE_AFTER`` died with its process and is marked failed.
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
    status = models.CharField(
        "状态", max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField("总行数", null=True, blank=True, help_text="读完以前为估计值")
    rows_done = models.PositiveIntegerField("已读取行数", default=0)
    errors = models.JSONField("错误", default=list, blank=True)
    batch = models.ForeignKey(
        DecisionImport, verbose_name="导入结果", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    heartbeat = models.DateTimeField("最近进度时间", default=timezone.now)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "处理决定导入任务"
        verbose_name_plural = "处理决定导入任务"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "heartbeat"])]

    def __str__(self) -> str:
        return f"{self.filename}（{self.get_status_display()}）"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
