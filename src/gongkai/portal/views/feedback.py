"""The public's side of feedback: the form, the receipt (shown once), the lookup of the reply.

Like the application form, nothing personal goes into URLs or logs; the receipt is kept in the session.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.models import Page

from gongkai import throttle
from gongkai.agencies.models import Agency
from gongkai.clients import client_address

from .. import feedback as service
from ..forms import FeedbackForm, FeedbackLookupForm
from ..models import agency_of
from .lookup import lookup_page

RECEIPT_SESSION_KEY = "gongkai_portal_feedback_receipt"


def _item(request, agency: Agency) -> Page | None:
    """The published page of `agency` named by `?item=`, or None (an unknown or foreign id is ignored)."""
    raw = request.GET.get("item", "")
    if not raw.isdigit():
        return None
    page = Page.objects.live().public().filter(pk=int(raw)).first()
    if page is None or agency_of(page) != agency:
        return None
    return page


def feedback_form(request, code: str):
    """Report wrong or missing information, a dead link, or complain about `code`'s disclosure work."""
    agency = get_object_or_404(Agency, code=code)
    item = _item(request, agency)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    status = 200
    message = ""
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            message, status = "提交未成功，请稍后重试。", 400
        else:
            data = form.cleaned_data
            try:
                report, query_code = service.submit(
                    agency,
                    kind=data["kind"],
                    content=data["content"],
                    contact_name=data["contact_name"],
                    contact=data["contact"],
                    item=item,
                    client_address=client_address(request),
                )
            except throttle.Throttled as exc:
                message, status = str(exc), 429
            else:
                request.session[RECEIPT_SESSION_KEY] = {
                    "number": report.number,
                    "query_code": query_code,
                    "agency": agency.name,
                }
                return redirect("portal_feedback_receipt")
    context = {
        "agency": agency,
        "item": item,
        "form": form,
        "message": message,
        "breadcrumbs": [("/", "首页"), (request.path, "意见反馈")],
    }
    return TemplateResponse(request, "portal/feedback_form.html", context, status=status)


def feedback_receipt(request):
    """The number and query code of the report just made; shown once."""
    context = {
        "receipt": request.session.pop(RECEIPT_SESSION_KEY, None),
        "breadcrumbs": [("/", "首页"), (request.path, "意见回执")],
    }
    return TemplateResponse(request, "portal/feedback_receipt.html", context)


def feedback_lookup(request):
    """Number + query code → status and the office's reply; wrong codes are throttled."""
    return lookup_page(
        request,
        FeedbackLookupForm,
        service.lookup,
        template="portal/feedback_lookup.html",
        key="report",
        not_found="意见编号或查询码不正确，请核对后重新输入。",
        breadcrumbs=[("/", "首页"), (request.path, "意见答复查询")],
    )
