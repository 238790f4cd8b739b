"""The staff page of a report's sign-off: the report as assembled, its findings, the sign-off history and the
buttons the user's permissions allow (`services.signoff.actions_for`)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from gongkai.agencies import history
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import get_or_404
from gongkai.core.errors import Refused
from gongkai.core.render.html import TABLE_CSS, render_tables

from .. import assembly, supervision
from ..charts import CHART_CSS, figures_html
from ..models import AgencyReport, ReportStep
from ..services import signoff
from ..services.publication import FORMAT_LABELS


def _act(request, agency_report: AgencyReport) -> None:
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "")
    if action == "submit":
        signoff.submit(agency_report, request.user, comment)
        messages.success(request, "已提交审核")
    elif action == "approve":
        step = signoff.current_step(agency_report)
        signoff.approve(
            agency_report, request.user, comment=comment, conclusion=request.POST.get("conclusion", "")
        )
        messages.success(request, f"{step.label if step else ''}已通过")
    elif action == "send_back":
        signoff.send_back(agency_report, request.user, comment)
        messages.success(request, "已退回修改，意见已送达编写机关")
    elif action == "publish":
        signoff.publish(agency_report, request.user)
        messages.success(request, "报告已发布：HTML、DOCX、XLSX 已生成，PDF 由后台任务生成")
    elif action == "regenerate":
        signoff.regenerate_files(agency_report, request.user)
        messages.success(request, "已重新生成 HTML、DOCX、XLSX 文件，PDF 由后台任务生成")
    else:
        raise Refused("未知的操作")


def report_signoff(request, code: str, year: int):
    """The report as assembled, its findings, the sign-off history and the actions the user may take."""
    agency_report = get_or_404(
        AgencyReport.objects.select_related("agency"),
        request.user,
        Perm.VIEW_REPORTS,
        agency__code=code,
        year=year,
    )
    if request.method == "POST":
        try:
            _act(request, agency_report)
        except Refused as error:
            messages.error(request, str(error))
        return redirect("reports:signoff", code=code, year=year)
    report = assembly.assemble(agency_report.agency, agency_report.year, agency_report=agency_report)
    found = assembly.findings(agency_report)
    publication = getattr(agency_report, "publication", None)
    context = {
        "agency_report": agency_report,
        "report": report,
        "findings": found,
        "errors": [f for f in found if f.severity == "error"],
        "tables": mark_safe(render_tables(report, found)),  # the renderer escapes every text it writes
        "table_css": mark_safe(TABLE_CSS + CHART_CSS),  # constants
        "step": signoff.current_step(agency_report),
        "chain": [*signoff.CHAIN, ReportStep.PUBLISH],
        "actions": signoff.actions_for(request.user, agency_report),
        "events": agency_report.signoff_events.select_related("person__person"),
        "history": history.entries_for(agency_report)[:50],
        "last_return": signoff.last_return(agency_report),
        "row": supervision.row_for(
            agency_report.agency, agency_report.year, agency_report, timezone.localdate()
        ),
        "publication": publication,
        "files": publication.files.order_by("format") if publication else [],
        "format_labels": FORMAT_LABELS,
        "edit_url": reverse("reports:draft", args=[agency_report.agency.code, agency_report.year]),
        "default_conclusion": signoff.DEFAULT_CONCLUSION,
        "charts": mark_safe(figures_html(agency_report.agency)),  # built from escaped parts
    }
    return TemplateResponse(request, "reports/signoff/report.html", context)
