"""Public pages of annual reports: an agency's published reports by year, and one report with its downloads
and charts. Only published reports are public; anything else is a 404."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from gongkai.agencies.models import Agency
from gongkai.core.render import FORMATS
from gongkai.core.render.html import TABLE_CSS

from ..charts import CHART_CSS, figures_html
from ..deadlines import is_late, statutory_date
from ..models import ReportFile
from ..services.publication import (
    FILE_FORMATS,
    FORMAT_LABELS,
    article_html,
    download_name,
    published_report,
    published_reports,
)

PAGE_CSS = """
article.report h1 { text-align: center; font-size: 1.6em; }
article.report h2 { font-size: 1.2em; margin-top: 1.2em; }
article.report p { text-indent: 2em; line-height: 1.8; }
article.report p.signature, article.report p.date { text-align: right; text-indent: 0; }
.report-table-wrap { overflow-x: auto; }
@media print {
  .report-downloads, .report-charts, .site-header, .site-footer, nav, .skip { display: none !important; }
  article.report { font-size: 12pt; }
  table.official { font-size: 9pt; }
}
"""


def annual_reports(request, code: str):
    """An agency's published annual reports, newest first, with the statutory date of each."""
    agency = get_object_or_404(Agency, code=code)
    kept = published_reports().filter(agency=agency).order_by("-year")
    rows = [
        {"agency_report": r, "due": statutory_date(agency, r.year), "late": is_late(r, agency, r.year)}
        for r in kept
    ]
    return TemplateResponse(request, "reports/portal/annual_reports.html", {"agency": agency, "rows": rows})


def _published(code: str, year: int):
    return get_object_or_404(published_reports(), agency__code=code, year=year)


def annual_report(request, code: str, year: int):
    """One published report as HTML (prints well), with its DOCX/PDF/XLSX downloads and year-over-year charts."""
    agency_report = _published(code, year)
    report = published_report(agency_report)
    publication = getattr(agency_report, "publication", None)
    available = set(publication.files.values_list("format", flat=True)) if publication else set()
    downloads = [(fmt, FORMAT_LABELS[fmt]) for fmt in FILE_FORMATS if fmt in available and fmt != "html"]
    context = {
        "agency": agency_report.agency,
        "agency_report": agency_report,
        "report": report,
        "article": mark_safe(article_html(report)),  # the renderer escapes every text it writes
        "css": mark_safe(TABLE_CSS + CHART_CSS + PAGE_CSS),  # constants
        "downloads": downloads,
        "has_html": "html" in available,
        "due": statutory_date(agency_report.agency, year),
        "charts": mark_safe(figures_html(agency_report.agency, up_to=year)),  # built from escaped parts
    }
    return TemplateResponse(request, "reports/portal/annual_report.html", context)


def annual_report_file(request, code: str, year: int, fmt: str):
    """A stored file of a published report."""
    if fmt not in FILE_FORMATS:
        raise Http404("没有这种格式")
    agency_report = _published(code, year)
    stored = ReportFile.objects.filter(publication__report=agency_report, format=fmt).first()
    if stored is None:
        raise Http404("该格式的文件尚未生成")
    inline = fmt == "html"
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=not inline,
        filename=download_name(agency_report, fmt),
        content_type=FORMATS[fmt].content_type,
    )
    return response
