"""An ``AnnualReport`` as DOCX in the 公文 layout of GB/T 9704-2012.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 方正小标宋简体 2号 (22 pt); body 仿宋_GB2312 3号
(16 pt) at a fixed 28 pt line spacing; first-level headings 黑体 3号; page numbers ``— 1 —`` (宋体 4号) in the footer.
Fonts an agency's machine may lack are declared with a substitute in the font table (``w:altName``: 宋体, 仿宋,
黑体), so Word and LibreOffice fall back to a common Chinese font instead of a Latin one. Tables use the official
merged headers (``gridSpan``/``vMerge``), their header rows repeat on every page (``w:tblHeader``) and their text is
宋体 五号 (10.5 pt) with single spacing so that the 10-column table 三 fits the 156 mm type area.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from gongkai.core.render.gongwen import (
    HEADING_FONT,
    LINE,
    TABLE_FONT,
    TEXT_WIDTH_MM,
    add_paragraph,
    add_run,
    add_title,
    setup_page,
)
from gongkai.core.render.html import chinese_date
from gongkai.core.render.layout import CAPTION, LABEL, GridTable, kept_rows, positions, tables
from gongkai.core.render.text import printable
from gongkai.core.report.formats import SECTIONS
from gongkai.core.report.model import AnnualReport

TABLE_SIZE = Pt(10.5)  # 5号


def render_docx(report: AnnualReport) -> bytes:
    """The report as DOCX bytes."""
    report = printable(report)
    document = Document()
    _setup(document, report)
    add_title(document, report.title or "政府信息公开工作年度报告")
    grids = {grid.key: grid for grid in tables(report)}
    for spec in SECTIONS:
        section = report.section(spec.key)
        heading = f"{spec.number}、{section.heading if section else spec.heading}"
        add_paragraph(document, heading, font=HEADING_FONT).paragraph_format.keep_with_next = True
        for line in (section.text if section else "").splitlines():
            if line.strip():
                add_paragraph(document, line.strip())
        if spec.key in grids:
            _table(document, grids[spec.key])
    if report.agency:
        add_paragraph(
            document, report.agency, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, space_before=LINE
        )
    if report.published_on:
        add_paragraph(
            document, chinese_date(report.published_on), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _setup(document, report: AnnualReport) -> None:
    setup_page(
        document, title=report.title or "", author=report.agency or "", subject="政府信息公开工作年度报告"
    )


# ---------------------------------------------------------------------------------------------------------------
# Tables


def _table(document, grid: GridTable) -> Table:
    table = document.add_table(rows=len(grid.rows), cols=grid.grid)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    widths = [Mm(TEXT_WIDTH_MM * w) for w in grid.widths]
    for i, column in enumerate(table.columns):
        column.width = widths[i]
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = widths[i]
    for r, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r < grid.header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
    keep = _rows_kept_with_next(grid)
    # table.cell() walks the whole table on every call; the cells taken once stay valid while merging,
    # because the grid's spans never overlap (a merge removes only cells inside its own span).
    cells = table._cells
    for r, placed in enumerate(positions(grid)):
        for c, spec in placed:
            cell = cells[r * grid.grid + c]
            if spec.rowspan > 1 or spec.colspan > 1:
                corner = cells[(r + spec.rowspan - 1) * grid.grid + c + spec.colspan - 1]
                cell = cell.merge(corner)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if spec.kind == CAPTION:
                _shade(cell, "C6D9F1")
            paragraph = cell.paragraphs[0]
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT if spec.kind in (CAPTION, LABEL) else WD_ALIGN_PARAGRAPH.CENTER
            )
            fmt = paragraph.paragraph_format
            fmt.first_line_indent = Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
            fmt.keep_with_next = r in keep
            add_run(paragraph, spec.text, TABLE_FONT, TABLE_SIZE)
    document.add_paragraph().paragraph_format.line_spacing = Pt(8)
    return table


def _rows_kept_with_next(grid: GridTable) -> set[int]:
    """Rows that Word keeps on the page of the next row (every paragraph of the row keeps with next): header
    rows, rows inside a block of table 二, and rows above a row that must not start a page."""
    keep = set(range(grid.header_rows))
    keep.update(r - 1 for r in kept_rows(grid))
    bounds = [*grid.blocks, len(grid.rows)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        keep.update(range(start, end - 1))
    return keep


def _borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "6")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("left", "57"), ("right", "57")):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), width)
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, "w:tblLook")


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(
        shading, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"
    )
