"""Forms of public feedback: the report, its lookup, and the office's reply and closing."""

from __future__ import annotations

from django import forms

from ..models import FeedbackKind
from .base import AccessibleForm

CONTENT_MAX = 2000


class FeedbackForm(AccessibleForm):
    """A report about an agency's disclosure. `website` is a honeypot: hidden from people, filled by bots."""

    kind = forms.ChoiceField(
        label="意见类型",
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择意见类型", "invalid_choice": "请选择意见类型"},
    )
    content = forms.CharField(
        label="具体内容",
        max_length=CONTENT_MAX,
        help_text=f"请写明哪条信息、什么问题；不超过 {CONTENT_MAX} 字",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写具体内容", "max_length": f"内容不能超过 {CONTENT_MAX} 字"},
    )
    contact_name = forms.CharField(
        label="称呼（选填）",
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label="联系电话或电子邮箱（选填）",
        max_length=120,
        required=False,
        help_text="仅供处理机关与您联系，不公开",
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )
    website = forms.CharField(
        label="请勿填写此项",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if not content:
            raise forms.ValidationError("请填写具体内容")
        return content

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class FeedbackLookupForm(AccessibleForm):
    number = forms.CharField(label="意见编号", max_length=40, error_messages={"required": "请填写意见编号"})
    query_code = forms.CharField(
        label="查询码",
        max_length=40,
        error_messages={"required": "请填写查询码"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label="答复内容",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="提交人凭编号和查询码可查看答复",
        error_messages={"required": "请填写答复内容"},
    )


class CloseForm(forms.Form):
    note = forms.CharField(label="办结说明（选填）", max_length=500, required=False)
