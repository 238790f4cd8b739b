"""Published annual reports: rendering the files, storing them, and reading them back for the public pages.

What is published is frozen: the assembled report is kept in the draft (`assembly.freeze`) and the files beside
it, so that the public page, the downloads and the charts show what was published even when records change later.
HTML, DOCX and XLSX are rendered during publication; the PDF (WeasyPrint, about a second) by a background task
(`reports.tasks.render_pdf`, django-tasks with the database backend) enqueued in the publication's transaction.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.core.render import FORMATS, render
from gongkai.core.render.html import render_html
from gongkai.core.render.pdf import MissingFontError
from gongkai.core.report.model import AnnualReport

from . import assembly
from .models import AnnualReportDraft, ReportStatus
from .review_models import ReportFile, ReportPublication

logger = logging.getLogger(__name__)

FILE_FORMATS = ("html", "docx", "pdf", "xlsx")
BACKGROUND_FORMATS = ("pdf",)
FORMAT_LABELS = {"html": "网页（HTML）", "docx": "Word（DOCX）", "pdf": "PDF", "xlsx": "Excel 表格（XLSX）"}

__all__ = ["FILE_FORMATS", "Rendered", "ReportFile", "ReportPublication", "render_files", "store"]


@dataclass
class Rendered:
    """The files of one report by format, and why the PDF is missing if it is."""

    files: dict[str, bytes] = field(default_factory=dict)
    pdf_error: str = ""


def render_files(report: AnnualReport) -> Rendered:
    """Render the formats published at once (all but the PDF, which a background task renders)."""
    out = Rendered()
    for fmt in FILE_FORMATS:
        if fmt not in BACKGROUND_FORMATS:
            out.files[fmt] = render(report, fmt)
    return out


def store_pdf(publication_id: int) -> None:
    """Render the PDF of a publication's frozen report and keep it; without a Chinese font, keep the reason."""
    publication = ReportPublication.objects.select_related("draft__agency").get(pk=publication_id)
    try:
        content = render(published_report(publication.draft), "pdf")
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
    stored.file.save(filename(publication.draft, fmt), ContentFile(content), save=False)
    stored.save()


def filename(draft: AnnualReportDraft, fmt: str) -> str:
    """``jingkai-rsj-2020-annual-report.pdf`` (ASCII, for storage); the download carries the Chinese title."""
    return f"{draft.agency.code}-{draft.year}-annual-report{FORMATS[fmt].extension}"


def download_name(draft: AnnualReportDraft, fmt: str) -> str:
    return f"{draft.agency.name}{draft.year}年政府信息公开工作年度报告{FORMATS[fmt].extension}"


def store(draft: AnnualReportDraft, user, when: datetime, rendered: Rendered) -> ReportPublication:
    """Keep the files of the published report (replacing an earlier publication's files of the draft)."""
    publication, _ = ReportPublication.objects.update_or_create(
        draft=draft,
        defaults={
            "published_by": user,
            "published_at": when,
            "pdf_error": rendered.pdf_error,
        },
    )
    for old in publication.files.all():
        old.file.delete(save=False)
        old.delete()
    for fmt, content in rendered.files.items():
        _store_file(publication, fmt, content)
    from .tasks import render_pdf

    render_pdf.enqueue(
        publication.pk
    )  # in the caller's transaction: the task exists iff the publication does
    publication.refresh_from_db()  # an immediate backend (tests) has rendered the PDF already
    return publication


def published_report(draft: AnnualReportDraft) -> AnnualReport:
    """The report as it was published (frozen at publication)."""
    return assembly.assemble(draft.agency, draft.year, draft=draft)


def article_html(report: AnnualReport) -> str:
    """The report's body (title, sections, tables, signature, date) as the ``<article>`` of the standalone HTML,
    for embedding in the portal's page."""
    document = render_html(report)
    start = document.index("<article")
    end = document.index("</article>") + len("</article>")
    return document[start:end]


def published_drafts():
    """The reports that are public: published ones (a draft in any other state is never shown)."""
    return AnnualReportDraft.objects.filter(status=ReportStatus.PUBLISHED).select_related("agency")


def publish_files(draft: AnnualReportDraft, user) -> ReportPublication:
    """Render and store the files of a report already published (frozen) without them, e.g. one published
    before files were kept; the publication keeps the report's publication time."""
    if draft.status != ReportStatus.PUBLISHED:
        raise ValueError("only a published report has files")
    rendered = render_files(published_report(draft))
    with transaction.atomic():
        return store(draft, user, draft.published_at or timezone.now(), rendered)
