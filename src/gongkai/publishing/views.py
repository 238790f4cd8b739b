"""Staff views of 主动公开 (in the admin): the desk of an agency, the register of withheld information and the
cleanup list. Thin: the lists come from desk.py, the state changes from services.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, agency_or_404, can

from . import desk, figures, services
from .forms import ReevaluationForm
from .models import DisclosureSectionPage, InformationItemPage, WithheldInformation


def index(request):
    agencies = agencies_for(request.user, Perm.VIEW_PUBLISHING).select_related("disclosure_section")
    return TemplateResponse(request, "publishing/admin/index.html", {"agencies": agencies})


def agency_desk(request, code: str):
    agency = agency_or_404(request.user, code, Perm.VIEW_PUBLISHING)
    section = DisclosureSectionPage.objects.filter(agency=agency).first()
    year = timezone.localdate().year
    context = {
        "agency": agency,
        "section": section,
        "desk_url": request.path,
        "at_risk": desk.at_risk(agency),
        "in_signoff": figures.in_signoff(agency).order_by("-latest_revision_created_at")[:100],
        "recent": InformationItemPage.objects.filter(agency=agency, live=True).order_by("-published_on")[:20],
        "summary": figures.summary(agency, year),
        "year": year,
        "can_collect": can(request.user, Perm.COLLECT_INFORMATION, agency),
        "can_manage": can(request.user, Perm.MANAGE_PUBLISHING, agency),
    }
    if section is not None:
        context["add_url"] = reverse(
            "wagtailadmin_pages:add", args=["publishing", "informationitempage", section.pk]
        )
    return TemplateResponse(request, "publishing/admin/desk.html", context)


def withheld(request, code: str):
    agency = agency_or_404(request.user, code, Perm.MANAGE_PUBLISHING)
    entries = desk.due_for_reevaluation(agency)
    return TemplateResponse(
        request,
        "publishing/admin/withheld.html",
        {"agency": agency, "entries": entries, "today": timezone.localdate(), "form": ReevaluationForm()},
    )


def reevaluate(request, code: str, pk: int):
    agency = agency_or_404(request.user, code, Perm.MANAGE_PUBLISHING)
    entry = get_object_or_404(WithheldInformation, pk=pk, agency=agency)
    if request.method != "POST":
        return withheld(request, code)
    form = ReevaluationForm(request.POST)
    if form.is_valid():
        try:
            services.reevaluate(
                entry,
                by=request.user,
                release=form.cleaned_data["release"],
                next_on=form.cleaned_data["next_on"],
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已记录对“{entry.title}”的评估")
    else:
        messages.error(request, "请填写有效的日期")
    return redirect("publishing:withheld", code=agency.code)


def cleanup(request, code: str):
    agency = agency_or_404(request.user, code, Perm.VIEW_PUBLISHING)
    return TemplateResponse(
        request, "publishing/admin/cleanup.html", {"agency": agency, "problems": desk.cleanup(agency)}
    )
