"""The generated report through every output format and back: the auditor reads the same figures and finds no error.

HTML, DOCX, PDF and XLSX are read by `gongkai.core.audit` like any published report (the XLSX through its
``报告全文`` sheet). The XLSX's table sheets are also read cell by cell with openpyxl at the positions of the
official layout (one sheet per table, the official headers): every figure is where the template puts it.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from report_records import records_2020, records_2024

from gongkai.core.audit import audit_bytes
from gongkai.core.render import pdf as pdf_render
from gongkai.core.render import render
from gongkai.core.render.layout import VALUE, positions, tables
from gongkai.core.render.xlsx import BODY_SHEET, FIRST_ROW, sheet_title
from gongkai.core.report.model import ERROR
from gongkai.core.report.tables import Tables
from gongkai.reports import assembly, deadlines
from gongkai.reports.services import drafting

pytestmark = [pytest.mark.django_db, pytest.mark.roundtrip]

CASES = [(2020, records_2020), (2024, records_2024)]


def _generated(world, year, build):
    build(world["dept"])
    office = world["people"][("dept", "disclosure_office")].user
    draft = drafting.get_or_start(world["dept"], year, office)
    drafting.set_report_date(draft, deadlines.statutory_date(world["dept"], year), office)
    report = assembly.checked(world["dept"], year)
    assert [f for f in report.findings if f.severity == ERROR] == []
    return report


@pytest.mark.parametrize(("year", "build"), CASES, ids=["2019-template", "2021-template"])
@pytest.mark.parametrize("fmt", ["html", "docx", "pdf", "xlsx"])
def test_audit_reads_back_the_same_report(world, year, build, fmt):
    if fmt == "pdf" and not pdf_render.cjk_font_families():
        pytest.skip("no CJK font installed")
    report = _generated(world, year, build)
    read = audit_bytes(render(report, fmt), f"report.{fmt}")
    assert [f for f in read.findings if f.severity == ERROR] == []
    assert read.year == year and read.template == report.template
    assert read.published_on == report.published_on
    assert Tables.of(read) == Tables.of(report)
    assert [s.key for s in read.sections if s.found] == [s.key for s in report.sections]
    unexpected = {"template-text", "section-heading", "text-vs-table", "typo", "placeholder", "title"}
    assert not [f for f in read.findings if f.code in unexpected]


@pytest.mark.parametrize(("year", "build"), CASES, ids=["2019-template", "2021-template"])
def test_xlsx_has_one_sheet_per_table_with_every_figure(world, year, build):
    report = _generated(world, year, build)
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    grids = tables(report)
    assert book.sheetnames == [BODY_SHEET] + [sheet_title(g) for g in grids]
    read = Tables(report.template, {}, {}, {})
    for grid in grids:
        sheet = book[sheet_title(grid)]
        for r, placed in enumerate(positions(grid)):
            for c, cell in placed:
                value = sheet.cell(FIRST_ROW + r, c + 1).value
                if cell.kind != VALUE:
                    assert (value or "") == (cell.text or ""), (r, c)
                    continue
                table, key, column = cell.ref
                number = Decimal(str(value)) if isinstance(value, float) else value
                if table == "requests":
                    read.requests.setdefault(key, {})[column] = number
                else:
                    getattr(read, table)[key] = number
    expected = Tables.of(report)
    assert read.requests == expected.requests
    assert read.appeals == expected.appeals
    assert read.proactive == expected.proactive
