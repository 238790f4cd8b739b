"""Readers: encodings, HTML chrome and merged cells, DOCX merged cells, PDFs, and files that cannot be read."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.audit import audit_bytes
from gongkai.core.audit.document import Paragraph, Row, UnreadableError
from gongkai.core.audit.encoding import decode_text
from gongkai.core.audit.read_html import page_blocks
from gongkai.core.audit.readers import read_document
from gongkai.core.audit.sniff import MAX_BYTES, detect_format

TEXT = "一、总体情况\n本年度收到申请3件。\n"


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_encodings(codec):
    data = TEXT.encode(codec)
    assert decode_text(data) == TEXT
    document = read_document(data, "x.txt")
    assert [b.text for b in document.blocks] == ["一、总体情况", "本年度收到申请3件。"]


def test_one_cell_per_line_with_continuations_and_blank_cells():
    text = (
        "二、主动公开政府信息情况\n\t信息内容\n\t本年新\n制作数量\n\n\t规章\n\t\u3000\u30000\n\t\xa0\n\t5\n"
    )
    blocks = read_document(text.encode(), "x.txt").blocks
    assert blocks[1] == Row(["信息内容", "本年新\n制作数量"])
    assert blocks[2] == Row(["规章", "\u3000\u30000", "\xa0", "5"])


def test_pipe_and_tab_rows():
    blocks = read_document("行政处罚 | 24 | +8 | 32\n行政强制\t0\t0\t0\n".encode(), "x.txt").blocks
    assert blocks == [Row(["行政处罚", "24", "+8", "32"]), Row(["行政强制", "0", "0", "0"])]


GBK_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>x</title><script>var a = "一、总体情况";</script><style>p{}</style></head>
<body><div id="nav"><a>首页</a><a>一、总体情况</a></div><div class="header">网站首页</div>
<div class="content"><h1>某某局2022年政府信息公开工作年度报告</h1><p>一、<b>总体</b>情况</p><p>正文<br>第二行</p>
<table><tr><td rowspan="2" colspan="2">甲</td><td>乙</td></tr><tr><td>丙<table><tr><td>内</td></tr></table></td></tr></table>
</div><div class="footer">版权所有 一、总体情况</div></body></html>"""


def test_html_gbk_chrome_and_spans():
    blocks = read_document(GBK_PAGE.encode("gbk"), "x.html").blocks
    texts = [b.text if isinstance(b, Paragraph) else b.cells for b in blocks]
    assert texts == [
        "某某局2022年政府信息公开工作年度报告",
        "一、总体情况",
        "正文",
        "第二行",
        ["甲", "乙"],
        ["丙"],
        ["内"],  # a table nested in a cell gives its own rows (a page laid out in a table holds the report's)
    ]


def test_docx_merged_cells_and_order():
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    table = document.add_table(rows=3, cols=3)
    top = table.cell(0, 0).merge(table.cell(0, 1))
    top.text = "横向合并"
    table.cell(0, 2).text = "右"
    left = table.cell(1, 0).merge(table.cell(2, 0))
    left.text = "纵向合并"
    for r in (1, 2):
        for c in (1, 2):
            table.cell(r, c).text = f"{r}{c}"
    document.add_paragraph("五、存在的主要问题及改进情况")
    buffer = io.BytesIO()
    document.save(buffer)
    blocks = read_document(buffer.getvalue(), "x.docx").blocks
    assert blocks == [
        Paragraph("一、总体情况"),
        Row(["横向合并", "右"], 1),
        Row(["纵向合并", "11", "12"], 1),
        Row(["21", "22"], 1),
        Paragraph("五、存在的主要问题及改进情况"),
    ]


def _pdf(encrypted: bool = False) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    if encrypted:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"
        )
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypted:
        trailer += b" /Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">]"
    return out + b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "文件为空"),
        (_pdf(encrypted=True), "已加密"),
        (_pdf(), "没有文字层"),
        (b"%PDF-1.7\nnot really", "PDF 已损坏"),
        (_zip({"a.txt": b"x"}), "不是 Word"),
        (b"PK\x03\x04 broken zip", "压缩包已损坏"),
        (_zip({"word/document.xml": b"<w:document"}), "DOCX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "DOC"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "图片"),
        (bytes(range(256)) * 4, "二进制"),
    ],
)
def test_unreadable_files_give_a_reason(data, reason):
    report = audit_bytes(data, "file")
    (finding,) = report.findings
    assert finding.code == "unreadable" and finding.severity == "error"
    assert reason in finding.message
    assert report.template is None


def test_too_large():
    with pytest.raises(UnreadableError, match="文件过大"):
        detect_format(b"x" * (MAX_BYTES + 1))


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"%PDF-1.4", "pdf"),
        (b"<!DOCTYPE html><html></html>", "html"),
        ("纯文本".encode(), "txt"),
        (b"<p>x</p>", "txt"),
    ],
)
def test_type_by_content(data, expected):
    assert detect_format(data, "report.docx") == expected


def test_truncated_docx_is_unreadable():
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()[:2000]
    (finding,) = audit_bytes(data, "x.docx").findings
    assert finding.code == "unreadable"


def test_too_large_file_is_not_loaded(tmp_path):
    from gongkai.core.audit import audit_path

    big = tmp_path / "big.pdf"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    (finding,) = audit_path(big).findings
    assert finding.code == "unreadable" and "文件过大" in finding.message
    (missing,) = audit_path(tmp_path / "nothing.pdf").findings
    assert missing.code == "unreadable" and "无法打开" in missing.message


_HTML_PIECES = [
    "<td>",
    "</td>",
    "<th class='a'>",
    "</th>",
    "<TD>",
    "<tr>",
    "</tr>",
    "<table>",
    "</table>",
    "<p>",
]
_HTML_PIECES += [
    "<span>",
    "</span>",
    "<br>",
    "<td/>",
    "<td colspan=2>",
    "</td >",
    "<nav>",
    "</nav>",
    "<body>",
]
_HTML_PIECES += [
    "<!-- c -->",
    "&amp;",
    "&nbsp;",
    "&am",
    "p;",
    " ",
    "\n",
    "甲",
    "12",
    "x>y",
    "<tda>",
    "</tdx>",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HTML_PIECES), max_size=40))
def test_a_cell_of_text_reads_as_its_tags_one_by_one(pieces):
    """A cell holding only text is one match of the tag pattern; a tag of no consequence after its opening tag
    makes the loop take its tags one by one instead, which must read the same."""
    markup = "".join(pieces)
    one_by_one = re.sub(r"(<t[dh](?:\s[^<>]*)?/?>)", r"\1<b></b>", markup)
    assert page_blocks(markup) == page_blocks(one_by_one)
