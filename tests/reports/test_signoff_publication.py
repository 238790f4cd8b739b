"""Publication stores HTML, DOCX, PDF and XLSX that each open and carry the report; a missing Chinese font
leaves the PDF out with a clear reason; the auditor reads the published files back without error."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document
from openpyxl import load_workbook

from gongkai.agencies.roles import Role
from gongkai.core.audit.api import audit_bytes
from gongkai.core.render import pdf as pdf_render
from gongkai.core.report.tables import Tables
from gongkai.reports import assembly
from gongkai.reports.services import drafting, signoff
from gongkai.reports.services.publication import FILE_FORMATS

pytestmark = [pytest.mark.django_db, pytest.mark.roundtrip]

YEAR = 2021


def person(world, role, home="dept"):
    return world["people"][(home, role)].user


def publish(world, agency_key="dept", home="dept", on=date(2022, 1, 25)):
    office = world["people"][(home, Role.DISCLOSURE_OFFICE)].user
    draft = drafting.get_or_start(world[agency_key], YEAR, office)
    signoff.submit(draft, office)
    signoff.approve(draft, person(world, Role.SECTION_HEAD, home))
    signoff.approve(draft, person(world, Role.CONFIDENTIALITY_REVIEWER, home), conclusion="同意公开")
    signoff.approve(draft, person(world, Role.PRINCIPAL_LEADER, home))
    return draft, signoff.publish(draft, office, on=on)


def _bytes(publication, fmt) -> bytes:
    stored = publication.files.get(format=fmt)
    with stored.file.open("rb") as f:
        return f.read()


def test_every_file_opens_and_carries_the_report(world):
    draft, publication = publish(world)
    assert publication.pdf_error == ""
    title = f"{world['dept'].name}{YEAR}年政府信息公开工作年度报告"

    html = _bytes(publication, "html").decode()
    assert title in html and "三、收到和处理政府信息公开申请情况" in html

    document = Document(io.BytesIO(_bytes(publication, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert title in text
    assert len(document.tables) >= 3

    book = load_workbook(io.BytesIO(_bytes(publication, "xlsx")))
    assert [name.split()[0] for name in book.sheetnames] == ["报告全文", "表二", "表三", "表四"]

    pdf = _bytes(publication, "pdf")
    assert pdf.startswith(b"%PDF")
    extracted = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    flat = "".join(extracted.split())
    assert title in flat and "三、收到和处理政府信息公开申请情况" in flat
    for stored in publication.files.all():
        assert stored.size == len(_bytes(publication, stored.format))


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_the_auditor_reads_each_published_file_back_without_error(world, fmt):
    """Each of the four files as published (the PDF by its background task) reads back as the frozen report:
    every cell of tables 二, 三 and 四, blank ones included, and no error."""
    draft, publication = publish(world)
    frozen = assembly.assemble(draft.agency, draft.year, agency_report=draft)
    read = audit_bytes(_bytes(publication, fmt), f"report.{fmt}")
    errors = [f for f in read.findings if f.severity == "error"]
    assert errors == []
    assert (read.year, read.template) == (YEAR, frozen.template)
    assert Tables.of(read) == Tables.of(frozen)


def test_missing_font_publishes_without_pdf_and_says_why(world, monkeypatch):
    monkeypatch.setattr(pdf_render, "cjk_font_families", lambda: ())
    draft, publication = publish(world)
    assert "fonts-noto-cjk" in publication.pdf_error
    assert set(publication.files.values_list("format", flat=True)) == {"html", "docx", "xlsx"}
    # once a font is installed, the office renders the files again from the frozen report
    monkeypatch.setattr(pdf_render, "render_pdf", lambda report: b"%PDF-1.7 " + report.title.encode())
    with pytest.raises(PermissionDenied):
        signoff.regenerate_files(draft, person(world, Role.SECTION_HEAD))
    again = signoff.regenerate_files(draft, person(world, Role.DISCLOSURE_OFFICE))
    assert again.pk == publication.pk and again.pdf_error == ""
    assert _bytes(again, "pdf") == b"%PDF-1.7 " + draft.published_report["title"].encode()
    assert again.files.count() == 4
