"""Staff forms of intake: registering an application with its attachments, splitting one, the number pattern."""

from __future__ import annotations

from django import forms

from .. import numbering
from .attachments import AttachmentsField, AttachmentsMixin
from .steps import IntakeForm, date_field


class IntakeWithAttachmentsForm(AttachmentsMixin, IntakeForm):
    """The office's intake form (`forms.IntakeForm`) with the files that came with the application."""

    attachments = AttachmentsField(label="附件（身份证明复印件等）")


class SplitForm(forms.Form):
    on = date_field("拆分日期")
    matters = forms.CharField(
        label="拆分后的事项（每行一项；第一行留在本申请，其余各行另立为新申请）",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请列出拆分后的事项"},
    )


class NumberPatternForm(forms.Form):
    number_prefix = forms.CharField(label="编号前缀", max_length=40, required=False, help_text="如：经开人社")
    number_pattern = forms.CharField(
        label="编号格式",
        max_length=80,
        help_text="可用 {prefix}（前缀）、{year}（年度）、{seq}（序号，{seq:04d} 为补足四位）；必须包含 {year} 和 {seq}",
        error_messages={"required": "请填写编号格式"},
    )

    def clean(self):
        data = super().clean()
        if "number_pattern" in data:
            try:
                numbering.number_of(data["number_pattern"], data.get("number_prefix") or "")
            except forms.ValidationError as exc:
                self.add_error("number_pattern", exc)
        return data
