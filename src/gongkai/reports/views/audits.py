"""The auditor's staff pages: upload reports (one, several, a ZIP), follow a batch's progress, see the findings
and the re-drawn tables, follow the fixes.

What a user sees: the uploads of reports of the agencies where they hold Perm.AUDIT_REPORTS, and the external
reports (no agency on the platform) uploaded by those agencies' offices (`visible`).
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, get_or_404, require, require_any, scope
from gongkai.core.render.html import TABLE_CSS, render_tables
from gongkai.core.report.model import AnnualReport

from ..forms import UploadForm
from ..models import AuditBatch, ReportAudit
from ..services import audits


def visible(user):
    """The uploads `user` may see: of agencies in reach, or external ones of offices in reach (scoped by
    `scope` on each side, before anything is loaded)."""
    kept = ReportAudit.objects.select_related("agency", "uploaded_by")
    own = scope(kept.filter(agency__isnull=False), user, Perm.AUDIT_REPORTS)
    external = scope(kept.filter(agency__isnull=True), user, Perm.AUDIT_REPORTS, field="office")
    return own | external


def audit_index(request):
    require_any(request.user, Perm.AUDIT_REPORTS)
    batches = scope(AuditBatch.objects.all(), request.user, Perm.AUDIT_REPORTS, field="office").annotate(
        total=Count("audits"), done=Count("audits", filter=Q(audits__checked_at__isnull=False))
    )
    context = {"audits": visible(request.user)[:200], "batches": batches[:20], "can_upload": True}
    return TemplateResponse(request, "reports/audits/index.html", context)


def audit_upload(request):
    """The files (one, several, or a ZIP) are kept and checked by a background task, never in the request (a large
    document may take seconds even within the auditor's limits); the batch's progress page follows."""
    require_any(request.user, Perm.AUDIT_REPORTS)
    agencies = agencies_for(request.user, Perm.AUDIT_REPORTS).order_by("path")
    form = UploadForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        agency, publisher = form.cleaned_data["agency"], form.cleaned_data["publisher"]
        if agency is not None:
            require(request.user, Perm.AUDIT_REPORTS, agency)
        reports = form.cleaned_data["files"]
        label = (
            reports[0][0]
            if len(reports) == 1
            else f"{agency.name if agency else publisher} {len(reports)} 份报告"
        )
        batch = audits.receive_batch(
            agency=agency, publisher=publisher, user=request.user, files=reports, label=label
        )
        messages.success(request, f"已收到 {len(reports)} 份报告，正在检查")
        return redirect("reports:audit_batch", pk=batch.pk)
    return TemplateResponse(request, "reports/audits/upload.html", {"form": form})


def audit_batch(request, pk: int):
    """A batch's progress (the page reloads itself until every file is checked) and one table of the results."""
    batch = get_or_404(AuditBatch.objects.all(), request.user, Perm.AUDIT_REPORTS, field="office", pk=pk)
    rows = list(batch.audits.select_related("agency").order_by("pk"))
    done = [a for a in rows if a.checked]
    if len(rows) == 1 and done:  # a single file: straight to its result once it is checked
        return redirect("reports:audit_detail", pk=done[0].pk)
    context = {
        "batch": batch,
        "rows": rows,
        "done": len(done),
        "total": len(rows),
        "finished": len(done) == len(rows),
        "errors": sum(a.errors for a in done),
        "warnings": sum(a.warnings for a in done),
        "clean": sum(1 for a in done if not a.errors and not a.warnings),
    }
    return TemplateResponse(request, "reports/audits/batch.html", context)


def _get(request, pk: int) -> ReportAudit:
    return get_object_or_404(visible(request.user), pk=pk)


def audit_detail(request, pk: int):
    audit = _get(request, pk)
    if not audit.checked:
        return redirect("reports:audit_batch", pk=audit.batch_id)
    report = AnnualReport.from_dict(audit.result)
    context = {
        "audit": audit,
        "report": report,
        "tables": mark_safe(render_tables(report)),  # the renderer escapes every text it writes
        "table_css": mark_safe(TABLE_CSS),  # a constant
        "comparison": audits.compare(audit),
        "history": audit.same_report(),
    }
    return TemplateResponse(request, "reports/audits/detail.html", context)


def audit_file(request, pk: int):
    audit = _get(request, pk)
    return FileResponse(audit.file.open("rb"), as_attachment=True, filename=audit.filename)


def audit_json(request, pk: int):
    audit = _get(request, pk)
    return JsonResponse(audit.result, json_dumps_params={"ensure_ascii": False, "indent": 2})
