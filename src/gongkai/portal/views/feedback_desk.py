"""The office's desk for public feedback in the Wagtail admin. Thin: scope, call a service, render.

The agency's disclosure office handles its reports (Perm.HANDLE_FEEDBACK) and alone sees the submitters'
contact data; the supervising office (Perm.SUPERVISE) follows the reports of the agencies it supervises,
with the contact data masked.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Q, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from gongkai.agencies import history
from gongkai.agencies.masking import masked
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, can, get_or_404, require_any, scope
from gongkai.core.errors import Refused

from .. import feedback as service
from ..forms import CloseForm, ReplyForm
from ..models import Feedback, FeedbackKind, FeedbackStatus

PAGE_SIZE = 50
VIEW_PERMS = (Perm.HANDLE_FEEDBACK, Perm.SUPERVISE)


def feedback_index(request):
    """Open reports first, oldest first (the longest waiting on top); filters by agency, status and kind."""
    require_any(request.user, VIEW_PERMS)
    qs = scope(Feedback.objects.select_related("agency"), request.user, VIEW_PERMS)
    status = request.GET.get("status", "")
    if status in FeedbackStatus.values:
        qs = qs.filter(status=status)
    if (kind := request.GET.get("kind", "")) in FeedbackKind.values:
        qs = qs.filter(kind=kind)
    if code := request.GET.get("agency", ""):
        qs = qs.filter(agency__code=code)
    if term := request.GET.get("q", "").strip():
        qs = qs.filter(Q(number__icontains=term) | Q(content__icontains=term) | Q(item_title__icontains=term))
    ordered = qs.annotate(
        waiting=Case(
            When(status=FeedbackStatus.OPEN, then=0), When(status=FeedbackStatus.REPLIED, then=1), default=2
        )
    ).order_by("waiting", "submitted_at", "pk")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "statuses": FeedbackStatus.choices,
        "kinds": FeedbackKind.choices,
        "agencies": agencies_for(request.user, VIEW_PERMS).order_by("path"),
        "filters": request.GET,
    }
    return TemplateResponse(request, "portal/admin/feedback_index.html", context)


def feedback_detail(request, pk: int):
    """The case page: the report, the contact (masked unless handling), the reply, the history, the actions."""
    report = get_or_404(
        Feedback.objects.select_related("agency", "replied_by"), request.user, VIEW_PERMS, pk=pk
    )
    handles = can(request.user, Perm.HANDLE_FEEDBACK, report.agency)
    contact = {"contact_name": report.contact_name, "contact": report.contact}
    context = {
        "report": report,
        "contact": masked(contact, handles),
        "handles": handles,
        "entries": history.entries_for(report)
        if can(request.user, Perm.VIEW_HISTORY, report.agency)
        else None,
    }
    return TemplateResponse(request, "portal/admin/feedback_detail.html", context)


def _step(request, pk: int, form_class, run, done: str, title: str):
    report = get_or_404(Feedback.objects.select_related("agency"), request.user, Perm.HANDLE_FEEDBACK, pk=pk)
    form = form_class(request.POST or None, initial={"reply": report.reply})
    if request.method == "POST" and form.is_valid():
        try:
            run(report, form.cleaned_data)
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("portal:feedback_detail", pk=report.pk)
    return TemplateResponse(
        request, "portal/admin/feedback_step.html", {"report": report, "form": form, "title": title}
    )


def feedback_reply(request, pk: int):
    """Reply to the submitter (or revise the reply): recorded with who and when."""
    return _step(
        request,
        pk,
        ReplyForm,
        lambda report, data: service.reply(report, data["reply"], by=request.user),
        "已答复",
        "答复",
    )


def feedback_close(request, pk: int):
    """Close the report (办结)."""
    return _step(
        request,
        pk,
        CloseForm,
        lambda report, data: service.close(report, by=request.user, note=data["note"]),
        "已办结",
        "办结",
    )
