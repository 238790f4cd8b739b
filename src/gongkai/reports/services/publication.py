"""Published annual reports: rendering the files, keeping them, and reading them back for the public pages.

What is published is frozen: the assembled report is kept with the stored report (`signoff.publish`) and the files
beside it, so that the public page, the downloads and the charts show what was published even when records change
later. HTML, DOCX and XLSX are rendered during publication; the PDF (WeasyPrint, about a second) by a background
task (`reports.tasks.render_pdf`, django-tasks with the database backend) enqueued in the publication's
transaction.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.core.render import FORMATS, render
from gongkai.core.render.html import render_html
from gongkai.core.render.pdf import MissingFontError
from gongkai.core.report.model import AnnualReport

from .. import assembly
from ..models import AgencyReport, ReportFile, ReportPublication, ReportStatus

logger = logging.getLogger(__name__)

FILE_FORMATS = ("html", "docx", "pdf", "xlsx")
BACKGROUND_FORMATS = ("pdf",)
FORMAT_LABELS = {"html": "网页（HTML）", "docx": "Word（DOCX）", "pdf": "PDF", "xlsx": "Excel 表格（XLSX）"}


def render_files(report: AnnualReport) -> dict[str, bytes]:
    """The formats published at once, by format (all but the PDF, which a background task renders)."""
    return {fmt: render(report, fmt) for fmt in FILE_FORMATS if fmt not in BACKGROUND_FORMATS}


def store_pdf(publication_id: int) -> None:
    """Render the PDF of a publication's frozen report and keep it; without a Chinese font, keep the reason."""
    publication = ReportPublication.objects.select_related("report__agency").get(pk=publication_id)
    try:
        content = render(published_report(publication.report), "pdf")
    except MissingFontError as error:
        publication.pdf_error = str(error)
        publication.save(update_fields=["pdf_error"])
        logger.warning("annual report PDF not rendered: no CJK font installed")
        return
    with transaction.atomic():
        _store_file(publication, "pdf", content)
        publication.pdf_error = ""
        publication.save(update_fields=["pdf_error"])


def _store_file(publication: ReportPublication, fmt: str, content: bytes) -> None:
    for old in publication.files.filter(format=fmt):
        old.file.delete(save=False)
        old.delete()
    stored = ReportFile(
        publication=publication,
        format=fmt,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    stored.file.save(filename(publication.report, fmt), ContentFile(content), save=False)
    stored.save()


def filename(agency_report: AgencyReport, fmt: str) -> str:
    """``jingkai-rsj-2020-annual-report.pdf`` (ASCII, for storage); the download carries the Chinese title."""
    return f"{agency_report.agency.code}-{agency_report.year}-annual-report{FORMATS[fmt].extension}"


def download_name(agency_report: AgencyReport, fmt: str) -> str:
    return (
        f"{agency_report.agency.name}{agency_report.year}年政府信息公开工作年度报告{FORMATS[fmt].extension}"
    )


def store(agency_report: AgencyReport, files: dict[str, bytes]) -> ReportPublication:
    """Keep the files of the published report (replacing an earlier publication's files), in the caller's
    transaction; the caller enqueues the PDF's rendering in the same transaction (`signoff`)."""
    publication, _ = ReportPublication.objects.update_or_create(
        report=agency_report, defaults={"pdf_error": ""}
    )
    for old in publication.files.all():
        old.file.delete(save=False)
        old.delete()
    for fmt, content in files.items():
        _store_file(publication, fmt, content)
    return publication


def published_report(agency_report: AgencyReport) -> AnnualReport:
    """The report as it was published (frozen at publication)."""
    return assembly.assemble(agency_report.agency, agency_report.year, agency_report=agency_report)


def article_html(report: AnnualReport) -> str:
    """The report's body (title, sections, tables, signature, date) as the ``<article>`` of the standalone HTML,
    for embedding in the portal's page."""
    document = render_html(report)
    start = document.index("<article")
    end = document.index("</article>") + len("</article>")
    return document[start:end]


def published_reports():
    """The reports that are public: published ones (a report in any other state is never shown)."""
    return AgencyReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("agency")
