"""The supervising office's pages: the status of every agency's report for a year, the late ones, the missing
departments, all figures as XLSX; and the desk's panel with the statutory countdown."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.admin.ui.components import Component

from gongkai.agencies.models import AgencyKind
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, agency_or_404, has_any, person_of, require_any
from gongkai.applications import unconfirmed
from gongkai.core.report.formats import FIRST_YEAR

from .. import supervision
from ..charts import CHART_CSS, figures_html
from ..deadlines import missing_by_level


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
        "reports/supervision/index.html",
        {"governments": roots, "year": year, "years": range(timezone.localdate().year, FIRST_YEAR - 1, -1)},
    )


def check_year(year: int) -> None:
    if year < FIRST_YEAR:
        raise Http404(f"{FIRST_YEAR} 年以前的年度报告没有统一格式，无法汇总")


def supervision_detail(request, code: str, year: int):
    """Every agency of the subtree with its report's status for `year`, the late ones, the missing departments."""
    check_year(year)
    root = agency_or_404(request.user, code, Perm.SUPERVISE)
    today = timezone.localdate()
    agencies = supervision.subtree(root, agencies_for(request.user, Perm.SUPERVISE))
    status_rows = supervision.rows(agencies, year, today)
    years = range(today.year - 1, max(FIRST_YEAR, today.year - 6) - 1, -1)
    context = {
        "root": root,
        "year": year,
        "today": today,
        "rows": status_rows,
        "counts": supervision.counts(status_rows),
        "late_by_year": supervision.late_by_year(list(agencies), years, today),
        "missing_levels": missing_by_level(root, year, agencies)
        if root.kind == AgencyKind.GOVERNMENT
        else [],
        "years": range(today.year, FIRST_YEAR - 1, -1),
        # 依申请公开: the online applications of the subtree still waiting to be confirmed (no clock runs yet)
        "unconfirmed": unconfirmed.counts(agencies, today=today),
        "remind_after": unconfirmed.remind_after(),
    }
    return TemplateResponse(request, "reports/supervision/detail.html", context)


def supervision_xlsx(request, code: str, year: int):
    """All agencies' figures for the year, one row per agency (XLSX)."""
    check_year(year)
    root = agency_or_404(request.user, code, Perm.SUPERVISE)
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

    order = 900  # below each role's own work (publishing/dashboard.py)
    template_name = "reports/supervision/desk_panel.html"

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
