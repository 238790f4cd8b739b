"""Real published reports (PDF with text layers broken across lines and pages) and the blank 2021 template.

No expected values came with them; the figures asserted here were read by eye in the PDFs, and every identity
that fails was checked by eye to fail in the document too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.core.audit import audit_path
from gongkai.core.audit.api import audit_bytes
from gongkai.core.report.formats import APPEAL_KEYS, REQUEST_COLUMN_KEYS, get_template

REAL = Path(__file__).parents[1] / "fixtures" / "real"
OTHER_2021 = ("other.no_correction", "other.unpaid_fee", "other.misc")


@pytest.fixture(scope="module")
def city():
    return audit_path(REAL / "2024-huaian-city.pdf")


@pytest.fixture(scope="module")
def hongze_2023():
    return audit_path(REAL / "2023-huaian-hongze-district.pdf")


@pytest.fixture(scope="module")
def hongze_2024():
    return audit_path(
        REAL / "2024-huaian-hongze-district.pdf", previous=REAL / "2023-huaian-hongze-district.pdf"
    )


def codes(report) -> set[str]:
    return {f.code for f in report.findings}


def request_values(report, row):
    return [report.value("requests", row, c) for c in REQUEST_COLUMN_KEYS]


def test_city_metadata(city):
    assert (city.year, city.template) == (2024, "2021")
    assert city.agency == "淮安市人民政府"
    assert city.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert city.published_on is None


def test_city_every_cell_read(city):
    spec = get_template("2021")
    for row in spec.request_row_keys:
        assert all(v is not None for v in request_values(city, row)), row
    assert all(city.value("appeals", k) is not None for k in APPEAL_KEYS)
    assert all(city.value("proactive", k) is not None for k in spec.proactive_keys)


def test_city_figures(city):
    assert request_values(city, "new") == [3001, 53, 0, 0, 61, 4, 3119]
    assert request_values(city, "total") == [2932, 53, 0, 0, 61, 4, 3050]
    # a row whose label breaks across a page footer: （四）无 | 1.… | - 5 - | 法提供 2.…
    assert request_values(city, "unavailable.needs_creation") == [11, 0, 0, 0, 0, 0, 11]
    assert request_values(city, "other.no_correction") == [67, 3, 0, 0, 1, 0, 71]
    assert [city.value("appeals", k) for k in APPEAL_KEYS] == [
        72,
        64,
        178,
        37,
        351,
        13,
        4,
        8,
        1,
        26,
        12,
        1,
        1,
        6,
        20,
    ]
    assert str(city.value("proactive", "fees.amount")) == "96171.6"
    assert city.value("proactive", "penalty.decisions") == 3985758


def test_city_identities_hold(city):
    assert "identity" not in codes(city)
    assert not [f for f in city.findings if f.severity == "error"]
    assert "text-vs-table" not in codes(
        city
    )  # 受理 3119 件, 行政复议 351 件, 行政诉讼 46 件 agree with the tables


def test_city_is_a_government_without_assessment_results(city):
    assert city.agency_kind == "government"
    (missing,) = [f for f in city.findings if f.code == "content-missing"]
    assert missing.where.startswith("五、")


@pytest.mark.parametrize("fixture, year", [("hongze_2023", 2023), ("hongze_2024", 2024)])
def test_hongze_metadata_and_cells(request, fixture, year):
    report = request.getfixturevalue(fixture)
    assert (report.year, report.template) == (year, "2021")
    assert report.agency.endswith("洪泽区人民政府")
    spec = get_template("2021")
    for row in spec.request_row_keys:
        if row in OTHER_2021:
            continue
        assert all(v is not None for v in request_values(report, row)), row
    assert all(report.value("appeals", k) is not None for k in APPEAL_KEYS)


@pytest.mark.parametrize("fixture", ["hongze_2023", "hongze_2024"])
def test_hongze_uses_the_2019_row_for_other_processing(request, fixture):
    """Both reports print the single 2019 row （六）其他处理 in a 2021 table: the three 2021 rows are missing."""
    report = request.getfixturevalue(fixture)
    missing = [f for f in report.findings if f.code == "row-missing"]
    assert len(missing) == 3
    assert all("2019年版格式" in f.message for f in missing)


@pytest.mark.parametrize("fixture", ["hongze_2023", "hongze_2024"])
def test_hongze_misprint_of_a_label(request, fixture):
    report = request.getfixturevalue(fixture)
    typos = [f for f in report.findings if f.code == "typo"]
    assert typos and all("其他法律行政止公开" in f.message for f in typos)
    assert report.value("requests", "withheld.prohibited_by_law", "total") == 0


def test_hongze_2023_table_four_totals_really_fail(hongze_2023):
    """Checked by eye in the PDF: 行政复议 10 1 0 0 with 总计 0, 复议后起诉 5 0 0 0 with 总计 0."""
    identity = [f for f in hongze_2023.findings if f.code == "identity"]
    assert {f.where for f in identity} == {"表四/行政复议/总计", "表四/行政诉讼/复议后起诉/总计"}
    assert all(f.evidence == "T4" for f in identity)
    assert [hongze_2023.value("appeals", k) for k in APPEAL_KEYS[:5]] == [10, 1, 0, 0, 0]


def test_hongze_2024_figures_and_cross_year(hongze_2024):
    assert request_values(hongze_2024, "new") == [95, 0, 0, 0, 0, 0, 95]
    assert [hongze_2024.value("appeals", k) for k in APPEAL_KEYS] == [
        1,
        1,
        0,
        0,
        2,
        1,
        0,
        0,
        0,
        1,
        2,
        0,
        1,
        0,
        3,
    ]
    assert "identity" not in codes(hongze_2024)
    assert "carry-over" not in codes(hongze_2024)  # 2024 上年结转 0 = 2023 结转下年度 0
    # the overview says the office received 17 applications; the table counts 95 new ones
    (mismatch,) = [f for f in hongze_2024.findings if f.code == "text-vs-table"]
    assert "17" in mismatch.evidence and "95" in mismatch.message


def test_blank_template_docx():
    report = audit_path(REAL / "template-2021-blank.docx")
    assert report.template == "2021"
    texts = [f for f in report.findings if f.code == "template-text"]
    assert {(f.where, f.evidence) for f in texts} == {
        ("一、总体情况", "（文字描述）"),
        ("五、存在的主要问题及改进情况", "（文字描述）"),
        ("六、其他需要报告的事项", "（文字描述，收取信息处理费情况在此处报告。）"),
    }
    empty = {f.where for f in report.findings if f.code == "section-empty"}
    assert empty == {"一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"}
    blanks = [f for f in report.findings if f.code == "blank-cell"]
    spec = get_template("2021")
    assert len(blanks) == len(spec.proactive_keys) + len(spec.request_row_keys) * 7 + 15
    assert "identity" not in codes(report) and "row-missing" not in codes(report)


def test_findings_on_a_pdf_carry_their_page():
    """In the real 2024 洪泽区 report the misprinted row label stands on page 3, the prose that contradicts table 三
    on page 1, the 2019-style row （六）其他处理 on page 4; a finding about the whole file (its date) has no page;
    the page survives the JSON round trip."""
    from gongkai.core.report.model import Finding

    data = (Path(__file__).parents[1] / "fixtures" / "real" / "2024-huaian-hongze-district.pdf").read_bytes()
    report = audit_bytes(data, "2024-huaian-hongze-district.pdf")
    assert all(f.evidence is None or f.page for f in report.findings if f.code != "deadline")
    pages = {f.code: f.page for f in report.findings}
    assert (pages["typo"], pages["text-vs-table"], pages["row-missing"]) == (3, 1, 4)
    assert pages["deadline"] is None
    paged = next(f for f in report.findings if f.page)
    assert Finding.from_dict(paged.to_dict()) == paged
