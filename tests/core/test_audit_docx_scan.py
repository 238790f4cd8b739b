"""The one-pass DOCX scan reads what the tree walk reads: on rendered reports, on documents python-docx writes and on
random bodies of paragraphs and tables (runs, tabs, breaks, references, empty and merged cells, cells of several
paragraphs); what it does not model it leaves to the tree walk."""

from __future__ import annotations

import io
import random
from xml.sax.saxutils import escape

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from gongkai.core.audit.document import Paragraph, Row
from gongkai.core.audit.docx_scan import scan_docx
from gongkai.core.audit.limits import open_zip, read_member
from gongkai.core.audit.read_docx import _W, _walk
from gongkai.core.audit.samples import random_report
from gongkai.core.render.docx import render_docx

_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
_TAIL = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
_RUN_PROPERTIES = '<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="21"/></w:rPr>'


def _tree_walk(xml: bytes) -> list:
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    blocks: list = []
    _walk(root.find(f"{{{_W}}}body"), blocks, [0])
    return blocks


def _document_xml(data: bytes) -> bytes:
    return read_member(open_zip(data, "DOCX"), "word/document.xml", "DOCX")


def test_rendered_reports_read_as_by_the_tree_walk():
    rng = random.Random(18)
    for number in range(6):
        xml = _document_xml(render_docx(random_report(rng, number)))
        assert scan_docx(xml) == _tree_walk(xml)


def test_a_python_docx_document_reads_as_by_the_tree_walk():
    document = docx.Document()
    paragraph = document.add_paragraph("一、总体情况 ")
    paragraph.add_run("第二段\t制表").add_break()
    paragraph.add_run("换行后 & <符号>")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "横向合并"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "纵向合并"
    table.cell(1, 1).add_paragraph("第二段")
    table.cell(2, 2).text = "22"
    document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    xml = _document_xml(buffer.getvalue())
    assert scan_docx(xml) == _tree_walk(xml)


_TEXT = st.text(st.sampled_from("一二三0123 &<>\"'\r\n\tabc"), max_size=6)


@st.composite
def _paragraph(draw) -> str:
    if draw(st.integers(0, 9)) == 0:
        return "<w:p/>"
    inside = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["text", "text", "spaced", "tab", "break", "empty"]))
        if kind == "text":
            inside.append(f"<w:r>{_RUN_PROPERTIES}<w:t>{escape(draw(_TEXT))}</w:t></w:r>")
        elif kind == "spaced":
            inside.append(f'<w:r><w:t xml:space="preserve">{escape(draw(_TEXT))}</w:t></w:r>')
        elif kind == "tab":
            inside.append("<w:r><w:tab/></w:r>")
        elif kind == "break":
            inside.append("<w:r><w:br/></w:r>")
        else:
            inside.append("<w:r><w:t/></w:r>")
    return '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>' + "".join(inside) + "</w:p>"


@st.composite
def _cell(draw) -> str:
    merge = draw(
        st.sampled_from(["", "<w:vMerge/>", '<w:vMerge w:val="restart"/>', '<w:vMerge w:val="continue"/>'])
    )
    paragraphs = "".join(draw(st.lists(_paragraph(), min_size=0, max_size=3)))
    return f'<w:tc><w:tcPr><w:tcW w:w="2211" w:type="dxa"/>{merge}</w:tcPr>{paragraphs}</w:tc>'


@st.composite
def _table(draw) -> str:
    rows = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(draw(st.lists(_cell(), max_size=4))) + "</w:tr>"
        for _ in range(draw(st.integers(0, 3)))
    )
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>{rows}</w:tbl>'


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_paragraph(), _table()), max_size=6))
def test_random_bodies_read_as_by_the_tree_walk(children):
    xml = (_HEAD + "".join(children) + _TAIL).encode("utf-8")
    assert scan_docx(xml) == _tree_walk(xml)


def test_what_the_scan_does_not_model_is_left_to_the_tree_walk():
    cell = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    for inside in ("<!-- 注释 -->", "a<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"):
        xml = (_HEAD + cell.format("x") + f"<w:p>{inside}</w:p>" + _TAIL).encode("utf-8")
        assert scan_docx(xml) is None
    assert scan_docx((_HEAD + cell.format("<![CDATA[x]]>") + _TAIL).encode("utf-8")) is None


def _rendered_xml() -> bytes:
    return _document_xml(render_docx(random_report(random.Random(7), 0)))


def _most_common_run_properties(xml: bytes) -> bytes:
    blocks = [b"<w:rPr>" + part.split(b"</w:rPr>")[0] + b"</w:rPr>" for part in xml.split(b"<w:rPr>")[1:]]
    return max(set(blocks), key=blocks.count)


def test_folding_recurring_properties_keeps_a_damaged_document_damaged():
    xml = _rendered_xml()
    block = _most_common_run_properties(xml)
    assert xml.count(block) > 100 and scan_docx(xml) == _tree_walk(xml)
    position = xml.rfind(block)
    unclosed = block.replace(b"/>", b">", 1)  # one copy no longer well formed: the others still fold
    assert scan_docx(xml[:position] + unclosed + xml[position + len(block) :]) is None
    # a copy inside an attribute value: a `<` there is an error, and stays one when the copy is folded
    runs = "<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>甲</w:t></w:r>" * 40
    inside_value = (_HEAD + f'<w:p w:rsidR="<w:rPr><w:b/><w:i/></w:rPr>">{runs}</w:p>' + _TAIL).encode()
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(inside_value)
    assert scan_docx(inside_value) is None
    assert scan_docx(inside_value.replace(b'w:rsidR="<w:rPr><w:b/><w:i/></w:rPr>"', b"")) == [
        Paragraph("甲" * 40)
    ]
    # every copy damaged alike (an attribute twice): not folded, so the document is refused
    twice = '<w:r><w:rPr><w:b w:val="1" w:val="0"/></w:rPr><w:t>甲</w:t></w:r>' * 40
    assert scan_docx((_HEAD + f"<w:p>{twice}</w:p>" + _TAIL).encode()) is None


def test_properties_holding_what_the_scan_reads_are_not_folded():
    tabbed = '<w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'
    cell = f"<w:tc><w:p>{tabbed}<w:r>{_RUN_PROPERTIES}<w:t>甲</w:t></w:r></w:p></w:tc>"
    xml = (_HEAD + "<w:tbl>" + f"<w:tr>{cell * 4}</w:tr>" * 10 + "</w:tbl>" + _TAIL).encode("utf-8")
    assert scan_docx(xml) == _tree_walk(xml) == [Row([" 甲"] * 4, 1)] * 10


def test_a_marker_of_what_the_scan_does_not_model_is_found_inside_recurring_properties():
    runs = '<w:r><w:rPr><w:rStyle w:val="customXml"/></w:rPr><w:t>甲</w:t></w:r>' * 40
    assert scan_docx((_HEAD + f"<w:p>{runs}</w:p>" + _TAIL).encode()) is None
    bodies = "<w:r><w:rPr><w:bodyPr/></w:rPr><w:t>甲</w:t></w:r>" * 40  # counted as bodies, as before
    assert scan_docx((_HEAD + f"<w:p>{bodies}</w:p>" + _TAIL).encode()) is None
