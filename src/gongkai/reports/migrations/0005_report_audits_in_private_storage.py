"""Uploaded reports move from the public MEDIA_ROOT to private storage (same names), served only by the view."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import gongkai.storage


def move_to_private(apps, schema_editor):
    private = gongkai.storage.PrivateStorage()
    public = Path(settings.MEDIA_ROOT)
    for name in apps.get_model("reports", "ReportAudit").objects.values_list("file", flat=True):
        source = public / name
        if name and source.is_file() and not private.exists(name):
            target = Path(private.path(name))
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_agency_report_signoff"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reportaudit",
            name="file",
            field=models.FileField(
                storage=gongkai.storage.PrivateStorage(),
                upload_to="report-audits/%Y/%m/",
                verbose_name="原文件",
            ),
        ),
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
