"""An index on (kind, on) of the applications' events, for the facts of a report that count one kind of event in a
year (fee notices, payments, unpaid fees: reports.facts): a province's report read all of its 1.4 million events for
them (two parallel sequential scans of 65-70 ms each at benchmarks/province.py's --scale 1; under 1 ms each with the
index)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0010_merge_notices_and_letter_signoff'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='applicationevent',
            index=models.Index(fields=['kind', 'on'], name='applications_event_kind_on'),
        ),
    ]
