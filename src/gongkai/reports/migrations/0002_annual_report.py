"""The annual report assembled from the records: drafts, overrides, prose."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = []
