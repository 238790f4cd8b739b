"""The renderers: every format carries the six sections and every figure, in the official table layout."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import replace

import openpyxl
import pypdfium2
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from gongkai.core.render import FORMATS, render
from gongkai.core.render import pdf as pdf_module
from gongkai.core.render.docx import render_docx
from gongkai.core.render.html import render_html, render_tables
from gongkai.core.render.layout import positions, tables
from gongkai.core.render.pdf import MissingFontError, render_pdf
from gongkai.core.render.xlsx import render_xlsx
from gongkai.core.report import formats
from gongkai.core.report.checks import check_report
from gongkai.core.report.model import AnnualReport, Cell, format_number

from report_samples import city_department_2022, jingkai_2020

BUILDERS = [jingkai_2020, city_department_2022]
HEADINGS = [s.title for s in formats.SECTIONS]


def figures(report: AnnualReport) -> dict[tuple, str]:
    """Every value cell of the report as the text a renderer prints."""
    out = {}
    for key, cell in report.proactive.items():
        out[("proactive", key, None)] = cell.raw
    for row, cols in report.requests.items():
        for col, cell in cols.items():
            out[("requests", row, col)] = cell.raw
    for key, cell in report.appeals.items():
        out[("appeals", key, None)] = cell.raw
    return out


# -- layout ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("build", BUILDERS)
def test_layout_rows_fill_the_grid(build):
    for grid in tables(build()):
        covered: dict[tuple[int, int], int] = {}
        for r, placed in enumerate(positions(grid)):
            for c, cell in placed:
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        assert (r + dr, c + dc) not in covered
                        covered[(r + dr, c + dc)] = 1
        assert len(covered) == len(grid.rows) * grid.grid, grid.key
        assert abs(sum(grid.widths) - 1) < 1e-9


# -- HTML ------------------------------------------------------------------------------------------------------


def spans(cell) -> tuple[int, int]:
    return int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))


def header_cell(table, text: str):
    (cell,) = [c for c in table.iter("th") if c.text_content() == text]
    return cell


@pytest.mark.parametrize("build", BUILDERS)
def test_html_has_title_six_sections_prose_and_every_figure(build):
    report = build()
    doc = lxml_html.document_fromstring(render_html(report))
    assert doc.findtext(".//h1") == report.title
    assert [h.text_content() for h in doc.iter("h2")] == HEADINGS
    text = doc.text_content()
    assert report.prose("overview").splitlines()[0] in text
    assert report.prose("other").splitlines()[0] in text
    assert "文字描述" not in text
    cells = {}
    for td in doc.iter("td"):
        table = td.getparent().getparent().getparent().get("data-table")
        cells[(table, td.get("data-key"), td.get("data-column"))] = td.text_content()
    assert cells == figures(report)


@pytest.mark.parametrize(
    ("build", "grid", "label_span"), [(jingkai_2020, 5, 2), (city_department_2022, 4, 1)]
)
def test_html_proactive_merges(build, grid, label_span):
    doc = lxml_html.document_fromstring(render_html(build()))
    (table,) = doc.find_class("proactive")
    captions = table.find_class("caption")
    assert [c.text_content() for c in captions if c.tag == "th"][0] == "第二十条第（一）项"
    assert all(spans(c) == (1, grid) for c in captions if c.tag == "th")
    header = [c for c in table.iter("th") if c.text_content() == "信息内容"]
    assert all(spans(c) == (1, label_span) for c in header)


@pytest.mark.parametrize("build", BUILDERS)
def test_html_requests_merges_follow_the_official_template(build):
    report = build()
    spec = report.spec
    doc = lxml_html.document_fromstring(render_html(report))
    (table,) = doc.find_class("requests")
    assert len(table.find("thead").findall("tr")) == 3
    assert spans(header_cell(table, formats.REQUESTS_CORNER)) == (3, 3)
    assert spans(header_cell(table, "申请人情况")) == (1, 7)
    assert spans(header_cell(table, "自然人")) == (2, 1)
    assert spans(header_cell(table, "法人或其他组织")) == (1, 5)
    assert spans(header_cell(table, "总计")) == (2, 1)
    assert spans(header_cell(table, "三、本年度办理结果")) == (len(spec.result_row_keys) + 1, 1)
    assert spans(header_cell(table, "（三）不予公开")) == (8, 1)
    assert spans(header_cell(table, "（五）不予处理")) == (5, 1)
    assert spans(header_cell(table, "一、本年新收政府信息公开申请数量")) == (1, 3)
    assert spans(header_cell(table, "（一）予以公开")) == (1, 2)
    assert spans(header_cell(table, "（七）总计")) == (1, 2)
    other = (1, 2) if report.template == "2019" else (3, 1)
    assert spans(header_cell(table, "（六）其他处理")) == other
    assert len(table.find("tbody").findall("tr")) == len(spec.request_rows)


def test_html_appeals_merges():
    doc = lxml_html.document_fromstring(render_html(city_department_2022()))
    (table,) = doc.find_class("appeals")
    assert spans(header_cell(table, "行政复议")) == (1, 5)
    assert spans(header_cell(table, "行政诉讼")) == (1, 10)
    assert spans(header_cell(table, "未经复议直接起诉")) == (1, 5)
    assert spans(header_cell(table, "复议后起诉")) == (1, 5)
    top = [c for c in table.iter("th") if c.text_content() == "结果维持"]
    assert [spans(c) for c in top] == [(2, 1), (1, 1), (1, 1)]


def test_html_print_css():
    page = render_html(jingkai_2020())
    assert "size: A4" in page
    assert "margin: 37mm 26mm 35mm 28mm" in page
    assert '"— " counter(page) " —"' in page


def test_render_tables_highlights_the_cells_of_findings():
    report = city_department_2022()
    report.requests["new"]["natural_person"] = Cell.of(75)
    report.requests["new"]["total"] = Cell(None, "左栏所有总计")
    findings = check_report(report)
    fragment = lxml_html.fragment_fromstring(render_tables(report, findings), create_parent="div")
    flagged = {(td.get("data-key"), td.get("data-column")) for td in fragment.find_class("flag-error")}
    assert {
        ("new", "natural_person"),
        ("carried_over", "natural_person"),
        ("total", "natural_person"),
    } <= flagged
    assert ("new", "total") not in flagged  # the placeholder is reported by the reader, not here
    notes = [li.text_content() for li in fragment.iter("li")]
    assert any("（I1）" in n for n in notes)
    assert "左栏所有总计" in fragment.text_content()


# -- DOCX ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_bytes():
    return {build.__name__: render_docx(build()) for build in BUILDERS}


def east_asian(run) -> str | None:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


@pytest.mark.parametrize("build", BUILDERS)
def test_docx_page_and_fonts_follow_gbt_9704(build, docx_bytes):
    document = Document(io.BytesIO(docx_bytes[build.__name__]))
    section = document.sections[0]
    measured = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    measured += [section.left_margin, section.right_margin]
    assert [round(length.mm, 1) for length in measured] == [210, 297, 37, 35, 28, 26]
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(28)
    title = document.paragraphs[0]
    assert title.text == build().title
    assert east_asian(title.runs[0]) == "方正小标宋简体"
    assert title.runs[0].font.size == Pt(22)


def test_docx_font_table_declares_substitutes(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes["jingkai_2020"])) as archive:
        fonts = etree.fromstring(archive.read("word/fontTable.xml"))
    alt = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in fonts.findall(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert alt["方正小标宋简体"] == "宋体"
    assert alt["仿宋_GB2312"] == "仿宋"


def test_docx_footer_has_page_field(docx_bytes):
    document = Document(io.BytesIO(docx_bytes["jingkai_2020"]))
    footer = document.sections[0].footer.paragraphs[0]
    xml = footer._p.xml
    assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
    assert footer.text.startswith("— ") and footer.text.endswith(" —")


@pytest.mark.parametrize("build", BUILDERS)
def test_docx_sections_tables_and_figures(build, docx_bytes):
    report = build()
    document = Document(io.BytesIO(docx_bytes[build.__name__]))
    texts = [p.text for p in document.paragraphs]
    for heading in HEADINGS:
        assert heading in texts
    assert report.prose("problems") in texts
    assert len(document.tables) == 3
    proactive, requests, appeals = document.tables
    for table, header_rows in ((requests, 3), (appeals, 3)):
        rows = table._tbl.tr_lst
        assert [tr.trPr.find(qn("w:tblHeader")) is not None for tr in rows[:4]] == [True] * header_rows + [
            False
        ]
    xml = requests._tbl.xml
    assert 'w:gridSpan w:val="7"' in xml and 'w:vMerge w:val="restart"' in xml
    assert requests.cell(0, 0).text == formats.REQUESTS_CORNER
    assert requests.cell(2, 0).text == formats.REQUESTS_CORNER  # the corner spans three rows
    spec = report.spec
    for r, row in enumerate(spec.request_rows, 3):
        for c, col in enumerate(formats.REQUEST_COLUMN_KEYS, 3):
            assert requests.cell(r, c).text == report.requests[row.key][col].raw
    assert [appeals.cell(3, c).text for c in range(15)] == [
        report.appeals[k].raw for k in formats.APPEAL_KEYS
    ]
    proactive_text = {cell.text for row in proactive.rows for cell in row.cells}
    assert {c.raw for c in report.proactive.values()} <= proactive_text
    table_run = requests.cell(5, 4).paragraphs[0].runs[0]
    assert table_run.font.size == Pt(10.5)


@pytest.mark.roundtrip
@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_docx_opens_in_libreoffice(tmp_path, docx_bytes):
    source = tmp_path / "report.docx"
    source.write_bytes(docx_bytes["city_department_2022"])
    subprocess.run(
        ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    document = pypdfium2.PdfDocument(str(tmp_path / "report.pdf"))
    text = "".join(page.get_textpage().get_text_range() for page in document)
    assert "收到和处理政府信息公开申请情况" in text
    assert "1532" in text and "12.35" in text


# -- PDF -------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_bytes():
    return render_pdf(city_department_2022())


@pytest.mark.roundtrip
def test_pdf_text_has_sections_and_figures(pdf_bytes):
    document = pypdfium2.PdfDocument(pdf_bytes)
    assert len(document) >= 2
    text = "".join(page.get_textpage().get_text_range() for page in document).replace("\r", "")
    for heading in HEADINGS:
        assert heading in text
    for figure in ("1532", "12.35", "97", "92"):
        assert figure in text
    assert formats.REQUESTS_CORNER[:10] in text


@pytest.mark.roundtrip
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils is not installed")
def test_pdf_embeds_its_fonts(tmp_path, pdf_bytes):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    fonts = lines[2:]
    assert fonts
    assert any("CJK" in line for line in fonts)
    assert all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column


def test_pdf_without_cjk_font_says_what_to_install(monkeypatch):
    monkeypatch.setattr(pdf_module, "cjk_font_families", lambda: ())
    with pytest.raises(MissingFontError, match="apt-get install fonts-noto-cjk"):
        render_pdf(jingkai_2020())


# -- XLSX ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("build", BUILDERS)
def test_xlsx_text_sheet_then_one_sheet_per_table_with_merged_headers_and_numbers(build):
    report = build()
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    assert book.sheetnames == [
        "报告全文",
        "表二 主动公开政府信息情况",
        "表三 收到和处理政府信息公开申请情况",
        "表四 政府信息公开行政复议、行政诉讼情况",
    ]
    body, proactive, requests, appeals = book.worksheets
    text = [c.value for row in body.iter_rows() for c in row if isinstance(c.value, str)]
    assert text[0] == report.title
    assert "三、收到和处理政府信息公开申请情况" in text
    assert report.section("overview").text.splitlines()[0].strip() in text
    merged = {str(r) for r in requests.merged_cells.ranges}
    assert {"A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4", "A5:C5"} <= merged
    assert requests["A2"].value == formats.REQUESTS_CORNER
    assert requests["A1"].value == "三、收到和处理政府信息公开申请情况"
    for r, row in enumerate(report.spec.request_rows, 5):
        values = [requests.cell(r, c).value for c in range(4, 11)]
        assert values == [report.requests[row.key][col].value for col in formats.REQUEST_COLUMN_KEYS]
        assert all(isinstance(v, int) for v in values)
    assert {"A2:E2", "F2:O2", "A3:A4", "F3:J3", "K3:O3"} <= {str(r) for r in appeals.merged_cells.ranges}
    assert [appeals.cell(5, c).value for c in range(1, 16)] == [
        report.appeals[k].value for k in formats.APPEAL_KEYS
    ]
    numbers = [c.value for row in proactive.iter_rows() for c in row if isinstance(c.value, int | float)]
    assert len(numbers) == len(report.proactive)
    assert proactive["A2"].value == "第二十条第（一）项"
    assert f"A2:{'E' if report.template == '2019' else 'D'}2" in {
        str(r) for r in proactive.merged_cells.ranges
    }


def test_xlsx_amount_is_a_number():
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(city_department_2022())))
    amounts = [c.value for row in book.worksheets[0].iter_rows() for c in row if c.value == 12.35]
    assert amounts == [12.35]


@pytest.mark.parametrize("render", [render_html, render_docx, render_xlsx])
def test_renderers_accept_an_older_report(render):
    report = AnnualReport(title="某局2017年政府信息公开工作年度报告", year=2017, template="older")
    assert render(report)


def test_blank_cells_render_blank_not_zero():
    report = AnnualReport.from_figures("2021", 2022, "某局", missing=None)
    doc = lxml_html.document_fromstring(render_html(report))
    assert {td.text_content() for td in doc.iter("td")} == {format_number(None)}


@pytest.mark.parametrize(
    ("fmt", "magic"), [("html", b"<!DOCTYPE html>"), ("docx", b"PK"), ("xlsx", b"PK"), ("json", b"{")]
)
def test_render_dispatches_by_format(fmt, magic):
    assert render(jingkai_2020(), fmt).startswith(magic)


def test_render_rejects_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        render(jingkai_2020(), "odt")


def test_formats_know_their_file_extension():
    assert {f.extension for f in FORMATS.values()} == {".html", ".docx", ".pdf", ".xlsx", ".json"}


@settings(max_examples=10, deadline=None)
@given(pasted=st.text(alphabet=st.characters(max_codepoint=0x2070), min_size=1, max_size=12))
@example(pasted="".join(map(chr, [*range(0x20), 0x7F, 0x85, 0x200B, 0x200E, 0x2028, 0x202E])))
def test_staff_text_with_any_characters_renders_in_every_office_format(pasted):
    """Prose and the agency's name are staff text, which keeps what a word processor pasted; DOCX and XLSX (and the
    HTML handed to WeasyPrint) drop what XML cannot hold instead of failing the publication. Every C0 control character and
    the invisible ones in one example, then random texts (each example renders two office files: ~1 s)."""
    report = jingkai_2020()
    sections = [replace(s, text=f"{s.text}{pasted}尾") for s in report.sections]
    report = replace(
        report, sections=sections, agency=f"{report.agency}{pasted}", title=f"{pasted}{report.title}"
    )
    html = render_html(report)
    assert "\x0b" not in html and "\x00" not in html
    document = Document(io.BytesIO(render_docx(report)))
    assert any(p.text.endswith("尾") for p in document.paragraphs)
    openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
