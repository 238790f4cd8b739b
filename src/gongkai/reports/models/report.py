"""An agency's annual report for one year as kept in the database, from the first draft to its publication."""

from __future__ import annotations

from django.db import models

from gongkai.agencies.models import Agency


class ReportStatus(models.TextChoices):
    """Where an annual report is; "not started" is no row, "late" is computed (`deadlines.is_late`)."""

    DRAFTING = "drafting", "编写中"
    IN_SIGNOFF = "in_review", "审核中"
    RETURNED = "returned", "退回修改"
    PUBLISHED = "published", "已发布"


class AgencyReport(models.Model):
    """An agency's 政府信息公开工作年度报告 for one year: what the office writes, and once published, what was
    published.

    The tables are not stored while the report is written: they are computed from the records each time
    (`reports.assembly`). What is stored is what people add: the prose of sections 一/五/六, cell overrides with their
    written reasons, the date printed. At publication the whole report is frozen in ``published_report``.
    ``status`` and ``published_at`` are caches of the sign-off events (`models.signoff`), written only by
    `services.signoff` from those events.
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("报告年度")
    template = models.CharField("格式", max_length=10)
    status = models.CharField(
        "状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFTING, editable=False
    )
    prose = models.JSONField("正文", default=dict, blank=True)
    drafted = models.JSONField(
        "平台起草的正文",
        default=dict,
        blank=True,
        editable=False,
        help_text="平台最近一次起草的各部分文字：正文与之不同的部分是办公室写的，不会被自动替换",
    )
    overrides = models.JSONField("人工修改", default=dict, blank=True)
    report_date = models.DateField("成文日期", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    published_report = models.JSONField(
        "发布时的报告", null=True, blank=True, editable=False, help_text="发布时冻结的报告（含检查结果）"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "agency__path"]
        db_table = "reports_annualreportdraft"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annual_report_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.year}年政府信息公开工作年度报告"

    @property
    def editable(self) -> bool:
        """Only a report being written or sent back may be changed."""
        return self.status in (ReportStatus.DRAFTING, ReportStatus.RETURNED)

    def office_written(self, section: str) -> bool:
        """Whether the office wrote (or changed) the section's text, i.e. it is not the platform's last draft."""
        return self.prose.get(section, "") != self.drafted.get(section)

    @property
    def published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED
