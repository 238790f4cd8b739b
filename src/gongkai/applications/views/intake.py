"""Staff views of intake: downloading attachments, splitting a case, the clock statistics."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404, can, get_or_404
from gongkai.core.errors import Refused

from .. import split, statistics
from ..choices import Status
from ..forms import SplitForm
from ..models import Application, Attachment, AttachmentKind

log = logging.getLogger(__name__)

_CONTENT_TYPES = {
    AttachmentKind.PDF: "application/pdf",
    AttachmentKind.JPEG: "image/jpeg",
    AttachmentKind.PNG: "image/png",
}


def case_context(user, app: Application) -> dict:
    """What the case page shows of intake: attachments (to who may see personal data), the split links."""
    personal = can(user, Perm.VIEW_PERSONAL_DATA, app.agency)
    return {
        "personal": personal,
        "attachments": list(app.attachments.all()),
        "split_from": getattr(app, "split_from", None),
        "split_parts": list(app.split_parts.select_related("part")),
        "can_split": app.status == Status.PROCESSING and can(user, Perm.HANDLE_APPLICATIONS, app.agency),
    }


def attachment_download(request, pk: int):
    """An attachment, only to those who see the applicant's personal data in the case's agency."""
    att = get_or_404(
        Attachment.objects.select_related("application__agency"),
        request.user,
        Perm.VIEW_PERSONAL_DATA,
        field="application__agency",
        pk=pk,
    )
    try:
        handle = att.file.open("rb")
    except FileNotFoundError as exc:
        log.error("attachment %s: file missing from private storage", att.pk)
        raise Http404 from exc
    index = list(att.application.attachments.values_list("pk", flat=True)).index(att.pk) + 1
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{att.application.number}-附件{index}.{att.kind}",
        content_type=_CONTENT_TYPES[att.kind],
    )


def application_split(request, pk: int):
    """一事一申请: split the case into parts (GET: the form; POST: the split)."""
    app = get_or_404(
        Application.objects.select_related("agency"), request.user, Perm.HANDLE_APPLICATIONS, pk=pk
    )
    form = SplitForm(request.POST or None, initial={"matters": app.info_name})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            parts = split.split(
                app, on=data["on"], matters=split.matters_from_text(data["matters"]), by=request.user
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            codes = "；".join(f"{part.number} 查询码 {code}" for part, code in parts)
            messages.success(request, f"已拆分：{codes}（请告知申请人，查询码仅显示一次）")
            return redirect("applications:detail", pk=app.pk)
    return TemplateResponse(request, "applications/split.html", {"app": app, "form": form})


def application_statistics(request, code: str, year: int):
    """Time to confirm and time to reply, kept apart, for an agency and year."""
    agency = agency_or_404(request.user, code, Perm.VIEW_APPLICATIONS)
    context = {
        "stats": statistics.clock_statistics(agency, year),
        "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
    }
    return TemplateResponse(request, "applications/statistics.html", context)
