"""The office's desk for public feedback in the Wagtail admin. Thin: scope, call a service, render.

The agency's disclosure office handles its reports (Perm.HANDLE_FEEDBACK) and alone sees the submitters'
contact data; the supervising office (Perm.SUPERVISE) follows the reports of the agencies it supervises,
with the contact data masked.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Q, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, agency_filter, can, has_any, require
from gongkai.applications.masking import mask

from . import feedback as service
from .feedback_forms import CloseForm, ReplyForm
from .models import Feedback, FeedbackKind, FeedbackStatus

PAGE_SIZE = 50
VIEW_PERMS = (Perm.HANDLE_FEEDBACK, Perm.SUPERVISE)


def _viewable(user):
    """Reports of the agencies where `user` handles feedback or supervises."""
    condition = Q(pk__in=[])
    for perm in VIEW_PERMS:
        reach = agency_filter(user, perm)
        if not reach:
            return Feedback.objects.all()
        condition |= reach
    return Feedback.objects.filter(agency__in=Agency.objects.filter(condition).values("pk"))


def _can_view(user, agency) -> bool:
    return any(can(user, perm, agency) for perm in VIEW_PERMS)


def _contact(report: Feedback, visible: bool) -> dict[str, str]:
    fields = {"contact_name": report.contact_name, "contact": report.contact}
    return fields if visible else {name: mask(value) for name, value in fields.items()}


def feedback_index(request):
    """Open reports first, oldest first (the longest waiting on top); filters by agency, status and kind."""
    if not any(has_any(request.user, perm) for perm in VIEW_PERMS):
        raise PermissionDenied("处理公众意见与投诉：无此权限")
    qs = _viewable(request.user).select_related("agency")
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
        "agencies": (
            agencies_for(request.user, Perm.HANDLE_FEEDBACK) | agencies_for(request.user, Perm.SUPERVISE)
        )
        .distinct()
        .order_by("path"),
        "filters": request.GET,
    }
    return TemplateResponse(request, "portal/admin/feedback_index.html", context)


def _report(request, pk: int) -> Feedback:
    report = get_object_or_404(Feedback.objects.select_related("agency", "replied_by"), pk=pk)
    if not _can_view(request.user, report.agency):
        raise PermissionDenied("处理公众意见与投诉：无权访问该机关")
    return report


def feedback_detail(request, pk: int):
    """The case page: the report, the contact (masked unless handling), the reply, the history, the actions."""
    report = _report(request, pk)
    handles = can(request.user, Perm.HANDLE_FEEDBACK, report.agency)
    context = {
        "report": report,
        "contact": _contact(report, handles),
        "handles": handles,
        "entries": history.entries_for(report)
        if can(request.user, Perm.VIEW_HISTORY, report.agency)
        else None,
    }
    return TemplateResponse(request, "portal/admin/feedback_detail.html", context)


def _step(request, pk: int, form_class, run, done: str, title: str):
    report = get_object_or_404(Feedback.objects.select_related("agency"), pk=pk)
    require(request.user, Perm.HANDLE_FEEDBACK, report.agency)
    form = form_class(request.POST or None, initial={"reply": report.reply})
    if request.method == "POST" and form.is_valid():
        try:
            run(report, form.cleaned_data)
        except service.StepError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("gongkai_feedback_detail", pk=report.pk)
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
