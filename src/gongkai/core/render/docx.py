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
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from gongkai.core.render.html import chinese_date
from gongkai.core.render.layout import CAPTION, LABEL, GridTable, kept_rows, positions, tables
from gongkai.core.report.formats import SECTIONS
from gongkai.core.report.model import AnnualReport

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

TITLE_SIZE = Pt(22)  # 2号
BODY_SIZE = Pt(16)  # 3号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
TABLE_SIZE = Pt(10.5)  # 5号
LINE = Pt(28)

TEXT_WIDTH_MM = 210 - 28 - 26

# Substitutes declared in the font table: (name, altName, charset 86 = GB2312, family).
FONT_TABLE = (
    (TITLE_FONT, "宋体", "roman"),
    (BODY_FONT, "仿宋", "modern"),
    ("仿宋", "FangSong", "modern"),
    (HEADING_FONT, "SimHei", "modern"),
    (TABLE_FONT, "SimSun", "auto"),
)


def render_docx(report: AnnualReport) -> bytes:
    """The report as DOCX bytes."""
    document = Document()
    _setup(document, report)
    _title(document, report.title or "政府信息公开工作年度报告")
    grids = {grid.key: grid for grid in tables(report)}
    for spec in SECTIONS:
        section = report.section(spec.key)
        heading = f"{spec.number}、{section.heading if section else spec.heading}"
        _paragraph(document, heading, font=HEADING_FONT).paragraph_format.keep_with_next = True
        for line in (section.text if section else "").splitlines():
            if line.strip():
                _paragraph(document, line.strip())
        if spec.key in grids:
            _table(document, grids[spec.key])
    if report.agency:
        _paragraph(document, report.agency, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, space_before=LINE)
    if report.published_on:
        _paragraph(document, chinese_date(report.published_on), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# Page, fonts, footer


def _setup(document, report: AnnualReport) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)

    normal = document.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    _set_fonts(rpr, BODY_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    normal.font.size = BODY_SIZE
    normal.font.color.rgb = RGBColor(0, 0, 0)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False

    _declare_fonts(document)
    _page_number_footer(section)
    props = document.core_properties
    props.title = report.title or ""
    props.author = report.agency or ""
    props.subject = "政府信息公开工作年度报告"
    props.language = "zh-CN"


def _set_fonts(rpr, east_asian: str, latin: str = LATIN_FONT) -> None:
    """Set the east-asian font (the one Chinese text uses) and the Latin font of a run or style."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _declare_fonts(document) -> None:
    """Add the Chinese fonts, each with its substitute, to the font table (a plain XML part in python-docx)."""
    part = next((r.target_part for r in document.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
    if part is None:
        return
    table = etree.fromstring(part.blob)
    known = {f.get(qn("w:name")) for f in table.findall(qn("w:font"))}
    for name, alt, family in FONT_TABLE:
        if name in known:
            continue
        font = etree.SubElement(table, qn("w:font"), {qn("w:name"): name})
        for tag, value in (
            ("w:altName", alt),
            ("w:charset", "86"),
            ("w:family", family),
            ("w:pitch", "variable"),
        ):
            etree.SubElement(font, qn(tag), {qn("w:val"): value})
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _run(paragraph, "— ", TABLE_FONT, PAGE_NUMBER_SIZE)
    run = _run(paragraph, "", TABLE_FONT, PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    _run(paragraph, " —", TABLE_FONT, PAGE_NUMBER_SIZE)


# ---------------------------------------------------------------------------------------------------------------
# Text


def _run(paragraph: Paragraph, text: str, font: str, size: Pt, bold: bool = False):
    run = paragraph.add_run(text)
    _set_fonts(run._r.get_or_add_rPr(), font)
    run.font.size = size
    run.font.bold = bold
    return run


def _title(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(36)
    fmt.space_after = LINE
    fmt.first_line_indent = Pt(0)
    _run(paragraph, text, TITLE_FONT, TITLE_SIZE)


def _paragraph(
    document,
    text: str,
    *,
    font: str = BODY_FONT,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    space_before=None,
) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(32) if indent else Pt(0)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(32)
    if space_before is not None:
        fmt.space_before = space_before
    _run(paragraph, text, font, BODY_SIZE)
    return paragraph


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
    for r, placed in enumerate(positions(grid)):
        for c, spec in placed:
            cell = table.cell(r, c)
            if spec.rowspan > 1 or spec.colspan > 1:
                cell = cell.merge(table.cell(r + spec.rowspan - 1, c + spec.colspan - 1))
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
            _run(paragraph, spec.text, TABLE_FONT, TABLE_SIZE)
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
