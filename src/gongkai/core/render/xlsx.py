"""An ``AnnualReport`` as XLSX: the whole report on a first sheet, then one sheet per table (二, 三, 四) in the
official layout with merged headers.

The first sheet (``报告全文``) holds the report in reading order — title, each section's heading and prose, the
tables in place, signature and date — so that the file is the complete report and the auditor reads it like any
other format (prose rows have no borders, table cells have). On the table sheets row 1 holds the section heading
and the table starts on row 2. Numbers are written as numbers (so that the sheet adds up in Excel); a cell without
a value keeps its text.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from gongkai.core.render.html import chinese_date
from gongkai.core.render.layout import CAPTION, HEADER, LABEL, VALUE, GridCell, GridTable, positions, tables
from gongkai.core.render.text import printable
from gongkai.core.report.formats import SECTIONS, TABLE_NAMES
from gongkai.core.report.model import AnnualReport

FONT = "宋体"
FIRST_ROW = 2
BODY_SHEET = "报告全文"
_CHARS_PER_LINE = 60  # roughly what fits the body sheet's width at 10.5 pt, for row heights
SHEET_WIDTH = 150  # total column width in Excel character units
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CAPTION_FILL = PatternFill("solid", fgColor="C6D9F1")


def sheet_title(grid: GridTable) -> str:
    """``表三 收到和处理政府信息公开申请情况`` (Excel allows 31 characters)."""
    return f"{TABLE_NAMES[grid.key]} {grid.section.heading}"[:31]


def render_xlsx(report: AnnualReport) -> bytes:
    """The report's tables as XLSX bytes."""
    report = printable(report)
    book = Workbook()
    book.remove(book.active)
    grids = tables(report)
    _body_sheet(book, grids, report)
    for grid in grids:
        _sheet(book, grid, report)
    book.properties.title = report.title or ""
    book.properties.creator = report.agency or "Gongkai"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _body_sheet(book: Workbook, grids: list[GridTable], report: AnnualReport) -> None:
    sheet = book.create_sheet(BODY_SHEET)
    width = max((grid.grid for grid in grids), default=1)  # prose spans the widest table
    for i in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(i)].width = SHEET_WIDTH / width
    by_key = {grid.key: grid for grid in grids}
    row = _text_row(sheet, 1, width, report.title or "政府信息公开工作年度报告", size=16, bold=True)
    if not grids:
        row = _text_row(sheet, row, width, "该报告不适用国家统一格式（2019年以前），没有统计表。")
    for spec in SECTIONS:
        section = report.section(spec.key)
        heading = f"{spec.number}、{section.heading if section else spec.heading}"
        row = _text_row(sheet, row, width, heading, bold=True)
        for paragraph in (section.text if section else "").splitlines():
            if paragraph.strip():
                row = _text_row(sheet, row, width, paragraph.strip())
        if spec.key in by_key:
            row = _grid(sheet, by_key[spec.key], report, row) + 1
    for line in (report.agency, chinese_date(report.published_on) if report.published_on else ""):
        if line:
            row = _text_row(sheet, row, width, line)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _text_row(sheet, row: int, width: int, text: str, *, size: float = 10.5, bold: bool = False) -> int:
    """A paragraph across ``width`` columns, without borders; returns the next free row."""
    target = sheet.cell(row, 1, text)
    target.font = Font(name=FONT, size=size, bold=bold)
    target.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    lines = max(1, -(-len(text) // _CHARS_PER_LINE))
    sheet.row_dimensions[row].height = 15 * lines * (size / 10.5)
    return row + 1


def _sheet(book: Workbook, grid: GridTable, report: AnnualReport) -> None:
    sheet = book.create_sheet(sheet_title(grid))
    sheet.cell(1, 1, f"{grid.section.title}").font = Font(name=FONT, size=14, bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.grid)
    for i, width in enumerate(grid.widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = max(5.0, round(SHEET_WIDTH * width, 1))
    _grid(sheet, grid, report, FIRST_ROW)
    if grid.header_rows:
        sheet.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW + grid.header_rows - 1}"
        sheet.freeze_panes = sheet.cell(FIRST_ROW + grid.header_rows, 1)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if grid.grid > 5 else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _grid(sheet, grid: GridTable, report: AnnualReport, first_row: int) -> int:
    """Write the table from ``first_row``; returns the row after it."""
    rows = positions(grid)
    for r, placed in enumerate(rows):
        row = first_row + r
        for c, spec in placed:
            col = c + 1
            target = sheet.cell(row, col, _value(report, spec))
            target.font = Font(name=FONT, size=10.5)
            horizontal = "left" if spec.kind in (CAPTION, LABEL) else "center"
            target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            if spec.kind == CAPTION:
                target.fill = _CAPTION_FILL
            for dr in range(spec.rowspan):
                for dc in range(spec.colspan):
                    sheet.cell(row + dr, col + dc).border = _BORDER
            if spec.rowspan > 1 or spec.colspan > 1:
                sheet.merge_cells(
                    start_row=row,
                    start_column=col,
                    end_row=row + spec.rowspan - 1,
                    end_column=col + spec.colspan - 1,
                )
    return first_row + len(rows)


def _value(report: AnnualReport, spec: GridCell) -> object:
    if spec.kind in (HEADER, CAPTION, LABEL):
        return spec.text
    if spec.kind == VALUE:
        cell = report.cell(*spec.ref)
        if cell is not None and cell.value is not None:
            return cell.value
    return spec.text or None
