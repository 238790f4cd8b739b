from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency


class ReportAudit(models.Model):
    """One uploaded report and what the auditor found in it.

    Kept so that the office can follow an agency's report across uploads: which findings were fixed,
    which are new. The original file is kept too (nothing uploaded is lost).
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="report_audits"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    file = models.FileField("原文件", upload_to="report-audits/%Y/%m/")
    filename = models.CharField("文件名", max_length=255)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64, db_index=True)
    year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)
    template = models.CharField("格式", max_length=10, blank=True)
    title = models.CharField("标题", max_length=300, blank=True)
    errors = models.PositiveIntegerField("错误")
    warnings = models.PositiveIntegerField("警告")
    result = models.JSONField("检查结果")

    class Meta:
        verbose_name = "年度报告检查"
        verbose_name_plural = "年度报告检查"
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["agency", "year", "uploaded_at"])]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.year or '年度不明'} {self.filename}"

    @property
    def findings(self) -> list[dict]:
        return self.result.get("findings", [])

    def previous(self) -> ReportAudit | None:
        """The upload before this one of the same agency's report for the same year."""
        return (
            ReportAudit.objects.filter(
                agency_id=self.agency_id, year=self.year, uploaded_at__lt=self.uploaded_at
            )
            .order_by("-uploaded_at", "-pk")
            .first()
        )


class ReportStatus(models.TextChoices):
    """Where an annual report is; "not started" is no draft row, "late" is computed (see assembly.is_late)."""

    DRAFTING = "drafting", "编写中"
    IN_REVIEW = "in_review", "审核中"
    RETURNED = "returned", "退回修改"
    PUBLISHED = "published", "已发布"


class AnnualReportDraft(models.Model):
    """An agency's 政府信息公开工作年度报告 for one year, as the office edits it.

    The tables are not stored: they are computed from the records each time (reports.assembly). What is stored is
    what people add: the prose of sections 一/五/六, cell overrides with their written reasons, the date printed.
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("报告年度")
    template = models.CharField("格式", max_length=10)
    status = models.CharField(
        "状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFTING
    )
    prose = models.JSONField("正文", default=dict, blank=True)
    overrides = models.JSONField("人工修改", default=dict, blank=True)
    report_date = models.DateField("成文日期", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_report = models.JSONField(
        "发布时的报告", null=True, blank=True, editable=False, help_text="发布时冻结的报告（含检查结果）"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "agency__path"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annual_report_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.year}年政府信息公开工作年度报告"

    @property
    def editable(self) -> bool:
        """Only a report being written or sent back may be changed."""
        return self.status in (ReportStatus.DRAFTING, ReportStatus.RETURNED)


from .review_models import ReportFile, ReportPublication, ReportReviewEvent  # noqa: E402,F401
