"""Letters: editable templates and the letters kept with each case."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import gongkai.applications.models.letters
import gongkai.storage

KINDS = [
    ("reply", "答复告知书"),
    ("correction", "补正告知书"),
    ("extension", "延期答复告知书"),
    ("consultation_third_party", "征求意见书（第三方）"),
    ("consultation_agency", "征求意见书（其他机关）"),
    ("fee", "收费通知"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("applications", "0002_counted_result"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Letter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(choices=KINDS, max_length=40, verbose_name="告知书类型")),
                ("outcome", models.CharField(blank=True, max_length=60, verbose_name="办理结果")),
                ("number", models.CharField(max_length=100, verbose_name="文号")),
                ("on", models.DateField(verbose_name="落款日期")),
                ("content", models.JSONField(default=dict, verbose_name="告知书内容")),
                (
                    "docx",
                    models.FileField(
                        max_length=200,
                        storage=gongkai.storage.PrivateStorage(),
                        upload_to=gongkai.applications.models.letters._letter_path,
                        verbose_name="DOCX 文件",
                    ),
                ),
                (
                    "pdf",
                    models.FileField(
                        max_length=200,
                        storage=gongkai.storage.PrivateStorage(),
                        upload_to=gongkai.applications.models.letters._letter_path,
                        verbose_name="PDF 文件",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="生成时间")),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="letters",
                        to="applications.application",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="生成人",
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="letters",
                        to="applications.applicationevent",
                        verbose_name="办理步骤",
                    ),
                ),
            ],
            options={
                "verbose_name": "告知书",
                "verbose_name_plural": "告知书",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="LetterTemplate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(choices=KINDS, max_length=40, verbose_name="告知书类型")),
                ("outcome", models.CharField(blank=True, max_length=60, verbose_name="办理结果")),
                ("title", models.CharField(max_length=100, verbose_name="标题")),
                (
                    "body",
                    models.TextField(
                        help_text="每行一段；占位符如 {申请人}、{申请编号}", verbose_name="正文"
                    ),
                ),
                (
                    "remedies",
                    models.TextField(blank=True, help_text="留空则不写救济途径", verbose_name="救济途径"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="修改时间")),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="letter_templates",
                        to="agencies.agency",
                        verbose_name="机关",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="修改人",
                    ),
                ),
            ],
            options={
                "verbose_name": "告知书模板",
                "verbose_name_plural": "告知书模板",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("agency", "kind", "outcome"), name="applications_letter_template_unique"
                    )
                ],
            },
        ),
    ]
