"""Staff views of the working-day calendar. Everyone on staff may read it; system administrators edit it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.agencies import history
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import has_any, require_any
from gongkai.core.calendar import CalendarError, format_calendar_text, year_ranges

from . import services
from .forms import ImportForm, RangeFormSet, YearForm, year_calendar_from_forms
from .models import CalendarYear, Source


def calendar_index(request):
    require_any(request.user, Perm.VIEW_AGENCY)
    years = CalendarYear.objects.all()
    return TemplateResponse(
        request,
        "workdays/index.html",
        {"years": years, "can_manage": has_any(request.user, Perm.MANAGE_CALENDAR)},
    )


def calendar_year(request, year: int):
    require_any(request.user, Perm.VIEW_AGENCY)
    row = get_object_or_404(CalendarYear, year=year)
    yc = services.year_calendar(row)
    context = {
        "row": row,
        "ranges": year_ranges(yc),
        "text": format_calendar_text(yc),
        "can_manage": has_any(request.user, Perm.MANAGE_CALENDAR),
        "entries": history.entries_for(row) if has_any(request.user, Perm.MANAGE_CALENDAR) else None,
    }
    return TemplateResponse(request, "workdays/year.html", context)


def _save(request, yc, source):
    try:
        services.load_year(yc, source=source, by=request.user)
    except CalendarError as exc:
        return str(exc)
    messages.success(request, f"{yc.year} 年节假日安排已保存，相关的未结期限将重新计算")
    return None


def calendar_edit(request, year: int | None = None):
    require_any(request.user, Perm.MANAGE_CALENDAR)
    row = get_object_or_404(CalendarYear, year=year) if year else None
    if request.method == "POST":
        year_form, formset = YearForm(request.POST), RangeFormSet(request.POST)
        if year_form.is_valid() and formset.is_valid():
            try:
                yc = year_calendar_from_forms(year_form, formset)
            except ValidationError as exc:
                error = exc.messages[0]
            else:
                error = _save(request, yc, Source.ADMIN)
                if error is None:
                    return redirect("workdays:year", year=yc.year)
            year_form.add_error(None, error)
    else:
        initial = [
            {"kind": kind, "start": start, "end": end, "label": label}
            for kind, start, end, label in (year_ranges(services.year_calendar(row)) if row else [])
        ]
        year_form = YearForm(initial={"year": row.year, "title": row.title} if row else None)
        formset = RangeFormSet(initial=initial)
    return TemplateResponse(
        request, "workdays/edit.html", {"row": row, "year_form": year_form, "formset": formset}
    )


def calendar_import(request):
    require_any(request.user, Perm.MANAGE_CALENDAR)
    form = ImportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        yc = form.cleaned_data["text"]
        error = _save(request, yc, Source.IMPORT)
        if error is None:
            return redirect("workdays:year", year=yc.year)
        form.add_error("text", error)
    return TemplateResponse(request, "workdays/import.html", {"form": form})
