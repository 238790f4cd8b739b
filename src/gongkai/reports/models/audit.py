"""Uploaded reports, the batches they came in, and what the auditor found in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.storage import PrivateStorage


class AuditBatch(models.Model):
    """Several reports uploaded together (several files or a ZIP), checked one by one by a background task
    (`reports.tasks.check_batch`); its page shows the progress and one table of all results.

    `office` is the agency of the person who uploaded: the batch, and the external reports in it, belong to it.
    """

    office = models.ForeignKey(
        Agency, verbose_name="检查机构", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    label = models.CharField("名称", max_length=255, blank=True)

    class Meta:
        verbose_name = "年度报告批量检查"
        verbose_name_plural = "年度报告批量检查"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.label or f"批量检查 {self.pk}"


class ReportAudit(models.Model):
    """One uploaded report and what the auditor found in it.

    Kept so that the office can follow an agency's report across uploads: which findings were fixed,
    which are new. The original file is kept too (nothing uploaded is lost), in private storage: an uploaded
    HTML page must never be served from the site's origin; `views.audits.audit_file` hands it out, after the
    agency check, as a download.

    A report of an agency on the platform names it (`agency`); an external report (another region's, found on
    the web) names no agency but its publisher as written (`publisher`) and belongs to the uploading office
    (`office`). A report of a batch waits (`checked_at` empty) until the batch's task has read it.
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="report_audits",
        null=True,
        blank=True,
    )
    publisher = models.CharField("发布机关（外部报告）", max_length=200, blank=True)
    office = models.ForeignKey(
        Agency, verbose_name="检查机构", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    batch = models.ForeignKey(
        AuditBatch,
        verbose_name="批量检查",
        on_delete=models.CASCADE,
        related_name="audits",
        null=True,
        blank=True,
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    checked_at = models.DateTimeField("检查时间", null=True, blank=True)
    file = models.FileField("原文件", storage=PrivateStorage(), upload_to="report-audits/%Y/%m/")
    filename = models.CharField("文件名", max_length=255)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64, db_index=True)
    year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)
    template = models.CharField("格式", max_length=10, blank=True)
    title = models.CharField("标题", max_length=300, blank=True)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    result = models.JSONField("检查结果", default=dict)

    class Meta:
        verbose_name = "年度报告检查"
        verbose_name_plural = "年度报告检查"
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["agency", "year", "uploaded_at"])]

    def __str__(self) -> str:
        return f"{self.publisher_name} {self.year or '年度不明'} {self.filename}"

    @property
    def publisher_name(self) -> str:
        """The agency's name, or for an external report the publisher as entered."""
        return self.agency.name if self.agency_id else f"{self.publisher}（外部报告）"

    @property
    def checked(self) -> bool:
        return self.checked_at is not None

    @property
    def findings(self) -> list[dict]:
        return self.result.get("findings", [])

    def same_report(self) -> models.QuerySet[ReportAudit]:
        """The checked uploads of the same report: same agency (or, external, same publisher and office) and same
        year, oldest first."""
        same = (
            {"agency_id": self.agency_id}
            if self.agency_id
            else {"agency": None, "publisher": self.publisher, "office_id": self.office_id}
        )
        return ReportAudit.objects.filter(**same, year=self.year, checked_at__isnull=False).order_by(
            "uploaded_at", "pk"
        )

    def previous(self) -> ReportAudit | None:
        """The checked upload before this one of the same report."""
        return (
            self.same_report()
            .filter(uploaded_at__lt=self.uploaded_at)
            .order_by("-uploaded_at", "-pk")
            .first()
        )
