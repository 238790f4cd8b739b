"""Review, publication and supervision of annual reports."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_annual_report")]

    operations = []
