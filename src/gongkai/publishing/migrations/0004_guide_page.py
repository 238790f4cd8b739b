"""The 公开指南 page belongs to publishing (DESIGN.md: the guide is part of the column): the model moves from the
portal app with its table unchanged, and its content type with it, so that the pages stay what they are."""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="portal", target="publishing"):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label=target, model="guidepage").exists():
        content_type.objects.filter(app_label=source, model="guidepage").update(app_label=target)


def move_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="publishing", target="portal")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0002_guide_feedback"),
        ("publishing", "0003_catalogue_indexes"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='GuidePage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('classification', wagtail.fields.RichTextField(blank=True, verbose_name='政府信息的分类')),
                        ('arrangement', wagtail.fields.RichTextField(blank=True, verbose_name='编排体系')),
                        ('obtaining', wagtail.fields.RichTextField(blank=True, help_text='主动公开信息的获取方式，以及申请获取政府信息的方式、途径', verbose_name='获取方式')),
                        ('office_name', models.CharField(blank=True, help_text='留空则使用机关信息中的工作机构', max_length=200, verbose_name='政府信息公开工作机构名称')),
                        ('office_address', models.CharField(blank=True, help_text='留空则使用机关信息', max_length=300, verbose_name='办公地址')),
                        ('office_hours', models.CharField(blank=True, help_text='留空则使用机关信息', max_length=200, verbose_name='办公时间')),
                        ('office_phone', models.CharField(blank=True, help_text='留空则使用机关信息', max_length=40, verbose_name='联系电话')),
                        ('office_fax', models.CharField(blank=True, max_length=40, verbose_name='传真号码')),
                        ('office_online', models.CharField(blank=True, help_text='电子邮箱或网址；留空则使用机关信息中的电子邮箱', max_length=300, verbose_name='互联网联系方式')),
                        ('body', wagtail.fields.RichTextField(blank=True, help_text='如监督和救济途径、收费标准等', verbose_name='其他事项')),
                    ],
                    options={
                        'verbose_name': '政府信息公开指南',
                        'verbose_name_plural': '政府信息公开指南',
                        'db_table': 'portal_guidepage',
                    },
                    bases=('wagtailcore.page',),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_back, elidable=False),
    ]
