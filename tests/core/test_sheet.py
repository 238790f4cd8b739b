"""Lists as XLSX (`core.render.sheet`): any text goes in (control characters dropped), a text stays a text even
when it looks like a formula, dates and numbers keep their types."""

from __future__ import annotations

import io
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gongkai.core.render.sheet import render_sheets
from gongkai.core.render.text import xml_safe


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_any_text_is_written_and_read_back_xml_safe(texts):
    book = load_workbook(
        io.BytesIO(render_sheets([("台账", [f"列{i}" for i in range(len(texts))], [texts])]))
    )
    row = next(book.active.iter_rows(min_row=2, values_only=True))
    assert [v if v is not None else "" for v in row] == [xml_safe(t) for t in texts]


def test_formulas_stay_text_and_types_are_kept():
    content = render_sheets([("a\x07b", ["文字", "日期", "数量"], [("=SUM(A1:A9)", date(2025, 3, 3), 5)])])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "ab"
    assert sheet["A2"].value == "=SUM(A1:A9)" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value.date() == date(2025, 3, 3) and sheet["C2"].value == 5
    assert sheet["A1"].font.bold
