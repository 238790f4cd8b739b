"""Whatever comes in, the auditor returns a report and never raises (a fuzz run of the readers and of
`audit_bytes`, bounded to well under a minute; the reproducers of issue 14 are kept as explicit examples)."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import docx
from audit_bombs import docx_version_64, xlsx_dimension_everything, xlsx_merge_everything
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gongkai.core.audit import audit_bytes
from gongkai.core.audit.document import UnreadableError
from gongkai.core.audit.readers import read_document
from gongkai.core.render.docx import render_docx
from gongkai.core.render.xlsx import render_xlsx
from gongkai.core.report.model import AnnualReport

from report_samples import city_department_2022

FIXTURES = Path(__file__).parents[1] / "fixtures"
SAMPLE_LINES = (FIXTURES / "2020-jingkai-hrss.txt").read_text(encoding="utf-8").split("\n")
PDF = (FIXTURES / "real" / "2024-huaian-hongze-district.pdf").read_bytes()
REPORT_CHARS = st.sampled_from(
    list(
        "0123456789一二三四五六七、.．（）()|\t \n\u3000\xa0/-+总计合计报告年度政府信息公开申请本年新收上年结转左栏所有"
    )
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _docx_bytes() -> bytes:
    document = docx.Document()
    for line in SAMPLE_LINES[:60]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "一、本年新收政府信息公开申请数量"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX = _docx_bytes()


def _check(report: AnnualReport) -> None:
    assert isinstance(report, AnnualReport)
    report.to_json()
    assert all(f.severity in ("error", "warning", "info") for f in report.findings)


@FAST
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.pdf", "x.docx", "x.html", "x"]))
@example(docx_version_64(), "x.docx")
@example(xlsx_merge_everything(), "x.xlsx")
@example(xlsx_dimension_everything(), "x.xlsx")
@example(b"PK\x03\x04" + b"\x00" * 40, "x.docx")
@example(b"<table>" * 500 + b"<td>" * 500, "x.html")
@example(b"<script>" * 2000, "x.html")
@example(b"<nav><!--" * 1000, "x.html")
def test_random_bytes(data, name):
    _check(audit_bytes(data, name))


def _rezipped(data: bytes, member: int, position: int, noise: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for index, item in enumerate(source.infolist()):
            content = source.read(item)
            if index == member % len(source.infolist()):
                cut = position % (len(content) + 1)
                content = content[:cut] + noise + content[cut + len(noise) :]
            target.writestr(item.filename, content)
    return out.getvalue()


ZIPPED = {"x.docx": render_docx(city_department_2022()), "x.xlsx": render_xlsx(city_department_2022())}


@FAST
@given(
    st.sampled_from(sorted(ZIPPED)),
    st.integers(0, 40),
    st.integers(0, 10**6),
    st.binary(min_size=1, max_size=48) | st.sampled_from([b"<", b"&#0;", b'ref="A1:XFD1048576"', b"]]>"]),
)
def test_damaged_member_of_a_docx_or_xlsx(name, member, position, noise):
    """XML inside a well-formed zip, damaged anywhere: a report or `unreadable`, never an exception."""
    data = _rezipped(ZIPPED[name], member, position, noise)
    _check(audit_bytes(data, name))
    with contextlib.suppress(UnreadableError):  # the reader may refuse it, with a reason, and nothing else
        read_document(data, name)


@FAST
@given(st.sampled_from(sorted(ZIPPED)), st.integers(0, 10**6), st.binary(min_size=1, max_size=8))
def test_damaged_zip_structure(name, position, noise):
    data = ZIPPED[name]
    cut = position % len(data)
    _check(audit_bytes(data[:cut] + noise + data[cut + len(noise) :], name))


@FAST
@given(st.text(REPORT_CHARS, max_size=800))
def test_random_report_like_text(text):
    _check(audit_bytes(text.encode("utf-8"), "x.txt"))


@FAST
@given(st.data())
def test_mutated_sample(data):
    lines = list(SAMPLE_LINES)
    for _ in range(data.draw(st.integers(1, 12))):
        action = data.draw(st.sampled_from(["drop", "dup", "swap", "edit"]))
        index = data.draw(st.integers(0, len(lines) - 1))
        if action == "drop" and len(lines) > 1:
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = data.draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            lines[index] = data.draw(st.text(REPORT_CHARS, max_size=40))
    _check(audit_bytes("\n".join(lines).encode("utf-8"), "x.txt"))


@FAST
@given(st.text(REPORT_CHARS, max_size=300))
def test_random_html(text):
    page = (
        "<html><body><table><tr><td rowspan='0' colspan='99'>"
        + text.replace("\n", "</td><td>")
        + "</td></tr>"
    )
    _check(audit_bytes(page.encode("utf-8"), "x.html"))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, len(DOCX) - 1))
def test_truncated_docx(cut):
    _check(audit_bytes(DOCX[:cut], "x.docx"))


@settings(max_examples=40, deadline=None)
@given(st.integers(1, len(PDF) - 1), st.binary(min_size=1, max_size=64))
def test_truncated_or_damaged_pdf(cut, noise):
    _check(audit_bytes(PDF[:cut], "x.pdf"))
    _check(audit_bytes(PDF[:cut] + noise + PDF[cut + len(noise) :], "x.pdf"))
