"""The disclosure guide page and public feedback."""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        ('portal', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
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
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='Feedback',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(editable=False, max_length=40, unique=True, verbose_name='编号')),
                ('query_code_hash', models.CharField(editable=False, max_length=64)),
                ('kind', models.CharField(choices=[('wrong', '信息有误'), ('missing', '信息缺失'), ('broken_link', '链接失效'), ('complaint', '投诉'), ('other', '其他')], max_length=20, verbose_name='类型')),
                ('content', models.TextField(verbose_name='内容')),
                ('contact_name', models.CharField(blank=True, max_length=60, verbose_name='称呼')),
                ('contact', models.CharField(blank=True, max_length=120, verbose_name='联系方式')),
                ('item_title', models.CharField(blank=True, max_length=255, verbose_name='相关信息标题')),
                ('status', models.CharField(choices=[('open', '待处理'), ('replied', '已答复'), ('closed', '已办结')], default='open', editable=False, max_length=20, verbose_name='状态')),
                ('submitted_at', models.DateTimeField(auto_now_add=True, verbose_name='提交时间')),
                ('reply', models.TextField(blank=True, editable=False, verbose_name='答复')),
                ('replied_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='答复时间')),
                ('closed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='办结时间')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='feedback', to='agencies.agency', verbose_name='机关')),
                ('item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='相关信息')),
                ('replied_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='答复人')),
            ],
            options={
                'verbose_name': '公众意见与投诉',
                'verbose_name_plural': '公众意见与投诉',
                'ordering': ['-submitted_at', '-pk'],
                'indexes': [models.Index(fields=['agency', 'status'], name='portal_feedback_agency_status')],
            },
        ),
    ]
