"""Staff views of review, publication and supervision: a report's review page with its findings and the
buttons the user's permissions allow, the supervision table of a government's agencies, and its XLSX."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.admin.ui.components import Component

from gongkai.agencies import history
from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, has_any, person_of, require, require_any
from gongkai.core.render.html import TABLE_CSS, render_tables

from . import assembly, review, supervision
from .charts import CHART_CSS, figures_html
from .models import AnnualReportDraft
from .publication import FORMAT_LABELS
from .review_models import ReviewStep

FIRST_YEAR = 2019


def _draft(request, code: str, year: int) -> AnnualReportDraft:
    draft = get_object_or_404(
        AnnualReportDraft.objects.select_related("agency"), agency__code=code, year=year
    )
    require(request.user, Perm.VIEW_REPORTS, draft.agency)
    return draft


def _edit_url(draft: AnnualReportDraft) -> str | None:
    """The assembly's editing page of the draft, if that app registers one."""
    try:
        return reverse("gongkai_report_draft", args=[draft.agency.code, draft.year])
    except NoReverseMatch:
        return None


def _act(request, draft: AnnualReportDraft) -> None:
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "")
    if action == "submit":
        review.submit(draft, request.user, comment)
        messages.success(request, "已提交审核")
    elif action == "approve":
        step = review.current_step(draft)
        review.approve(draft, request.user, comment=comment, conclusion=request.POST.get("conclusion", ""))
        messages.success(request, f"{step.label if step else ''}已通过")
    elif action == "send_back":
        review.send_back(draft, request.user, comment)
        messages.success(request, "已退回修改，意见已送达编写机关")
    elif action == "publish":
        published = review.publish(draft, request.user)
        if published.pdf_error:
            messages.warning(request, f"报告已发布，但 PDF 未生成：{published.pdf_error}")
        else:
            messages.success(request, "报告已发布（HTML、DOCX、PDF、XLSX）")
    elif action == "regenerate":
        stored = review.regenerate_files(draft, request.user)
        if stored.pdf_error:
            messages.warning(request, f"文件已重新生成，但 PDF 仍未生成：{stored.pdf_error}")
        else:
            messages.success(request, "已重新生成 HTML、DOCX、PDF、XLSX 文件")
    else:
        raise ValidationError("未知的操作")


def report_review(request, code: str, year: int):
    """The report as assembled, its findings, the review history and the actions the user may take."""
    draft = _draft(request, code, year)
    if request.method == "POST":
        try:
            _act(request, draft)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        return redirect("gongkai_report_review", code=code, year=year)
    report = assembly.assemble(draft.agency, draft.year, draft=draft)
    found = assembly.findings(draft)
    publication = getattr(draft, "publication", None)
    context = {
        "draft": draft,
        "report": report,
        "findings": found,
        "errors": [f for f in found if f.severity == "error"],
        "tables": mark_safe(render_tables(report, found)),  # the renderer escapes every text it writes
        "table_css": mark_safe(TABLE_CSS + CHART_CSS),  # constants
        "step": review.current_step(draft),
        "chain": [*review.CHAIN, ReviewStep.PUBLISH],
        "actions": review.actions_for(request.user, draft),
        "events": draft.review_events.select_related("person__person"),
        "history": history.entries_for(draft)[:50],
        "last_return": review.last_return(draft),
        "row": supervision.row_for(draft.agency, draft.year, draft, timezone.localdate()),
        "publication": publication,
        "files": publication.files.order_by("format") if publication else [],
        "format_labels": FORMAT_LABELS,
        "edit_url": _edit_url(draft),
        "default_conclusion": review.DEFAULT_CONCLUSION,
        "charts": mark_safe(figures_html(draft.agency)),  # built from escaped parts
    }
    return TemplateResponse(request, "reports/review/report.html", context)


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year - 1))
    except ValueError:
        year = today.year - 1
    return min(max(year, FIRST_YEAR), today.year)


def supervision_index(request):
    """Choose a government (or any agency the user supervises) and a year."""
    require_any(request.user, Perm.SUPERVISE)
    reachable = agencies_for(request.user, Perm.SUPERVISE)
    roots = reachable.filter(kind=AgencyKind.GOVERNMENT).order_by("path")
    year = _year(request)
    return TemplateResponse(
        request,
        "reports/review/supervision_index.html",
        {"governments": roots, "year": year, "years": range(timezone.localdate().year, FIRST_YEAR - 1, -1)},
    )


def _supervised(request, code: str) -> Agency:
    agency = get_object_or_404(Agency, code=code)
    require(request.user, Perm.SUPERVISE, agency)
    return agency


def supervision_detail(request, code: str, year: int):
    """Every agency of the subtree with its report's status for `year`, the late ones, the missing departments."""
    root = _supervised(request, code)
    today = timezone.localdate()
    agencies = supervision.subtree(root, agencies_for(request.user, Perm.SUPERVISE))
    status_rows = supervision.rows(agencies, year, today)
    years = range(today.year - 1, max(FIRST_YEAR, today.year - 6) - 1, -1)
    missing = assembly.missing_departments(root, year) if root.kind == AgencyKind.GOVERNMENT else []
    context = {
        "root": root,
        "year": year,
        "today": today,
        "rows": status_rows,
        "counts": supervision.counts(status_rows),
        "late_by_year": supervision.late_by_year(list(agencies), years, today),
        "missing": missing,
        "years": range(today.year, FIRST_YEAR - 1, -1),
    }
    return TemplateResponse(request, "reports/review/supervision.html", context)


def supervision_xlsx(request, code: str, year: int):
    """All agencies' figures for the year, one row per agency (XLSX)."""
    root = _supervised(request, code)
    agencies = supervision.subtree(root, agencies_for(request.user, Perm.SUPERVISE))
    status_rows = supervision.rows(agencies, year, timezone.localdate())
    content = supervision.figures_xlsx(status_rows, year)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{root.code}-{year}-annual-report-figures.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def desk_rows(user, today: date) -> list[supervision.Row]:
    """Last year's report of every agency the user works on reports for (the desk's countdown)."""
    agencies = agencies_for(user, Perm.VIEW_REPORTS).order_by("path")[:50]
    return supervision.rows(agencies, today.year - 1, today)


class DeskPanel(Component):
    """The desk's panel (Wagtail dashboard): last year's report of each of the user's agencies with the days left
    to the statutory date (calendar days), the late ones flagged, and the charts of the user's own agency."""

    order = 50
    template_name = "reports/review/desk_panel.html"

    def render_html(self, parent_context=None) -> str:
        request = parent_context["request"]
        if not has_any(request.user, Perm.VIEW_REPORTS):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None) -> dict:
        request = parent_context["request"]
        today = timezone.localdate()
        person = person_of(request.user)
        own = person.agency if person else None
        return {
            "request": request,
            "year": today.year - 1,
            "heading": f"{today.year - 1}年度政府信息公开工作年度报告",
            "next_year": today.year,
            "rows": desk_rows(request.user, today),
            "chart_agency": own,
            "chart_css": mark_safe(CHART_CSS),  # a constant
            "charts": mark_safe(figures_html(own)) if own else "",  # built from escaped parts
        }
