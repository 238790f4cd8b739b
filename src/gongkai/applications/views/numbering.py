"""The disclosure office's screen for its application numbers: prefix and pattern, checked, with a sample."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from gongkai.agencies import history
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404, can

from .. import numbering
from ..forms import NumberPatternForm
from ..models import DEFAULT_NUMBER_PATTERN, ApplicationSettings


def number_settings(request, code: str):
    agency = agency_or_404(request.user, code, Perm.HANDLE_APPLICATIONS)
    conf = ApplicationSettings.objects.filter(agency=agency).first()
    current = {
        "number_prefix": conf.number_prefix if conf else "",
        "number_pattern": conf.number_pattern if conf else DEFAULT_NUMBER_PATTERN,
    }
    form = NumberPatternForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        numbering.save_number_pattern(agency, data["number_prefix"], data["number_pattern"], by=request.user)
        messages.success(request, "已保存申请编号格式；已经编出的编号不变")
        return redirect("applications:number_settings", code=agency.code)
    prefix = current["number_prefix"] or agency.short_name or agency.name
    try:
        sample = numbering.number_of(current["number_pattern"], prefix, year=timezone.localdate().year, seq=1)
    except ValidationError:
        sample = "（当前格式无法生成编号，请修改）"
    context = {
        "agency": agency,
        "form": form,
        "sample": sample,
        "entries": history.entries_for(conf)
        if conf and can(request.user, Perm.VIEW_HISTORY, agency)
        else None,
    }
    return TemplateResponse(request, "applications/number_settings.html", context)
