"""The form of the portal's search across all agencies (/search/): words, 发布机构, 文号, publication dates."""

from __future__ import annotations

from django import forms

from gongkai.agencies.models import Agency

from .base import AccessibleForm

DATE_ERRORS = {"invalid": "请输入有效的日期，如 2025-03-01"}


class SiteSearchForm(AccessibleForm):
    q = forms.CharField(label="检索词", required=False, max_length=50)
    agency = forms.ModelChoiceField(
        label="发布机构",
        required=False,
        empty_label="全部机关",
        queryset=Agency.objects.filter(disclosure_section__live=True).order_by("code"),
        error_messages={"invalid_choice": "请选择列表中的发布机构"},
    )
    number = forms.CharField(label="文号", required=False, max_length=100)
    start = forms.DateField(
        label="发布日期自",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
    )
    end = forms.DateField(
        label="至", required=False, widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE_ERRORS
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "结束日期不能早于开始日期")
        return cleaned

    def searched(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("q", "").strip() or data.get("number", "").strip())
