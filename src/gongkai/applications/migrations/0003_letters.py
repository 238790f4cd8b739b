"""Letters: editable templates and the letters kept with each case."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_counted_result")]

    operations = []
