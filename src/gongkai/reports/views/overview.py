"""The supervising office's cross-agency pages: every agency's key figures over the years (table and charts),
the overdue and unconfirmed applications of every agency in scope, and the one-page summary for leaders (PDF)."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, agency_or_404
from gongkai.core.render import charts as chart_render
from gongkai.core.render.pdf import MissingFontError

from .. import leaders, overview, supervision
from ..charts import CHART_CSS
from .supervision import check_year


def _scope(request, code: str):
    root = agency_or_404(request.user, code, Perm.SUPERVISE)
    return root, supervision.subtree(root, agencies_for(request.user, Perm.SUPERVISE))


def supervision_figures(request, code: str, year: int):
    """Every agency's key figures for `year` and the years before it, with charts where two years have data."""
    check_year(year)
    root, agencies = _scope(request, code)
    years = overview.years_up_to(year)
    table = overview.key_figures(list(agencies), years, timezone.localdate())
    made = overview.charts_of(table, years)
    context = {
        "root": root,
        "year": year,
        "years": years,
        "table": table,
        "chart_css": mark_safe(CHART_CSS),  # a constant
        "charts": mark_safe("".join(chart_render.figure_html(c) for c in made)),  # built from escaped parts
    }
    return TemplateResponse(request, "reports/supervision/figures.html", context)


def supervision_applications(request, code: str):
    """The overdue and the unconfirmed applications of every agency in scope, with their working days."""
    root, agencies = _scope(request, code)
    today = timezone.localdate()
    late, waiting = overview.pending(agencies, today)
    context = {"root": root, "today": today, "overdue": late, "unconfirmed": waiting}
    return TemplateResponse(request, "reports/supervision/applications.html", context)


def supervision_summary(request, code: str, year: int):
    """The one-page summary for leaders of the government's year (PDF)."""
    check_year(year)
    root, agencies = _scope(request, code)
    data = leaders.summary(root, agencies, year, timezone.localdate())
    try:
        content = leaders.summary_pdf(data)
    except MissingFontError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{root.code}-{year}-summary.pdf"'
    return response
