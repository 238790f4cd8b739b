"""The attachments' text for search (AttachmentText) and an index on the upper-cased index number, which the
searches match on its own once it leaves the search text (0010)."""

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0003_agency_collections'),
        ('publishing', '0008_merge_interpretations_and_wording_rules'),
        ('wagtaildocs', '0014_alter_document_file_size'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AttachmentText',
            fields=[
                ('document', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='wagtaildocs.document')),
                ('file_hash', models.CharField(blank=True, max_length=40)),
                ('text', models.TextField(blank=True)),
                ('extracted_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': '附件文本',
            },
        ),
        migrations.AddIndex(
            model_name='informationitempage',
            index=models.Index(django.db.models.functions.text.Upper('index_number'), name='publishing_item_index_upper'),
        ),
    ]
