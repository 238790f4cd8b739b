"""Intake: attachments kept privately, split applications (一事一申请), the daily due notices."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import gongkai.applications.models.intake
import gongkai.storage


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("applications", "0003_letters"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Attachment",
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
                        max_length=200,
                        storage=gongkai.storage.PrivateStorage(),
                        upload_to=gongkai.applications.models.intake._attachment_path,
                        verbose_name="文件",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("pdf", "PDF 文件"), ("jpeg", "JPEG 图片"), ("png", "PNG 图片")],
                        max_length=10,
                        verbose_name="文件类型",
                    ),
                ),
                ("original_name", models.CharField(max_length=200, verbose_name="原文件名")),
                ("size", models.PositiveIntegerField(verbose_name="大小（字节）")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="上传时间")),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attachments",
                        to="applications.application",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="上传人",
                    ),
                ),
            ],
            options={
                "verbose_name": "申请附件",
                "verbose_name_plural": "申请附件",
                "ordering": ["pk"],
            },
        ),
        migrations.CreateModel(
            name="Split",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("on", models.DateField(verbose_name="拆分日期")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="记录时间")),
                (
                    "parent",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="split_parts",
                        to="applications.application",
                        verbose_name="原申请",
                    ),
                ),
                (
                    "part",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="split_from",
                        to="applications.application",
                        verbose_name="拆分出的申请",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="经办人",
                    ),
                ),
            ],
            options={
                "verbose_name": "拆分记录",
                "verbose_name_plural": "拆分记录",
                "ordering": ["pk"],
            },
        ),
        migrations.CreateModel(
            name="DueNotice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="日期")),
                ("due_soon", models.PositiveIntegerField(verbose_name="即将到期")),
                ("overdue", models.PositiveIntegerField(verbose_name="已逾期")),
                ("sent_at", models.DateTimeField(auto_now_add=True, verbose_name="发送时间")),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="agencies.agency"
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "到期提醒",
                "verbose_name_plural": "到期提醒",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("agency", "recipient", "day"), name="applications_due_notice_once"
                    )
                ],
            },
        ),
    ]
