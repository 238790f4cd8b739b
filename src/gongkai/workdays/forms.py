from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError

from gongkai.core.calendar import CalendarError, YearCalendar, parse_calendar_text

from .models import DayKind


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2004, max_value=2100)
    title = forms.CharField(label="通知名称", max_length=200, required=False)


class RangeForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=DayKind.choices)
    start = forms.DateField(
        label="开始日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label="结束日期（单日可留空）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    label = forms.CharField(label="说明（如 春节）", max_length=60, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end") or data.get("start")
        if start and end and end < start:
            raise ValidationError("结束日期早于开始日期")
        if start and end and (end - start).days > 31:
            raise ValidationError("一段假期不超过 31 天，请检查日期")
        data["end"] = end
        return data


RangeFormSet = forms.formset_factory(RangeForm, extra=3, can_delete=True)


class ImportForm(forms.Form):
    text = forms.CharField(
        label="通知文本（格式见 docs/calendar.md）",
        widget=forms.Textarea(attrs={"rows": 14, "style": "font-family: monospace"}),
    )

    def clean_text(self) -> YearCalendar:
        try:
            return parse_calendar_text(self.cleaned_data["text"])
        except CalendarError as exc:
            raise ValidationError(str(exc)) from exc


def year_calendar_from_forms(year_form: YearForm, formset) -> YearCalendar:
    """Build a YearCalendar from the range rows; CalendarError becomes a form error."""
    holidays: dict = {}
    workdays: dict = {}
    for row in formset.cleaned_data:
        if not row or row.get("DELETE"):
            continue
        target = holidays if row["kind"] == DayKind.HOLIDAY else workdays
        day = row["start"]
        while day <= row["end"]:
            target[day] = row["label"] or DayKind(row["kind"]).label
            day += timedelta(days=1)
    try:
        return YearCalendar(
            year=year_form.cleaned_data["year"],
            title=year_form.cleaned_data["title"],
            holidays=holidays,
            workdays=workdays,
        )
    except CalendarError as exc:
        raise ValidationError(str(exc)) from exc
