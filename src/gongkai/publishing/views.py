"""Staff views of 主动公开 (in the admin): the desk of an agency, the register of withheld information, the
cleanup list, an item's read-only history and the search of the items an item may revise or repeal. Thin: the lists come from desk.py, the state changes from services.py."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.models import PageLogEntry

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, agency_or_404, can
from gongkai.core.errors import Refused
from gongkai.core.render import approval_sheet as render_approval_sheet
from gongkai.core.render.pdf import MissingFontError

from . import approval_sheet, desk, figures, linking, outcome, services
from .forms import ReevaluationForm
from .models import DisclosureSectionPage, GuidePage, InformationItemPage, WithheldInformation


def index(request):
    agencies = agencies_for(request.user, Perm.VIEW_PUBLISHING).select_related("disclosure_section")
    return TemplateResponse(request, "publishing/admin/index.html", {"agencies": agencies})


def agency_desk(request, code: str):
    agency = agency_or_404(request.user, code, Perm.VIEW_PUBLISHING)
    section = DisclosureSectionPage.objects.filter(agency=agency).first()
    done = request.GET.get("done", "")
    item = InformationItemPage.objects.filter(agency=agency, pk=done).first() if done.isdigit() else None
    if item is not None:  # a workflow step just taken on it (outcome.desk_url)
        messages.success(request, outcome.next_step(item))
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


def guides(request):
    """The menu's 公开指南: the guide of the one agency whose guide the user maintains, or the list to choose."""
    agencies = list(agencies_for(request.user, Perm.MANAGE_PUBLISHING).order_by("code")[:100])
    if len(agencies) == 1:
        return redirect("publishing:guide", code=agencies[0].code)
    return TemplateResponse(request, "publishing/admin/guides.html", {"agencies": agencies})


def guide(request, code: str):
    """An agency's guide: when it was last published, and the way into Wagtail's editor (or to write it)."""
    agency = agency_or_404(request.user, code, Perm.MANAGE_PUBLISHING)
    section = DisclosureSectionPage.objects.filter(agency=agency).first()
    page = GuidePage.objects.child_of(section).first() if section else None
    context = {"agency": agency, "section": section, "guide": page}
    if page is not None:
        context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[page.pk])
    elif section is not None:
        context["edit_url"] = reverse("wagtailadmin_pages:add", args=["publishing", "guidepage", section.pk])
    return TemplateResponse(request, "publishing/admin/guide.html", context)


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
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("publishing:withheld", code=agency.code)
    try:
        services.reevaluate(entry, by=request.user, **form.cleaned_data)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        if form.cleaned_data["release"] and entry.item_id:
            messages.success(
                request,
                f"已解除“{entry.title}”的不予公开登记，评估意见已记录。该信息尚未发布："
                "请作者在编辑页面重新提交审核，经复核、保密审查、审核后发布。",
            )
        else:
            messages.success(request, f"已记录对“{entry.title}”的评估")
    return redirect("publishing:withheld", code=agency.code)


def cleanup(request, code: str):
    agency = agency_or_404(request.user, code, Perm.VIEW_PUBLISHING)
    return TemplateResponse(
        request, "publishing/admin/cleanup.html", {"agency": agency, "problems": desk.cleanup(agency)}
    )


def linkable(request, code: str):
    """The search behind the 修改的文件 / 废止的文件 chooser (a page of the agency's live 规章/规范性文件) and, with
    ``?for=interprets``, behind a 解读's 解读的文件 chooser (the agency's live items that are not 解读)."""
    agency = agency_or_404(request.user, code, Perm.COLLECT_INFORMATION)
    choose = linking.interpretable if request.GET.get("for") == linking.INTERPRETS else linking.linkable
    items = choose(InformationItemPage, request.user, agency.pk)
    return JsonResponse({"items": linking.search(items, request.GET.get("q", ""))})


def item_history(request, code: str, pk: int):
    """An item's history, read-only, for the agency's own staff and those supervising it: Wagtail's page log
    (edits, submissions, each step's decision with its comment, publication) and the confidentiality
    conclusions."""
    agency = agency_or_404(request.user, code, Perm.VIEW_PUBLISHING)
    item = get_object_or_404(InformationItemPage, pk=pk, agency=agency)
    entries = (
        PageLogEntry.objects.filter(page_id=item.pk).select_related("user").order_by("-timestamp", "-pk")
    )
    return TemplateResponse(
        request,
        "publishing/admin/item_history.html",
        {
            "agency": agency,
            "item": item,
            "entries": entries[:500],
            "conclusions": item.conclusions.select_related("reviewer"),
            "withheld": item.withheld_entries.prefetch_related("reevaluations__evaluator"),
        },
    )


def item_approval_sheet(request, code: str, pk: int):
    """An item's 发布审批表 for the agency's paper files: on screen, and as PDF (``?format=pdf``), for the agency's
    staff and those supervising it."""
    agency = agency_or_404(request.user, code, Perm.VIEW_PUBLISHING)
    item = get_object_or_404(InformationItemPage.objects.select_related("agency"), pk=pk, agency=agency)
    sheet = approval_sheet.build(item)
    if request.GET.get("format") == "pdf":
        try:
            pdf = render_approval_sheet.render_pdf(sheet)
        except MissingFontError as exc:
            messages.error(request, str(exc))
        else:
            response = HttpResponse(pdf, content_type="application/pdf")
            name = quote(f"发布审批表-{item.index_number.replace('/', '-')}.pdf")
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
            response["Cache-Control"] = "private"
            return response
    return TemplateResponse(
        request,
        "publishing/admin/approval_sheet.html",
        {
            "agency": agency,
            "item": item,
            "sheet_css": render_approval_sheet.SHEET_CSS,
            "sheet": mark_safe(render_approval_sheet.render_article(sheet)),  # built from escaped parts
        },
    )
