"""The table reader's two ways agree: the quick reading of regular rows gives what the token reading gives."""

from __future__ import annotations

import random

import pytest

from gongkai.core.audit import tables
from gongkai.core.audit.readers import read_document
from gongkai.core.audit.recognise import _regions
from gongkai.core.audit.samples import random_report
from gongkai.core.audit.structure import find_headings
from gongkai.core.audit.tokens import table_tokens
from gongkai.core.render.docx import render_docx
from gongkai.core.render.html import render_html
from gongkai.core.report.formats import PROACTIVE, REQUESTS


def _both(blocks, table, specs):
    quick = tables._read_regular_rows(table, blocks, specs)
    general = tables.TableResult()
    tables._read_rows(table, table_tokens(blocks, tuple(p for s in specs for p in s.phrases)), specs, general)
    return quick, general


@pytest.mark.parametrize("render", [lambda r: render_html(r).encode(), render_docx], ids=["html", "docx"])
def test_regular_rows_read_as_the_tokens_read_them(render):
    rng = random.Random(14)
    for number in range(12):
        report = random_report(rng, number)
        document = read_document(render(report), "x.docx" if render is render_docx else "x.html")
        spans = _regions(document.blocks, find_headings(document.blocks))
        for table, specs in (
            (PROACTIVE, tables.proactive_row_specs(report.spec)),
            (REQUESTS, tables.request_row_specs(report.spec)),
        ):
            start, end = spans[table]
            quick, general = _both(document.blocks[start:end], table, specs)
            if quick is None:
                assert table == PROACTIVE  # a decimal or signed value of table 二 takes the general way
                continue
            for field in ("cells", "labels", "other_labels", "issues", "short_rows", "found"):
                assert getattr(quick, field) == getattr(general, field), (number, table, field)


def test_an_irregular_row_is_left_to_the_tokens():
    from gongkai.core.audit.document import Row
    from gongkai.core.report.formats import get_template

    specs = tables.request_row_specs(get_template("2021"))
    blank = [Row(["一、本年新收政府信息公开申请数量", "1", "", "0", "0", "0", "0", "1"])]
    glued = [Row(["一、本年新收政府信息公开申请数量", "1000001"])]
    assert tables._read_regular_rows(REQUESTS, blank, specs) is None
    assert tables._read_regular_rows(REQUESTS, glued, specs) is None
