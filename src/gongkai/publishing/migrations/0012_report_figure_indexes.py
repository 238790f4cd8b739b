"""Two indexes for the annual report of many agencies at once (a province's consolidation and its table of every
agency's figures). (document_kind, agency) finds the few 规章 and 规范性文件 of table 二 第（一）项 instead of reading
every item of the agencies (0.44-0.57 s at 1,000,000 items, benchmarks/province.py --scale 1; under 1 ms).
(published_on, agency) with the category, due date and id included counts the year's items by category and the late
ones from the index alone (0.6-0.8 s; 0.04 s), once the visibility map is set (autovacuum, or VACUUM after a bulk
load)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0003_agency_collections'),
        ('publishing', '0011_site_search_date_index'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='informationitempage',
            index=models.Index(fields=['document_kind', 'agency'], name='publishing_item_by_kind'),
        ),
        migrations.AddIndex(
            model_name='informationitempage',
            index=models.Index(fields=['published_on', 'agency'], include=('category', 'due_on', 'page_ptr'), name='publishing_item_year_summary'),
        ),
    ]
