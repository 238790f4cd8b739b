"""The 公开指南 page moved to the publishing app (publishing 0004): the portal forgets it, the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_guide_feedback"),
        ("publishing", "0004_guide_page"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="GuidePage")],
            database_operations=[],
        ),
    ]
