"""Review and publication of annual reports: the events of the review chain, and what was published.

The current step of a report in review is derived from its events (the approvals since the last
submission), never stored: `review.current_step(draft)`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ReviewStep(models.TextChoices):
    SUBMIT = "submit", "提交审核"
    CHECK = "check", "复核"
    CONFIDENTIALITY = "confidentiality", "保密审查"
    APPROVE = "approve", "审核"
    PUBLISH = "publish", "发布"
    SUPERVISION = "supervision", "主管部门监督"


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", "通过"
    RETURN = "return", "退回修改"


class ReportReviewEvent(models.Model):
    """One step of the review chain taken by one person: submitted, approved, returned or published."""

    draft = models.ForeignKey(
        "reports.AnnualReportDraft",
        verbose_name="年度报告",
        on_delete=models.CASCADE,
        related_name="review_events",
    )
    step = models.CharField("环节", max_length=20, choices=ReviewStep.choices)
    decision = models.CharField("意见", max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField("说明", blank=True)
    conclusion = models.CharField("保密审查结论", max_length=300, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办理人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "年度报告审核记录"
        verbose_name_plural = "年度报告审核记录"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["draft", "at"])]

    def __str__(self) -> str:
        return f"{self.get_step_display()}：{self.get_decision_display()}"


class ReportPublication(models.Model):
    """A publication of a report: who published it, when, and the files offered for download. The report itself
    is frozen in the draft at publication (`assembly.freeze`), so later records do not change it."""

    draft = models.OneToOneField(
        "reports.AnnualReportDraft",
        verbose_name="年度报告",
        on_delete=models.PROTECT,
        related_name="publication",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发布人", on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField("发布时间")
    pdf_error = models.TextField("PDF 未生成的原因", blank=True)

    class Meta:
        verbose_name = "已发布的年度报告"
        verbose_name_plural = "已发布的年度报告"

    def __str__(self) -> str:
        return str(self.draft)


class ReportFile(models.Model):
    """One stored rendering of a published report (HTML, DOCX, PDF, XLSX)."""

    publication = models.ForeignKey(
        ReportPublication, verbose_name="发布", on_delete=models.CASCADE, related_name="files"
    )
    format = models.CharField("格式", max_length=10)
    file = models.FileField("文件", upload_to="annual-reports/%Y/")
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度报告文件"
        verbose_name_plural = "年度报告文件"
        constraints = [models.UniqueConstraint(fields=["publication", "format"], name="report_file_format")]

    def __str__(self) -> str:
        return f"{self.publication} {self.format}"
