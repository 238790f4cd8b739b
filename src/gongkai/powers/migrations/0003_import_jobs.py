"""Import jobs with progress."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
import gongkai.storage
from django.db import migrations, models

import gongkai.applications.models.intake
import gongkai.powers.models


class Migration(migrations.Migration):
    dependencies = [
        ("powers", "0002_appeal_application"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        blank=True,
                        max_length=200,
                        storage=gongkai.storage.PrivateStorage(),
                        upload_to=gongkai.powers.models.imports._import_path,
                        verbose_name="文件",
                    ),
                ),
                ("filename", models.CharField(max_length=255, verbose_name="文件名")),
                ("mapping", models.JSONField(verbose_name="列对应关系")),
                ("period_start", models.DateField(verbose_name="起始日期")),
                ("period_end", models.DateField(verbose_name="截止日期")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "排队中"),
                            ("running", "正在导入"),
                            ("done", "已完成"),
                            ("failed", "未导入"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="状态",
                    ),
                ),
                (
                    "rows_total",
                    models.PositiveIntegerField(
                        blank=True, help_text="读完以前为估计值", null=True, verbose_name="总行数"
                    ),
                ),
                ("rows_done", models.PositiveIntegerField(default=0, verbose_name="已读取行数")),
                ("errors", models.JSONField(blank=True, default=list, verbose_name="错误")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="提交时间")),
                (
                    "heartbeat",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="最近进度时间"),
                ),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="结束时间")),
                (
                    "batch",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to="powers.decisionimport",
                        verbose_name="导入结果",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="导入人",
                    ),
                ),
                (
                    "power_list",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="import_jobs",
                        to="powers.powerlist",
                        verbose_name="清单",
                    ),
                ),
            ],
            options={
                "verbose_name": "处理决定导入任务",
                "verbose_name_plural": "处理决定导入任务",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(fields=["status", "heartbeat"], name="powers_impo_status_814ee3_idx")
                ],
            },
        ),
    ]
