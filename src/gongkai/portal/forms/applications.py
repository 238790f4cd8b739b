"""The public's forms: an application for government information, and a progress lookup.

The field rules are those of `applications.validation` (the API and the staff intake use them too); this form
only lays the fields out and marks invalid inputs for assistive technology.
"""

from __future__ import annotations

from django import forms

from gongkai.applications import validation
from gongkai.applications.choices import ApplicantType, IdType, InfoForm, Obtaining
from gongkai.applications.forms.attachments import AttachmentsField, AttachmentsMixin

from .base import AccessibleForm


def _text(label: str, help_text: str = "", **attrs) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.TextInput(attrs=attrs)
    )


class ApplicationForm(AttachmentsMixin, AccessibleForm):
    """An application made on the portal; the fields are `choices.FORM_FIELDS`, plus attachments."""

    applicant_type = forms.ChoiceField(
        label="申请人类型", choices=ApplicantType.choices, required=False, widget=forms.RadioSelect
    )
    name = _text("姓名或名称", "公民填写姓名；法人或其他组织填写名称", autocomplete="name")
    phone = _text("联系电话", autocomplete="tel", inputmode="tel")
    address = _text("通信地址", "选择邮寄获取的必填", autocomplete="street-address")
    email = _text("电子邮箱", "选择电子邮件获取的必填", autocomplete="email", inputmode="email")
    id_type = forms.ChoiceField(label="证件类型", choices=[("", "请选择"), *IdType.choices], required=False)
    id_number = _text("证件号码", autocomplete="off")
    credit_code = _text("统一社会信用代码", "18 位，见营业执照或登记证书", autocomplete="off")
    legal_representative = _text("法定代表人")
    contact_person = _text("联系人")
    info_name = _text("所需信息的名称")
    info_document_number = _text("文号")
    info_description = forms.CharField(
        label="所需信息的特征描述", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    purpose = forms.CharField(label="用途（选填）", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    form = forms.ChoiceField(
        label="信息形式", choices=InfoForm.choices, required=False, widget=forms.RadioSelect
    )
    obtaining = forms.ChoiceField(
        label="获取方式", choices=Obtaining.choices, required=False, widget=forms.RadioSelect
    )
    attachments = AttachmentsField(label="附件")

    def clean(self):
        data = super().clean()
        for field, message in validation.errors(data).items():
            self.add_error(field, message)
        return data

    def applicant(self) -> dict:
        return validation.applicant_of(self.cleaned_data)


class LookupForm(AccessibleForm):
    number = forms.CharField(label="申请编号", max_length=80, error_messages={"required": "请填写申请编号"})
    query_code = forms.CharField(
        label="查询码",
        max_length=40,
        error_messages={"required": "请填写查询码"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
