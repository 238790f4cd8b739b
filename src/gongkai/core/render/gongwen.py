"""The 公文 page of GB/T 9704-2012 in python-docx, shared by the annual report and the letters to applicants.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 mm type area: 28 characters of 3号 a line);
title 方正小标宋简体 2号 (22 pt); body 仿宋_GB2312 3号 (16 pt) at a fixed 28 pt line spacing; page numbers
``— 1 —`` (宋体 4号) in the footer. Fonts an agency's machine may lack are declared with a substitute in the font
table (``w:altName``: 宋体, 仿宋, 黑体), so Word and LibreOffice fall back to a common Chinese font instead of a
Latin one.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from gongkai.core.render.text import xml_safe

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

TITLE_SIZE = Pt(22)  # 2号
BODY_SIZE = Pt(16)  # 3号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
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


def setup_page(document, *, title: str, author: str, subject: str) -> None:
    """A4 portrait with the GB/T 9704 margins, the body style, the font table, the page-number footer."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)

    normal = document.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    set_fonts(rpr, BODY_FONT)
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

    declare_fonts(document)
    page_number_footer(section)
    props = document.core_properties
    props.title = title
    props.author = author
    props.subject = subject
    props.language = "zh-CN"


def set_fonts(rpr, east_asian: str, latin: str = LATIN_FONT) -> None:
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


def declare_fonts(document) -> None:
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


def page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    add_run(paragraph, "— ", TABLE_FONT, PAGE_NUMBER_SIZE)
    run = add_run(paragraph, "", TABLE_FONT, PAGE_NUMBER_SIZE)
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
    add_run(paragraph, " —", TABLE_FONT, PAGE_NUMBER_SIZE)


def add_run(paragraph: Paragraph, text: str, font: str, size: Pt, bold: bool = False):
    run = paragraph.add_run(xml_safe(text))
    set_fonts(run._r.get_or_add_rPr(), font)
    run.font.size = size
    run.font.bold = bold
    return run


def add_title(document, text: str) -> Paragraph:
    """The title: 方正小标宋 2号, centred, one blank line (28 pt) below it."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(36)
    fmt.space_after = LINE
    fmt.first_line_indent = Pt(0)
    add_run(paragraph, text, TITLE_FONT, TITLE_SIZE)
    return paragraph


def add_paragraph(
    document,
    text: str,
    *,
    font: str = BODY_FONT,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    space_before=None,
) -> Paragraph:
    """A body paragraph (3号, first line indented by two characters); right-aligned lines keep two characters
    of space at the right, as the agency's name and the date do under GB/T 9704."""
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(32) if indent else Pt(0)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(32)
    if space_before is not None:
        fmt.space_before = space_before
    add_run(paragraph, text, font, BODY_SIZE)
    return paragraph
