"""Uploaded reports and what the auditor found in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.storage import PrivateStorage


class ReportAudit(models.Model):
    """One uploaded report and what the auditor found in it.

    Kept so that the office can follow an agency's report across uploads: which findings were fixed,
    which are new. The original file is kept too (nothing uploaded is lost), in private storage: an uploaded
    HTML page must never be served from the site's origin; `views.audits.audit_file` hands it out, after the
    agency check, as a download.
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="report_audits"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    file = models.FileField("原文件", storage=PrivateStorage(), upload_to="report-audits/%Y/%m/")
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
