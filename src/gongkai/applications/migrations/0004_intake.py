"""Intake: attachments, split applications (一事一申请), notifications."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_letters")]

    operations = []
