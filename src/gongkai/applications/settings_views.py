"""The disclosure office's screen for its application numbers: prefix and pattern, checked, with a sample."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import can, require

from .intake_forms import NumberPatternForm, render_pattern
from .models import DEFAULT_NUMBER_PATTERN, ApplicationSettings

_FIELDS = ("number_prefix", "number_pattern")


def save_number_pattern(agency: Agency, prefix: str, pattern: str, by=None) -> ApplicationSettings:
    """Set the agency's prefix and pattern (already validated), recording the change; numbers given stay."""
    with transaction.atomic():
        conf, created = ApplicationSettings.objects.select_for_update().get_or_create(agency=agency)
        before = history.snapshot(conf, list(_FIELDS))
        if created:
            before = dict.fromkeys(before)
        conf.number_prefix, conf.number_pattern = prefix, pattern
        conf.save()
        changes = history.diff(before, history.snapshot(conf, list(_FIELDS)))
        if changes:
            history.record(conf, "wagtail.edit", by, changes=changes, note="修改申请编号格式")
    return conf


def number_settings(request, code: str):
    agency = get_object_or_404(Agency, code=code)
    require(request.user, Perm.HANDLE_APPLICATIONS, agency)
    conf = ApplicationSettings.objects.filter(agency=agency).first()
    current = {
        "number_prefix": conf.number_prefix if conf else "",
        "number_pattern": conf.number_pattern if conf else DEFAULT_NUMBER_PATTERN,
    }
    form = NumberPatternForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        save_number_pattern(agency, data["number_prefix"], data["number_pattern"], by=request.user)
        messages.success(request, "已保存申请编号格式；已经编出的编号不变")
        return redirect("gongkai_application_number_settings", code=agency.code)
    prefix = current["number_prefix"] or agency.short_name or agency.name
    year = timezone.localdate().year
    try:
        sample = render_pattern(current["number_pattern"], prefix, year=year, seq=1)
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
