"""The public's pages outside Wagtail's page tree: applying to an agency and looking up the progress.

No personal data goes into URLs or logs: the form is posted, and the receipt is kept in the session and shown
on a fixed URL once.
"""

from __future__ import annotations

import logging

from django.forms.utils import ErrorDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from gongkai import throttle
from gongkai.agencies.models import Agency
from gongkai.applications import attachments, intake_services, progress
from gongkai.clients import client_address

from ..forms import ApplicationForm, LookupForm
from .lookup import lookup_page

log = logging.getLogger(__name__)

RECEIPT_SESSION_KEY = "gongkai_portal_receipt"


@csrf_exempt
def apply(request, code: str):
    """The upload size limit goes in before the body is read (CSRF is checked by `_apply`)."""
    attachments.limit_uploads(request)
    return _apply(request, code)


@csrf_protect
def _apply(request, code: str):
    """The application form of one agency (GET: empty; POST: submit, or show it again with the errors).

    Over the submission limit the form comes back with HTTP 429 and everything typed kept.
    """
    agency = get_object_or_404(Agency, code=code)
    posted = request.method == "POST"
    form = ApplicationForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        skipped=getattr(request, "gongkai_skipped_uploads", None),
    )
    if posted:
        try:
            intake_services.admit(client_address(request))
        except throttle.Throttled as exc:
            return _throttled(request, agency, form, exc)
    if posted and form.is_valid():
        try:
            app, query_code = intake_services.submit_online(
                agency,
                form.applicant(),
                form.checked_attachments,
                client_address=client_address(request),
            )
        except throttle.Throttled as exc:
            return _throttled(request, agency, form, exc)
        request.session[RECEIPT_SESSION_KEY] = {
            "number": app.number,
            "query_code": query_code,
            "agency": agency.name,
            "office": agency.disclosure_office,
            "phone": agency.office_phone,
        }
        log.info("portal application %s submitted to agency %s", app.pk, agency.code)
        return redirect("portal_apply_receipt")
    return TemplateResponse(request, "portal/apply.html", {"agency": agency, "form": form})


def _throttled(request, agency: Agency, form, exc: throttle.Throttled):
    """The form again with HTTP 429, everything typed kept (the fields are shown as posted, not examined)."""
    if form._errors is None:  # refused before validation: nothing posted is examined past the limit
        form._errors, form.cleaned_data = ErrorDict(), {}
    form.add_error(None, f"{exc}已填写的内容均已保留，稍后可直接再次提交。")
    return TemplateResponse(request, "portal/apply.html", {"agency": agency, "form": form}, status=429)


def receipt(request):
    """The receipt of the application just made, with its query code; shown once, then gone from the session."""
    return TemplateResponse(
        request, "portal/receipt.html", {"receipt": request.session.pop(RECEIPT_SESSION_KEY, None)}
    )


def lookup(request):
    """Number (as typed) + query code → status, steps with dates, outcome, letters; throttled like the API."""
    return lookup_page(
        request,
        LookupForm,
        progress.find,
        template="portal/lookup.html",
        key="progress",
        not_found="申请编号或查询码不正确，请核对后重新输入。",
    )
