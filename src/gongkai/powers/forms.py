"""Forms of the staff pages: list entries, appeal cases, and the two steps of a decisions import."""

from __future__ import annotations

from django import forms

from . import importing
from .models import AppealCase, FeeItem, PowerItem, ProcurementItem
from .services import CASE_FIELDS, FEE_FIELDS, ITEM_FIELDS, PROCUREMENT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.ModelForm):
    manual_decisions = forms.IntegerField(
        label="手工录入的处理决定数量",
        required=False,
        min_value=0,
        help_text="留空表示不手工录入；导入的处理决定另计",
    )

    class Meta:
        model = PowerItem
        fields = ITEM_FIELDS
        widgets = {"added_on": DATE, "removed_on": DATE, "legal_basis": forms.Textarea(attrs={"rows": 3})}


class FeeForm(forms.ModelForm):
    class Meta:
        model = FeeItem
        fields = FEE_FIELDS
        widgets = {"added_on": DATE, "removed_on": DATE, "legal_basis": forms.Textarea(attrs={"rows": 3})}


class ProcurementForm(forms.ModelForm):
    class Meta:
        model = ProcurementItem
        fields = PROCUREMENT_FIELDS


class CaseForm(forms.ModelForm):
    class Meta:
        model = AppealCase
        fields = CASE_FIELDS
        widgets = {"filed_on": DATE, "result_known_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        """Only the case's agency's applications can be linked."""
        super().__init__(*args, **kwargs)
        applications = self.fields["application"].queryset
        self.fields["application"].queryset = applications.filter(agency_id=self.instance.agency_id)


class UploadForm(forms.Form):
    file = forms.FileField(label="政务服务系统导出的文件（CSV 或 XLSX，不超过 50 MB）")
    period_start = forms.DateField(label="导入期间：起始日期", widget=DATE)
    period_end = forms.DateField(label="导入期间：截止日期", widget=DATE)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importing.MAX_BYTES:
            raise forms.ValidationError(f"文件超过 {importing.MAX_BYTES // (1024 * 1024)} MB，未导入")
        if not upload.name.lower().endswith(importing.EXTENSIONS):
            raise forms.ValidationError("只能导入 CSV 或 XLSX 文件")
        return upload


class MappingForm(forms.Form):
    """Which column of the file is which field; the period and the stored file travel along."""

    token = forms.CharField(widget=forms.HiddenInput)
    period_start = forms.DateField(widget=forms.HiddenInput)
    period_end = forms.DateField(widget=forms.HiddenInput)

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in importing.FIELDS.items():
            required = name in importing.REQUIRED
            choices = ([] if required else [("", "（无此列，每行计 1 件）")]) + [(h, h) for h in headers if h]
            self.fields[name] = forms.ChoiceField(label=f"{label}所在列", choices=choices, required=required)

    def mapping(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in importing.FIELDS if self.cleaned_data.get(name)}
