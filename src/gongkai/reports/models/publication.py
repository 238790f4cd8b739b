"""The files offered for download of a published annual report. Who published it and when is kept once, by the
sign-off (`models.signoff`, cached in `AgencyReport.published_at`)."""

from __future__ import annotations

from django.db import models


class ReportPublication(models.Model):
    """The files of a published report, and why its PDF is missing if it is. The report itself is frozen at
    publication (`AgencyReport.published_report`), so later records do not change it."""

    report = models.OneToOneField(
        "reports.AgencyReport",
        verbose_name="年度报告",
        on_delete=models.PROTECT,
        related_name="publication",
        db_column="draft_id",
    )
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
