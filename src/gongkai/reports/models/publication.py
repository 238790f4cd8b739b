"""What was published of an annual report: who published it, when, and the files offered for download."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReportPublication(models.Model):
    """A publication of a report: who published it, when, and the files offered for download. The report itself
    is frozen at publication (`AgencyReport.published_report`), so later records do not change it."""

    report = models.OneToOneField(
        "reports.AgencyReport",
        verbose_name="年度报告",
        on_delete=models.PROTECT,
        related_name="publication",
        db_column="draft_id",
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
        return str(self.report)


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
