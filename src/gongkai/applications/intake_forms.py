"""Staff forms of intake: registering an application with its attachments, splitting one, the number pattern."""

from __future__ import annotations

import string

from django import forms

from .attachments import AttachmentsField, AttachmentsMixin
from .forms import IntakeForm, _date


class IntakeWithAttachmentsForm(AttachmentsMixin, IntakeForm):
    """The office's intake form (`forms.IntakeForm`) with the files that came with the application."""

    attachments = AttachmentsField(label="附件（身份证明复印件等）")


class SplitForm(forms.Form):
    on = _date("拆分日期")
    matters = forms.CharField(
        label="拆分后的事项（每行一项；第一行留在本申请，其余各行另立为新申请）",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请列出拆分后的事项"},
    )


SAMPLE_YEAR, SAMPLE_SEQ = 2026, 1
_FIELDS = {"prefix", "year", "seq"}


def render_pattern(pattern: str, prefix: str, *, year: int = SAMPLE_YEAR, seq: int = SAMPLE_SEQ) -> str:
    """The number `pattern` gives; raises forms.ValidationError with a Chinese message if it cannot be used."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise forms.ValidationError("编号格式中的花括号不成对（字面的花括号请写作 {{ 或 }}）") from exc
    if unknown := sorted(names - _FIELDS):
        shown = "、".join("{" + n + "}" if n else "{}" for n in unknown)
        raise forms.ValidationError(f"编号格式只能使用 {{prefix}}、{{year}}、{{seq}}，不能使用 {shown}")
    missing = [f"{{{n}}}" for n in ("year", "seq") if n not in names]
    if missing:
        raise forms.ValidationError(f"编号格式必须包含 {'和'.join(missing)}，否则编号会重复")
    try:
        return pattern.format(prefix=prefix, year=year, seq=seq)
    except (ValueError, TypeError, IndexError, KeyError) as exc:
        raise forms.ValidationError("编号格式无法生成编号，请检查 {seq:04d} 一类的写法") from exc


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
            prefix = data.get("number_prefix") or ""
            try:
                render_pattern(data["number_pattern"], prefix)
                longest = render_pattern(data["number_pattern"], prefix, year=9999, seq=99999)
            except forms.ValidationError as exc:
                self.add_error("number_pattern", exc)
            else:
                if len(longest) > 80:
                    self.add_error("number_pattern", "按此格式生成的编号超过 80 个字符，请缩短")
        return data
