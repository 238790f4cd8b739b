"""Records for the archive and the office's own lists: the printable case file (PDF) and the ledger (XLSX)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import can, get_or_404, require_any
from gongkai.core.errors import Refused
from gongkai.core.render.pdf import MissingFontError

from .. import casefile, ledger
from ..models import Application

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """`content` as a download named `filename` (Chinese names encoded as RFC 6266 asks)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def casefile_download(request, pk: int):
    """The case file of a case, for its handling office; the applicant in full only with VIEW_PERSONAL_DATA."""
    app = get_or_404(
        Application.objects.select_related("agency"), request.user, Perm.HANDLE_APPLICATIONS, pk=pk
    )
    try:
        pdf = casefile.render_pdf(app, personal=can(request.user, Perm.VIEW_PERSONAL_DATA, app.agency))
    except MissingFontError as exc:
        messages.error(request, str(exc))
        return redirect("applications:detail", pk=app.pk)
    return attachment(pdf, "application/pdf", f"{app.number}-案卷.pdf")


def ledger_download(request):
    """The desk's cases with its filters (the query string) as the XLSX ledger; too many → back to the desk."""
    require_any(request.user, Perm.VIEW_APPLICATIONS)
    try:
        content = ledger.export(request.user, request.GET)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('applications:index')}?{request.GET.urlencode()}")
    return attachment(content, XLSX, f"依申请公开台账-{timezone.localdate():%Y%m%d}.xlsx")
