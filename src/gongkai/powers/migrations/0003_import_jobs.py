"""Import jobs with progress."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("powers", "0002_appeal_application")]

    operations = []
