"""Rendered reports read back: every format gives the same numbers and no error; seeded defects are all found.

The reports come from report_samples (clean, identity-consistent figures of both templates); the renderers are
core/render (HTML with merged cells, DOCX, PDF through WeasyPrint) and the auditor's own text layouts (one cell
per line, ` | ` rows, tab rows, digits run together).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from gongkai.core.audit import audit_bytes
from gongkai.core.audit.textforms import render_text
from gongkai.core.render.docx import render_docx
from gongkai.core.render.html import render_html
from gongkai.core.render.xlsx import render_xlsx
from gongkai.core.report.model import AnnualReport, Cell

from report_samples import city_department_2022, city_department_2023, consolidate, jingkai_2020
from support import formats

Edit = Callable[[str], str]


def _identity(text: str) -> str:
    return text


def _edit_docx(data: bytes, edit: Edit) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


RENDERERS: dict[str, Callable[[AnnualReport, Edit], tuple[bytes, str]]] = {
    "html": lambda r, e: (e(render_html(r)).encode("utf-8"), "report.html"),
    "html-gbk": lambda r, e: (
        e(render_html(r)).replace('charset="utf-8"', 'charset="gbk"').encode("gb18030"),
        "report.htm",
    ),
    "docx": lambda r, e: (_edit_docx(render_docx(r), e), "report.docx"),
    "pdf": lambda r, e: (_pdf(e(render_html(r))), "report.pdf"),
    "xlsx": lambda r, e: (_unedited(render_xlsx(r), e), "report.xlsx"),
    "cells": lambda r, e: (e(render_text(r, "cells")).encode("utf-8"), "report.txt"),
    "pipes": lambda r, e: (e(render_text(r, "pipes")).encode("gb18030"), "report.txt"),
    "tabs": lambda r, e: (e(render_text(r, "tabs")).encode("utf-16"), "report.txt"),
    "glued": lambda r, e: (e(render_text(r, "glued")).encode("utf-8"), "report.txt"),
}
FORMATS = formats(*RENDERERS)
SAMPLES = {
    "jingkai_2020": jingkai_2020,
    "city_2022": city_department_2022,
    "city_2023": city_department_2023,
    "government_2022": lambda: replace(
        consolidate("淮安市示范区人民政府", [city_department_2022()]),
        published_on=date(2023, 3, 20),
    ),
}


def _unedited(data: bytes, edit: Edit) -> bytes:
    """Text edits do not apply to a workbook: XLSX takes part in the clean round trip only."""
    assert edit is _identity
    return data


def audit(report: AnnualReport, fmt: str, edit: Edit = _identity) -> AnnualReport:
    data, name = RENDERERS[fmt](report, edit)
    return audit_bytes(data, name)


def cell_values(report: AnnualReport) -> dict:
    values = {("proactive", k): c.value for k, c in report.proactive.items()}
    values |= {("appeals", k): c.value for k, c in report.appeals.items()}
    values |= {("requests", r, k): c.value for r, cols in report.requests.items() for k, c in cols.items()}
    return values


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sample", list(SAMPLES))
def test_clean_report_reads_back(sample, fmt):
    original = SAMPLES[sample]()
    got = audit(original, fmt)
    assert (got.year, got.template, got.published_on) == (
        original.year,
        original.template,
        original.published_on,
    )
    assert got.agency == original.agency
    errors = [f for f in got.findings if f.severity == "error"]
    assert errors == []
    if fmt == "glued":
        # table 二 has no identity to split run-together digits with: an ambiguous row is flagged, not guessed;
        # tables 三 and 四 are split exactly with I1–I3 and T4
        uncertain = {f.where for f in got.findings if f.code == "uncertain"}
        assert all(w.startswith("表二") for w in uncertain)
        certain = {k for k, c in got.proactive.items() if not c.uncertain}
        expected = {k: v for k, v in cell_values(original).items() if k[0] != "proactive" or k[1] in certain}
        assert {
            k: v for k, v in cell_values(got).items() if k[0] != "proactive" or k[1] in certain
        } == expected
        return
    assert [f for f in got.findings if f.severity == "warning" and f.code != "content-missing"] == []
    assert cell_values(got) == cell_values(original)


def _with_request(report: AnnualReport, row: str, column: str, cell: Cell) -> AnnualReport:
    report.requests[row][column] = cell
    return report


def _bump(report: AnnualReport) -> AnnualReport:
    old = report.requests["new"]["natural_person"].value
    return _with_request(report, "new", "natural_person", Cell.of(old + 1))


def _with_prose(key: str, extra: str) -> Callable[[AnnualReport], AnnualReport]:
    def mutate(report: AnnualReport) -> AnnualReport:
        section = report.section(key)
        section.text = section.text + "\n" + extra
        return report

    return mutate


def _late(report: AnnualReport) -> AnnualReport:
    return replace(report, published_on=date(report.year + 1, 3, 5))


def _blank(report: AnnualReport) -> AnnualReport:
    report.proactive["penalty.decisions"] = Cell(None, "")
    return report


def _placeholder(report: AnnualReport) -> AnnualReport:
    return _with_request(report, "granted", "total", Cell(None, "左栏所有总计"))


def _wrong_year(report: AnnualReport) -> AnnualReport:
    return replace(
        report, year=2020, title=report.title.replace("2022", "2020"), published_on=date(2021, 1, 20)
    )


def _numbering(text: str) -> str:
    return text.replace("四、政府信息公开行政复议", "4、政府信息公开行政复议", 1)


def _missing_six(text: str) -> str:
    return text.replace("六、其他需要报告的事项", "六、下一步工作措施", 1)


# name: (mutate the report, edit the rendering, expected code, test on where)
DEFECTS: dict[str, tuple] = {
    "identity": (_bump, _identity, "identity", lambda w: w.startswith("表三")),
    "placeholder": (_placeholder, _identity, "placeholder", lambda w: w == "表三/（一）予以公开/总计"),
    "template-text": (
        _with_prose("overview", "（文字描述）"),
        _identity,
        "template-text",
        lambda w: w == "一、总体情况",
    ),
    "section-numbering": (None, _numbering, "section-numbering", lambda w: w.startswith("四、")),
    "section-missing": (None, _missing_six, "section-missing", lambda w: w == "六、其他需要报告的事项"),
    "late": (_late, _identity, "late", lambda w: True),
    "blank-cell": (
        _blank,
        _identity,
        "blank-cell",
        lambda w: w == "表二/第二十条第（六）项/行政处罚/本年处理决定数量",
    ),
    "text-vs-table": (
        _with_prose("overview", "全年共收到政府信息公开申请999件。"),
        _identity,
        "text-vs-table",
        lambda w: w.startswith("表三/一、本年新收"),
    ),
    "typo": (
        _with_prose("problems", "下一步将加强工作工作质量。"),
        _identity,
        "typo",
        lambda w: w.startswith("五、"),
    ),
    "template-mismatch": (_wrong_year, _identity, "template-mismatch", lambda w: True),
}


@pytest.mark.parametrize("fmt", formats("html", "docx", "pdf", "cells", "pipes", "glued"))
@pytest.mark.parametrize("defect", list(DEFECTS))
def test_seeded_defect_is_found(defect, fmt):
    mutate, edit, code, where_ok = DEFECTS[defect]
    report = city_department_2022()
    if mutate:
        report = mutate(report)
    got = audit(report, fmt, edit)
    if defect == "blank-cell" and fmt == "glued":
        # a blank cell leaves no trace in digits run together: the row is reported short
        assert any(f.code == "row-missing" and "行政处罚" in f.where for f in got.findings)
        return
    if defect == "placeholder" and fmt == "glued":
        # text inside digits run together cannot be told apart: the row is reported, not guessed
        assert any(f.code == "row-missing" and "予以公开" in f.where for f in got.findings)
        return
    found = [f for f in got.findings if f.code == code]
    assert found, [(f.code, f.where) for f in got.findings]
    assert any(where_ok(f.where) for f in found), [(f.code, f.where) for f in found]


def test_late_message_says_the_kind_was_guessed():
    got = audit(_late(city_department_2022()), "html")
    (late,) = [f for f in got.findings if f.code == "late"]
    assert "推断" in late.message and "2023年1月31日" in late.message


def test_government_has_until_march():
    report = SAMPLES["government_2022"]()
    got = audit(report, "html")
    assert got.agency_kind == "government"
    assert "late" not in {f.code for f in got.findings}
    got = audit(replace(report, published_on=date(2023, 4, 2)), "html")
    assert "3月31日" in next(f for f in got.findings if f.code == "late").message


def test_carry_over_across_years_in_text():
    from gongkai.core.audit.api import read_report

    before = read_report(render_html(city_department_2022()).encode(), "2022.html")
    after = city_department_2023()
    after.requests["carried_over"]["natural_person"] = Cell.of(99)
    got = audit_bytes(render_html(after).encode(), "2023.html", previous=before)
    assert any(f.code == "carry-over" for f in got.findings)


def test_similar_to_previous():
    from gongkai.core.audit.api import read_report

    report = city_department_2022()
    before = read_report(render_html(report).encode(), "2022.html")
    again = replace(
        report, year=2023, title=report.title.replace("2022", "2023"), published_on=date(2024, 1, 20)
    )
    got = audit_bytes(render_html(again).encode(), "2023.html", previous=before)
    (similar,) = [f for f in got.findings if f.code == "similar-to-previous"]
    assert similar.evidence == "100%"


def test_hierarchy_with_children():
    child = city_department_2022()
    parent = consolidate("淮安市示范区人民政府", [child, child])
    parent.requests["granted"]["natural_person"] = Cell.of(
        parent.requests["granted"]["natural_person"].value + 5
    )
    got = audit_bytes(render_html(parent).encode(), "gov.html", children=[child, child])
    assert any(f.code == "hierarchy" for f in got.findings)


def test_glued_row_with_several_readings_is_uncertain():
    text = render_text(city_department_2022(), "glued")
    got = audit_bytes(text.encode(), "glued.txt")
    uncertain = [f for f in got.findings if f.code == "uncertain"]
    assert uncertain
    for finding in uncertain:
        assert re.fullmatch(r"\d+", finding.evidence)
    cells = [c for c in got.proactive.values() if c.uncertain]
    assert cells and all(c.raw for c in cells)


@pytest.mark.roundtrip
def test_blank_cells_in_a_pdf_are_placed_by_position():
    report = city_department_2022()
    report.proactive["normative_documents.repealed"] = Cell(None, "")
    report.requests["new"]["commercial"] = Cell(None, "")
    report.appeals["review.other"] = Cell(None, "")
    got = audit(report, "pdf")
    blanks = {f.where for f in got.findings if f.code == "blank-cell"}
    assert blanks == {
        "表二/第二十条第（一）项/行政规范性文件/本年废止件数",
        "表三/一、本年新收政府信息公开申请数量/商业企业",
    }
    assert got.value("proactive", "normative_documents.in_force") == 27
    assert [got.value("requests", "new", c) for c in ("natural_person", "research", "total")] == [74, 2, 97]
    # table 四 is a single row: no complete row to take column positions from, so it is reported short
    assert any(f.code == "row-missing" and f.where == "表四" for f in got.findings)


@pytest.mark.parametrize("fmt", formats("html", "docx", "pdf", "xlsx"))
@pytest.mark.parametrize(
    ("sample", "row"),
    [(city_department_2023, "fees.amount"), (jingkai_2020, "procurement.items")],
)
def test_blank_last_row_of_table_two_is_blank_not_missing(sample, row, fmt):
    """The last row of table 二 with every cell blank (an agency with no fee list): in a PDF it is just its
    label, with the next section after it; it must read as blank cells, as in the other formats."""
    report = sample()
    group = row.split(".")[0]
    for key in [k for k in report.proactive if k.startswith(f"{group}.")]:
        report.proactive[key] = Cell(None, "")
    got = audit(report, fmt)
    assert not [f for f in got.findings if f.severity == "error"], got.findings
    assert {f.code for f in got.findings} == {"blank-cell"}


def test_page_saved_from_a_government_site():
    """tests/fixtures/audit/2020-jingkai-hrss-site.htm: the generated sample inside a GBK portal page with a
    navigation bar, breadcrumbs, scripts, a share bar and a footer that mention section headings and a date."""
    from pathlib import Path

    from gongkai.core.audit import audit_path

    page = Path(__file__).parents[1] / "fixtures" / "audit" / "2020-jingkai-hrss-site.htm"
    got = audit_path(page)
    original = jingkai_2020()
    assert got.findings == []
    assert got.title == "经开区人力资源和社会保障局2020年政府信息公开工作年度报告"
    assert got.published_on == date(2021, 1, 27)
    assert cell_values(got) == cell_values(original)
