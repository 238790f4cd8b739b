"""Review, publication and supervision of annual reports."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_annual_report"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportPublication",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("published_at", models.DateTimeField(verbose_name="发布时间")),
                ("pdf_error", models.TextField(blank=True, verbose_name="PDF 未生成的原因")),
                (
                    "draft",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="publication",
                        to="reports.annualreportdraft",
                        verbose_name="年度报告",
                    ),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="发布人",
                    ),
                ),
            ],
            options={"verbose_name": "已发布的年度报告", "verbose_name_plural": "已发布的年度报告"},
        ),
        migrations.CreateModel(
            name="ReportFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("format", models.CharField(max_length=10, verbose_name="格式")),
                ("file", models.FileField(upload_to="annual-reports/%Y/", verbose_name="文件")),
                ("size", models.PositiveIntegerField(verbose_name="大小（字节）")),
                ("sha256", models.CharField(max_length=64)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="生成时间")),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="files",
                        to="reports.reportpublication",
                        verbose_name="发布",
                    ),
                ),
            ],
            options={
                "verbose_name": "年度报告文件",
                "verbose_name_plural": "年度报告文件",
                "constraints": [
                    models.UniqueConstraint(fields=("publication", "format"), name="report_file_format")
                ],
            },
        ),
        migrations.CreateModel(
            name="ReportReviewEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "step",
                    models.CharField(
                        choices=[
                            ("submit", "提交审核"),
                            ("check", "复核"),
                            ("confidentiality", "保密审查"),
                            ("approve", "审核"),
                            ("publish", "发布"),
                            ("supervision", "主管部门监督"),
                        ],
                        max_length=20,
                        verbose_name="环节",
                    ),
                ),
                (
                    "decision",
                    models.CharField(
                        choices=[("approve", "通过"), ("return", "退回修改")],
                        max_length=10,
                        verbose_name="意见",
                    ),
                ),
                ("comment", models.TextField(blank=True, verbose_name="说明")),
                ("conclusion", models.CharField(blank=True, max_length=300, verbose_name="保密审查结论")),
                ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="时间")),
                (
                    "draft",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="review_events",
                        to="reports.annualreportdraft",
                        verbose_name="年度报告",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="办理人",
                    ),
                ),
            ],
            options={
                "verbose_name": "年度报告审核记录",
                "verbose_name_plural": "年度报告审核记录",
                "ordering": ["at", "pk"],
                "indexes": [models.Index(fields=["draft", "at"], name="reports_rep_draft_i_88ec23_idx")],
            },
        ),
    ]
