"""Forms of writing the annual report: the prose editor, a cell's override, starting a report."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from wagtail.admin.rich_text import DraftailRichTextArea

from gongkai.agencies.models import Agency
from gongkai.core.report.formats import FIRST_YEAR

EDITOR_FEATURES = ["bold", "italic", "ol", "ul"]


class ProseForm(forms.Form):
    text = forms.CharField(
        label="正文", required=False, widget=DraftailRichTextArea(features=EDITOR_FEATURES)
    )


class OverrideForm(forms.Form):
    value = forms.CharField(label="人工填写的数值", max_length=30)
    reason = forms.CharField(
        label="修改理由（必填，将记入变更记录并在检查结果中显示）",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
    )


class StartForm(forms.Form):
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.none())
    year = forms.IntegerField(label="报告年度", min_value=FIRST_YEAR)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["year"].initial = timezone.localdate().year - 1


class ReportDateForm(forms.Form):
    report_date = forms.DateField(label="成文日期", required=False)
