"""Staff pages of the evaluation (政务公开考核): the supervising office defines a scheme and its indicators,
computes the measured ones, scores the others by hand with a reason, sees the ranking and exports it; an agency
sees its own scores and their reasons. Thin: scope, call a service, render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404, get_or_404
from gongkai.core.errors import Refused

from .. import evaluation, sheets
from ..forms import HandScoreForm, IndicatorForm, SchemeForm
from ..models import EvaluationScheme, Indicator, Score
from .ledger import XLSX
from .records import check_year

EVALUATE = Perm.EVALUATE


def _scheme(request, code: str, pk: int) -> EvaluationScheme:
    agency = agency_or_404(request.user, code, EVALUATE)
    return get_or_404(EvaluationScheme.objects.filter(agency=agency), request.user, EVALUATE, pk=pk)


def _error(form, error) -> None:
    form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))


def scheme_list(request, code: str):
    agency = agency_or_404(request.user, code, EVALUATE)
    context = {"agency": agency, "schemes": EvaluationScheme.objects.filter(agency=agency)}
    return TemplateResponse(request, "workrecords/schemes.html", context)


def scheme_new(request, code: str):
    agency = agency_or_404(request.user, code, EVALUATE)
    form = SchemeForm(request.POST or None, instance=EvaluationScheme(agency=agency), agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            scheme = evaluation.save_scheme(agency, by=request.user, **form.values())
        except (ValidationError, Refused) as error:
            _error(form, error)
        else:
            messages.success(request, "考核方案已保存，请添加指标")
            return redirect("workrecords:scheme", code=code, pk=scheme.pk)
    return TemplateResponse(
        request, "workrecords/edit.html", {"agency": agency, "title": "新建考核方案", "form": form}
    )


def scheme_detail(request, code: str, pk: int):
    scheme = _scheme(request, code, pk)
    indicators = list(scheme.indicators.all())
    context = {
        "agency": scheme.agency,
        "scheme": scheme,
        "indicators": indicators,
        "manual": [i for i in indicators if i.method == "manual"],
        "rows": evaluation.results(scheme),
    }
    return TemplateResponse(request, "workrecords/scheme.html", context)


def indicator_new(request, code: str, pk: int):
    scheme = _scheme(request, code, pk)
    form = IndicatorForm(
        request.POST or None, instance=Indicator(agency=scheme.agency, scheme=scheme), agency=scheme.agency
    )
    if request.method == "POST" and form.is_valid():
        try:
            evaluation.save_indicator(scheme, by=request.user, **form.values())
        except (ValidationError, Refused) as error:
            _error(form, error)
        else:
            messages.success(request, "指标已添加")
            return redirect("workrecords:scheme", code=code, pk=scheme.pk)
    return TemplateResponse(
        request, "workrecords/edit.html", {"agency": scheme.agency, "title": "添加考核指标", "form": form}
    )


def compute(request, code: str, pk: int):
    """GET asks to confirm, POST computes every measured indicator again."""
    scheme = _scheme(request, code, pk)
    if request.method != "POST":
        title = f"根据平台记录计算{scheme.title}的得分（已有的计算得分将被替换）"
        context = {"agency": scheme.agency, "title": title, "form": forms.Form()}
        return TemplateResponse(request, "workrecords/edit.html", context)
    count = evaluation.compute(scheme, by=request.user)
    messages.success(request, f"已根据平台记录计算得分 {count} 项")
    return redirect("workrecords:scheme", code=code, pk=scheme.pk)


def hand_score(request, code: str, pk: int, indicator: int, agency: str):
    scheme = _scheme(request, code, pk)
    item = get_object_or_404(scheme.indicators.all(), pk=indicator)
    evaluated = get_object_or_404(Agency, code=agency)
    current = Score.objects.filter(indicator=item, agency=evaluated).first()
    initial = {"points": current.points, "note": current.note} if current else None
    form = HandScoreForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation.score_by_hand(item, evaluated, by=request.user, **form.cleaned_data)
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "得分已保存")
            return redirect("workrecords:scheme", code=code, pk=scheme.pk)
    title = f"人工评分：{evaluated.name}，{item.name}（满分 {item.points} 分）"
    return TemplateResponse(
        request, "workrecords/edit.html", {"agency": scheme.agency, "title": title, "form": form}
    )


def export(request, code: str, pk: int):
    scheme = _scheme(request, code, pk)
    response = HttpResponse(sheets.results_workbook(scheme, evaluation.results(scheme)), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="evaluation-{scheme.agency.code}-{scheme.year}.xlsx"'
    )
    return response


def own_scores(request, code: str, year: int):
    """An agency's own scores of the year, with each indicator's reason (not the other agencies')."""
    check_year(year)
    agency = agency_or_404(request.user, code, Perm.VIEW_WORK_RECORDS)
    results = [
        (scheme, row, ranked, list(zip(scheme.indicators.all(), row.scores, strict=True)))
        for scheme, row, ranked in evaluation.own_results(agency, year)
    ]
    context = {"agency": agency, "year": year, "results": results}
    return TemplateResponse(request, "workrecords/scores.html", context)
