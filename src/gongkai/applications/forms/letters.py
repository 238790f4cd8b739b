"""Forms of the letters: generating a case's letter (its date and text, as previewed) and editing a template."""

from __future__ import annotations

from django import forms

from gongkai.core.letters import compose, placeholders
from gongkai.core.letters.defaults import TemplateText
from gongkai.core.letters.model import LetterKind


class LetterForm(forms.Form):
    """The letter as it will be generated: the date it bears and its text, which the office may adjust."""

    on = forms.DateField(label="落款日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    body = forms.CharField(label="正文（每行一段）", widget=forms.Textarea(attrs={"rows": 12}))
    remedies = forms.CharField(label="救济途径", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachments = forms.CharField(
        label="附件（每行一个名称，没有的留空）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TemplateForm(forms.Form):
    """An agency's template of a kind of letter; placeholders the kind does not offer are refused on saving."""

    title = forms.CharField(label="标题", max_length=100)
    body = forms.CharField(label="正文（每行一段）", widget=forms.Textarea(attrs={"rows": 14}))
    remedies = forms.CharField(
        label="救济途径（留空则不写）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, kind: LetterKind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        text = TemplateText(data["title"], data["body"], data.get("remedies", ""))
        try:
            compose.check_template(self.kind, text)
        except placeholders.TemplateError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data
