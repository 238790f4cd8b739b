"""Letters as pure Python: the built-in wording against the 条例, the placeholder syntax, DOCX and PDF output."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date

import pypdfium2
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from gongkai.core.letters import placeholders
from gongkai.core.letters.compose import check_template, compose
from gongkai.core.letters.defaults import OUTCOME_KEYS, default_template
from gongkai.core.letters.docx import render_docx
from gongkai.core.letters.model import Letter, LetterKind
from gongkai.core.letters.pdf import render_html, render_pdf
from gongkai.core.render.pdf import cjk_font_families

LAW = "《中华人民共和国政府信息公开条例》"

# outcome → the article(s) its reply must cite, written out by hand from the 条例 (law.md sections 2–4).
REPLY_ARTICLES = {
    "granted": ["第三十六条第（二）项"],
    "partial": ["第三十七条"],
    "withheld.state_secret": ["第十四条", "第三十六条第（三）项"],
    "withheld.prohibited_by_law": ["第十四条", "第三十六条第（三）项"],
    "withheld.security_stability": ["第十四条", "第三十六条第（三）项"],
    "withheld.third_party": ["第十五条", "第三十六条第（三）项"],
    "withheld.internal_affairs": ["第十六条第一款", "第三十六条第（三）项"],
    "withheld.process_info": ["第十六条第二款", "第三十六条第（三）项"],
    "withheld.enforcement_file": ["第十六条第二款", "第三十六条第（三）项"],
    "withheld.query_matter": ["第三十六条第（七）项"],
    "unavailable.not_held": ["第三十六条第（四）项"],
    "unavailable.needs_creation": ["第三十八条"],
    "unavailable.unclear_after_correction": ["第三十条"],
    "not_processed.petition": ["第三十九条第一款"],
    "not_processed.repeated": ["第三十六条第（六）项"],
    "not_processed.publication": ["第三十九条第二款"],
    "not_processed.excessive": ["第三十五条"],
    "not_processed.confirmation": ["第二十七条"],
    "other.no_correction": ["第三十条"],
    "other.unpaid_fee": ["第四十二条", "国办函〔2020〕109号"],
    "other.misc": ["第三十六条"],
}
# Words each reply must say about its result.
REPLY_WORDS = {
    "granted": "予以公开",
    "partial": "不予公开：",
    "withheld": "不予公开",
    "unavailable.not_held": "不存在",
    "unavailable.needs_creation": "不予提供",
    "unavailable.unclear_after_correction": "仍不明确",
    "not_processed.repeated": "不予重复处理",
    "not_processed.excessive": "不予处理",
    "not_processed": "不作为政府信息公开申请处理",
    "other.no_correction": "视为您放弃申请",
    "other.unpaid_fee": "视为您放弃申请",
    "other.misc": "特此告知",
}
OTHER_ARTICLES = {
    LetterKind.CORRECTION: "第三十条",
    LetterKind.EXTENSION: "第三十三条第二款",
    LetterKind.CONSULTATION_THIRD_PARTY: "第三十二条",
    LetterKind.CONSULTATION_AGENCY: "第三十四条",
    LetterKind.FEE: "第四十二条",
    LetterKind.PERIOD: "第三十五条",
}
VALUES = {name: f"〈{name}〉" for name in placeholders.DESCRIPTIONS}


def _words(outcome: str) -> str:
    return REPLY_WORDS.get(outcome) or REPLY_WORDS[outcome.split(".")[0]]


def _letter(kind=LetterKind.REPLY, outcome="granted", **values) -> Letter:
    return compose(
        default_template(kind, outcome),
        {**VALUES, **values},
        number="甲人社依申〔2025〕0007号",
        addressee="张三",
        agency="甲区人社局",
        on=date(2025, 3, 20),
    )


def test_every_outcome_has_a_reply_and_a_row_here():
    assert set(OUTCOME_KEYS) == set(REPLY_ARTICLES)


@pytest.mark.parametrize("outcome", sorted(REPLY_ARTICLES))
def test_reply_cites_its_article_and_states_the_remedies(outcome):
    template = default_template(LetterKind.REPLY, outcome)
    check_template(LetterKind.REPLY, template)
    letter = _letter(outcome=outcome)
    body = "\n".join(letter.paragraphs)
    assert LAW + REPLY_ARTICLES[outcome][0] in body
    for article in REPLY_ARTICLES[outcome][1:]:
        assert article in body
    assert _words(outcome) in body
    assert "〈申请编号〉" in body and "〈收到日期〉" in body and "〈所需信息〉" in body
    assert "60日内向〈复议机关〉申请行政复议" in letter.remedies
    assert "6个月内向人民法院提起行政诉讼" in letter.remedies
    if outcome == "partial":
        assert "〈不予公开部分〉" in body and "〈决定理由〉" in body
    if outcome.startswith("withheld."):
        assert "〈决定理由〉" in body


@pytest.mark.parametrize("kind", list(OTHER_ARTICLES), ids=str)
def test_other_letters_cite_their_article(kind):
    template = default_template(kind)
    check_template(kind, template)
    letter = _letter(kind, "")
    assert LAW + OTHER_ARTICLES[kind] in "\n".join(letter.paragraphs)
    # only the fee notice, which imposes a charge, states remedies among the notices of a step
    assert bool(letter.remedies) is (kind is LetterKind.FEE)


def test_consultation_letters_do_not_name_the_applicant():
    for kind in (LetterKind.CONSULTATION_AGENCY, LetterKind.CONSULTATION_THIRD_PARTY):
        assert "申请人" not in placeholders.ALLOWED[kind]
        with pytest.raises(placeholders.TemplateError, match="不能识别的占位符：{申请人}"):
            template = default_template(kind)
            check_template(kind, type(template)(template.title, template.body + "\n{申请人}", ""))


def test_placeholders_fill_and_escape():
    assert placeholders.fill("{{申请人}}：{申请人}", {"申请人": "张三"}) == "{申请人}：张三"
    assert placeholders.names("{ 申请编号 }与{日期}") == ["申请编号", "日期"]


@pytest.mark.parametrize(
    "text,message",
    [
        ("{申请人姓名}", "不能识别的占位符：{申请人姓名}"),
        ("{applicant.__class__}", "不能识别的占位符"),
        ("{申请人", "花括号不成对"),
        ("申请人}", "花括号不成对"),
    ],
)
def test_bad_placeholders_are_refused_in_chinese(text, message):
    with pytest.raises(placeholders.TemplateError, match=message) as info:
        placeholders.check(text, placeholders.ALLOWED[LetterKind.REPLY])
    if "不能识别" in message:
        assert "可用的占位符" in str(info.value) and "{申请编号}" in str(info.value)


def test_a_template_needs_a_title_and_a_body():
    template = default_template(LetterKind.CORRECTION)
    with pytest.raises(placeholders.TemplateError, match="不能为空"):
        check_template(LetterKind.CORRECTION, type(template)("", template.body, ""))
    with pytest.raises(placeholders.TemplateError, match="救济途径：不能识别的占位符：{收费金额}"):
        check_template(LetterKind.CORRECTION, type(template)("补正", "正文", "{收费金额}"))


def test_letter_round_trips_through_a_dict():
    letter = _letter()
    assert Letter.from_dict(letter.to_dict()) == letter
    assert letter.text().splitlines()[-1] == "2025年3月20日"


@pytest.mark.parametrize("kind", list(LetterKind), ids=str)
def test_docx_in_gongwen_layout(kind):
    letter = _letter(kind, "partial" if kind is LetterKind.REPLY else "")
    document = Document(io.BytesIO(render_docx(letter)))
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin)
    sizes += (section.left_margin, section.right_margin)
    assert [round(size.mm) for size in sizes] == [210, 297, 37, 35, 28, 26]
    paragraphs = [p for p in document.paragraphs if p.text]
    title = paragraphs[0]
    assert title.text == letter.title
    assert title.runs[0].font.size == Pt(22)
    assert title.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert paragraphs[1].text == letter.number
    assert paragraphs[2].text == "张三：" or kind.value.startswith("consultation")
    body = [p for p in paragraphs if p.text in letter.all_paragraphs]
    assert len(body) == len(letter.all_paragraphs)
    for paragraph in body:
        run = paragraph.runs[0]
        assert run.font.size == Pt(16)
        assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
        assert paragraph.paragraph_format.first_line_indent == Pt(32)
    assert [p.text for p in paragraphs[-3:]] == ["甲区人社局", "（盖章）", "2025年3月20日"]
    assert all(p.alignment == 2 for p in paragraphs[-3:])  # right
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer


def test_docx_font_table_declares_substitutes():
    with zipfile.ZipFile(io.BytesIO(render_docx(_letter()))) as archive:
        fonts = etree.fromstring(archive.read("word/fontTable.xml"))
    alt = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in fonts.findall(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert alt["仿宋_GB2312"] == "仿宋" and alt["方正小标宋简体"] == "宋体"


def test_html_escapes_the_text():
    letter = _letter(outcome="partial", **{"决定理由": "<script>"})
    assert "<script>" not in render_html(letter) and "&lt;script&gt;" in render_html(letter)


needs_cjk = pytest.mark.skipif(not cjk_font_families(), reason="no CJK font: apt-get install fonts-noto-cjk")


@needs_cjk
@pytest.mark.roundtrip
@pytest.mark.parametrize("kind", list(LetterKind), ids=str)
def test_pdf_text_extracts_in_chinese(kind):
    letter = _letter(kind, "withheld.third_party" if kind is LetterKind.REPLY else "")
    pdf = pypdfium2.PdfDocument(render_pdf(letter))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    flat = "".join(text.split())
    assert letter.title in flat
    assert "".join(letter.paragraphs[0].split())[:30] in flat
    assert "2025年3月20日" in flat
    width, height = pdf[0].get_size()
    pdf.close()
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)


@needs_cjk
@pytest.mark.roundtrip
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils is not installed")
def test_pdf_embeds_its_fonts(tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(render_pdf(_letter()))
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    fonts = lines[2:]
    assert fonts and any("CJK" in line for line in fonts)
    assert all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column


@pytest.mark.roundtrip
@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed: apt-get install libreoffice-writer"
)
def test_libreoffice_converts_the_docx_to_pdf(tmp_path):
    source = tmp_path / "letter.docx"
    source.write_bytes(render_docx(_letter(LetterKind.REPLY, "partial")))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = tmp_path / "letter.pdf"
    assert converted.exists(), result.stderr
    pdf = pypdfium2.PdfDocument(str(converted))
    text = "".join("".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf)))
    pdf.close()
    assert "政府信息公开申请答复告知书" in text and "行政复议" in text
