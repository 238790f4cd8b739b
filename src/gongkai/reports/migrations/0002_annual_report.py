"""The annual report assembled from the records: drafts, overrides, prose."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial"), ("reports", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="AnnualReportDraft",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="报告年度")),
                ("template", models.CharField(max_length=10, verbose_name="格式")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("drafting", "编写中"),
                            ("in_review", "审核中"),
                            ("returned", "退回修改"),
                            ("published", "已发布"),
                        ],
                        default="drafting",
                        max_length=20,
                        verbose_name="状态",
                    ),
                ),
                ("prose", models.JSONField(blank=True, default=dict, verbose_name="正文")),
                ("overrides", models.JSONField(blank=True, default=dict, verbose_name="人工修改")),
                ("report_date", models.DateField(blank=True, null=True, verbose_name="成文日期")),
                ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="发布时间")),
                (
                    "published_report",
                    models.JSONField(
                        blank=True,
                        editable=False,
                        help_text="发布时冻结的报告（含检查结果）",
                        null=True,
                        verbose_name="发布时的报告",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="annual_reports",
                        to="agencies.agency",
                        verbose_name="机关",
                    ),
                ),
            ],
            options={
                "verbose_name": "政府信息公开工作年度报告",
                "verbose_name_plural": "政府信息公开工作年度报告",
                "ordering": ["-year", "agency__path"],
                "constraints": [
                    models.UniqueConstraint(fields=("agency", "year"), name="annual_report_agency_year")
                ],
            },
        ),
    ]
