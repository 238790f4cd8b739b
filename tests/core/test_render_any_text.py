"""The letter renderers take any stored text: characters XML cannot hold are dropped, the rest is kept."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.letters.docx import render_docx
from gongkai.core.letters.model import Letter
from gongkai.core.letters.pdf import render_html
from gongkai.core.render.text import xml_safe


def _letter(name: str) -> Letter:
    return Letter(
        title="政府信息公开申请答复告知书",
        number="经开人社〔2026〕1号",
        addressee=name,
        paragraphs=(f"{name}：您的申请已收悉。",),
        remedies="",
        agency="甲区人社局",
        on=date(2026, 3, 2),
    )


def test_a_name_with_a_vertical_tab_still_makes_a_letter():
    document = Document(io.BytesIO(render_docx(_letter("张\u000b三\x00\ud800"))))
    assert "张三：" in [p.text for p in document.paragraphs]
    assert "张三" in render_html(_letter("张\u000b三")) and "\u000b" not in render_html(_letter("张\u000b三"))


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=40))
def test_any_text_renders(text):
    document = Document(io.BytesIO(render_docx(_letter(text))))
    assert document.paragraphs
    assert xml_safe(text) == "".join(ch for ch in text if ch == xml_safe(ch))
