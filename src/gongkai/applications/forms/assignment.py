"""Forms of assignment and sign-off: a case's 承办人, the desk's batch actions, a decision on a reply letter."""

from __future__ import annotations

from django import forms

from .steps import date_field


class AssignForm(forms.Form):
    """The 承办人 of one case, among its agency's 业务人员 (empty: take the assignment back)."""

    handler = forms.ModelChoiceField(label="承办人", queryset=None, required=False, empty_label="（不分派）")

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers
        # the position names the person's section (e.g. 就业促进科科员)
        self.fields["handler"].label_from_instance = lambda p: (
            f"{p.name}（{p.position}）" if p.position else p.name
        )


class BatchForm(forms.Form):
    """The desk's batch action on the selected cases: 批量确认收到 (with the day both sides confirmed) or 批量分派."""

    action = forms.ChoiceField(choices=[("confirm", "批量确认收到"), ("assign", "批量分派")])
    on = date_field("确认日期", required=False)
    handler = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)

    def picked(self, data) -> list[int]:
        """The pks of the ticked cases (anything that is not a number is ignored)."""
        values = data.getlist("pick")[:500]
        return sorted({int(v) for v in values if v.isdigit() and len(v) < 10})


class SignoffForm(forms.Form):
    """同意 or 退回 at the letter's next step, with an opinion (required to return)."""

    decision = forms.ChoiceField(choices=[("approve", "同意"), ("return", "退回")])
    opinion = forms.CharField(
        label="意见", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
