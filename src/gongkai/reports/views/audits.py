"""The auditor's staff pages: upload reports, see the findings and the re-drawn tables, follow the fixes."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, get_or_404, require, require_any, scope
from gongkai.core.render.html import TABLE_CSS, render_tables
from gongkai.core.report.model import AnnualReport

from ..forms import UploadForm
from ..models import ReportAudit
from ..services import audits


def audit_index(request):
    require_any(request.user, Perm.AUDIT_REPORTS)
    kept = scope(
        ReportAudit.objects.select_related("agency", "uploaded_by"), request.user, Perm.AUDIT_REPORTS
    )
    agencies = agencies_for(request.user, Perm.AUDIT_REPORTS)
    return TemplateResponse(
        request, "reports/audits/index.html", {"audits": kept[:200], "can_upload": agencies.exists()}
    )


def audit_upload(request):
    require_any(request.user, Perm.AUDIT_REPORTS)
    agencies = agencies_for(request.user, Perm.AUDIT_REPORTS)
    form = UploadForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        agency = form.cleaned_data["agency"]
        require(request.user, Perm.AUDIT_REPORTS, agency)
        done = [
            audits.audit_upload(agency=agency, user=request.user, filename=f.name, data=f.read())
            for f in form.cleaned_data["files"]
        ]
        messages.success(request, f"已检查 {len(done)} 份报告")
        if len(done) == 1:
            return redirect("reports:audit_detail", pk=done[0].pk)
        return redirect("reports:audits")
    return TemplateResponse(request, "reports/audits/upload.html", {"form": form})


def _get(request, pk: int) -> ReportAudit:
    kept = ReportAudit.objects.select_related("agency", "uploaded_by")
    return get_or_404(kept, request.user, Perm.AUDIT_REPORTS, pk=pk)


def audit_detail(request, pk: int):
    audit = _get(request, pk)
    report = AnnualReport.from_dict(audit.result)
    context = {
        "audit": audit,
        "report": report,
        "tables": mark_safe(render_tables(report)),  # the renderer escapes every text it writes
        "table_css": mark_safe(TABLE_CSS),  # a constant
        "comparison": audits.compare(audit),
        "history": ReportAudit.objects.filter(agency=audit.agency, year=audit.year).order_by(
            "uploaded_at", "pk"
        ),
    }
    return TemplateResponse(request, "reports/audits/detail.html", context)


def audit_file(request, pk: int):
    audit = _get(request, pk)
    return FileResponse(audit.file.open("rb"), as_attachment=True, filename=audit.filename)


def audit_json(request, pk: int):
    audit = _get(request, pk)
    return JsonResponse(audit.result, json_dumps_params={"ensure_ascii": False, "indent": 2})
