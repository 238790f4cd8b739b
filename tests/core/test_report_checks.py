"""The figure checks: identities I1–I3 and T4, N, blank cells, C1, H1, manual overrides."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.report.checks import check_report, finding_cells, identities
from gongkai.core.report.formats import APPLICANT_COLUMN_KEYS, REQUEST_COLUMN_KEYS, get_template
from gongkai.core.report.model import AnnualReport, Cell

from report_samples import city_department_2022, city_department_2023, consolidate, jingkai_2020

NEW = "表三/一、本年新收政府信息公开申请数量"
TOTAL_ROW = "表三/（七）总计"


def codes(findings):
    return {(f.code, f.where) for f in findings}


def set_request(report: AnnualReport, row: str, col: str, value) -> None:
    report.requests[row][col] = Cell.of(value)


@pytest.mark.parametrize("build", [jingkai_2020, city_department_2022, city_department_2023])
def test_clean_reports_have_no_findings(build):
    assert check_report(build()) == []


def test_clean_cross_year_and_consolidated_reports_have_no_findings():
    previous, report = city_department_2022(), city_department_2023()
    assert check_report(report, previous=previous) == []
    children = [city_department_2022(), city_department_2022()]
    assert check_report(consolidate("示范区人民政府", children), children=children) == []


def test_older_and_unknown_templates_are_not_checked():
    assert check_report(AnnualReport(template="older", year=2015)) == []
    assert check_report(AnnualReport()) == []


# (mutation, expected findings as (code, where))
SEEDED = [
    pytest.param(
        lambda r: set_request(r, "new", "natural_person", 75),
        {("identity", "表三/自然人"), ("identity", f"{NEW}/总计")},
        id="new-natural-person",
    ),
    pytest.param(
        lambda r: (set_request(r, "granted", "commercial", 7), set_request(r, "granted", "total", 42)),
        {("identity", f"{TOTAL_ROW}/商业企业"), ("identity", f"{TOTAL_ROW}/总计")},
        id="granted-commercial-with-row-total",
    ),
    pytest.param(
        lambda r: set_request(r, "total", "natural_person", 71),
        {("identity", "表三/自然人"), ("identity", f"{TOTAL_ROW}/自然人"), ("identity", f"{TOTAL_ROW}/总计")},
        id="total-row",
    ),
    pytest.param(
        lambda r: set_request(r, "carried_forward", "total", 8),
        {("identity", "表三/总计"), ("identity", "表三/四、结转下年度继续办理/总计")},
        id="carried-forward-total",
    ),
    pytest.param(
        lambda r: r.appeals.__setitem__("review.total", Cell.of(5)),
        {("identity", "表四/行政复议/总计")},
        id="T4-review",
    ),
    pytest.param(
        lambda r: r.appeals.__setitem__("litigation_after_review.corrected", Cell.of(1)),
        {("identity", "表四/行政诉讼/复议后起诉/总计")},
        id="T4-after-review",
    ),
    pytest.param(
        lambda r: r.appeals.__setitem__("review.other", Cell(Decimal("0.5"), "0.5")),
        {("not-a-number", "表四/行政复议/其他结果"), ("identity", "表四/行政复议/总计")},
        id="N-fraction",
    ),
    pytest.param(
        lambda r: r.proactive.__setitem__("penalty.decisions", Cell(-1, "-1")),
        {("not-a-number", "表二/第二十条第（六）项/行政处罚/本年处理决定数量")},
        id="N-negative-proactive",
    ),
    pytest.param(
        lambda r: r.proactive.__setitem__("fees.amount", Cell(Decimal("-0.5"), "-0.5")),
        {("not-a-number", "表二/第二十条第（八）项/行政事业性收费/本年收费金额（单位：万元）")},
        id="N-negative-amount",
    ),
    pytest.param(
        lambda r: r.requests["new"].__setitem__("total", Cell(None, "")),
        {("blank-cell", f"{NEW}/总计")},
        id="blank-total-is-not-zero",
    ),
    pytest.param(
        lambda r: r.requests["new"].__setitem__("total", Cell(None, "左栏所有总计")),
        set(),
        id="placeholder-left-to-the-reader",
    ),
    pytest.param(
        lambda r: r.requests["granted"].__setitem__(
            "natural_person", Cell(30, "30", manual_reason="补录纸质申请")
        ),
        {("manual", "表三/（一）予以公开/自然人")},
        id="manual",
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), SEEDED)
def test_seeded_defect_gives_exactly_the_expected_findings(mutate, expected):
    report = city_department_2022()
    mutate(report)
    assert codes(check_report(report)) == expected


def test_identity_message_names_the_cells_and_both_sides():
    report = AnnualReport.from_figures(
        "2021",
        2022,
        "某局",
        requests={
            "new": {"natural_person": 74},
            "carried_over": {"natural_person": 1},
            "total": {"natural_person": 70},
            "granted": {"natural_person": 70},
            "carried_forward": {"natural_person": 4},
        },
    )
    (finding,) = [f for f in check_report(report) if f.where == "表三/自然人"]
    assert finding.severity == "error"
    assert (
        finding.message
        == "表三 自然人 列：新收 74 + 上年结转 1 = 75，但 办理结果总计 70 + 结转下年度 4 = 74（I1）"
    )


def test_i2_message_shows_non_zero_terms():
    report = city_department_2022()
    set_request(report, "total", "commercial", 13)
    set_request(report, "total", "total", 93)
    finding = next(f for f in check_report(report) if f.where == f"{TOTAL_ROW}/商业企业")
    assert finding.message == (
        "表三 商业企业 列：（七）总计 13，但各分项 予以公开 6 + 部分公开 2 + 不予公开 7.属于行政执法案卷 1 "
        "+ 无法提供 1.本机关不掌握相关政府信息 3 + 其余各项 0 = 12（I2）"
    )


def test_blank_cell_names_the_identities_it_blocks_and_no_identity_is_guessed():
    report = city_department_2022()
    report.requests["new"]["natural_person"] = Cell(None, "")
    report.requests["new"]["total"] = Cell(None, "")
    findings = check_report(report)
    assert codes(findings) == {("blank-cell", f"{NEW}/自然人"), ("blank-cell", f"{NEW}/总计")}
    assert all(f.severity == "warning" for f in findings)
    assert "I1、I3" in findings[0].message
    assert "空白不按 0 计" in findings[0].message


def test_identity_with_blanks_fails_when_the_present_terms_already_exceed_the_other_side():
    report = city_department_2022()
    report.requests["carried_forward"]["natural_person"] = Cell(None, "")
    set_request(report, "total", "natural_person", 80)
    set_request(report, "total", "total", 102)
    found = {f.where: f for f in check_report(report)}
    i1 = found["表三/自然人"]
    assert i1.code == "identity"
    assert "结转下年度（空白）" in i1.message
    assert "空白项无论填什么都不成立" in i1.message


def test_identity_with_blanks_is_not_evaluated_when_it_could_hold():
    report = city_department_2022()
    report.requests["carried_forward"]["natural_person"] = Cell(None, "")
    assert {f.code for f in check_report(report)} == {"blank-cell"}


def test_signed_change_may_be_negative_in_2019():
    report = jingkai_2020()
    report.proactive["penalty.change"] = Cell(-8, "-8")
    assert check_report(report) == []


# -- C1 -----------------------------------------------------------------------------------------------------------


def test_carry_over_mismatch_is_a_warning_per_column():
    previous, report = city_department_2022(), city_department_2023()
    set_request(previous, "carried_forward", "natural_person", 6)
    findings = check_report(report, previous=previous)
    assert codes(findings) == {("carry-over", "表三/二、上年结转政府信息公开申请数量/自然人")}
    assert findings[0].severity == "warning"
    assert "2022年报告 结转下年度继续办理 为 6" in findings[0].message
    assert "上年结转 5" in findings[0].message


def test_carry_over_not_checked_across_non_consecutive_years_or_blanks():
    previous, report = city_department_2022(), city_department_2023()
    set_request(previous, "carried_forward", "natural_person", 6)
    previous.year = 2020
    assert check_report(report, previous=previous) == []
    previous.year = 2022
    report.requests["carried_over"]["natural_person"] = Cell(None, "")
    assert "carry-over" not in {f.code for f in check_report(report, previous=previous)}


def test_carry_over_across_templates():
    previous = jingkai_2020()
    for col, value in (("natural_person", 1), ("legal_services", 1), ("total", 2)):
        set_request(previous, "carried_forward", col, value)
    report = city_department_2022()
    report.year = 2021
    assert codes(check_report(report, previous=previous)) == set()
    set_request(previous, "carried_forward", "natural_person", 4)
    set_request(previous, "carried_forward", "total", 5)
    assert codes(check_report(report, previous=previous)) == {
        ("carry-over", "表三/二、上年结转政府信息公开申请数量/自然人"),
        ("carry-over", "表三/二、上年结转政府信息公开申请数量/总计"),
    }


# -- H1 -----------------------------------------------------------------------------------------------------------


def test_hierarchy_mismatch_names_the_cell_and_the_sum():
    children = [city_department_2022(), city_department_2023()]
    children[1].year = 2022
    parent = consolidate("示范区人民政府", children)
    parent.proactive["licensing.decisions"] = Cell.of(3000)
    findings = check_report(parent, children=children)
    assert codes(findings) == {("hierarchy", "表二/第二十条第（五）项/行政许可/本年处理决定数量")}
    assert findings[0].severity == "warning"
    assert "汇总报告为 3000，但所汇总的 2 份报告之和为 2942（H1）" in findings[0].message


def test_hierarchy_skips_cells_blank_in_a_child_and_children_of_another_template():
    children = [city_department_2022(), city_department_2022()]
    parent = consolidate("示范区人民政府", children)
    parent.proactive["licensing.decisions"] = Cell.of(1)
    children[0].proactive["licensing.decisions"] = Cell(None, "")
    assert "hierarchy" not in {f.code for f in check_report(parent, children=children)}
    assert check_report(parent, children=[jingkai_2020()]) == []


# -- structure ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("template", "count"), [("2019", 7 + 7 + 23 + 3), ("2021", 7 + 7 + 25 + 3)])
def test_identity_count(template, count):
    assert len(identities(get_template(template))) == count


def test_finding_cells_of_an_identity_are_its_terms():
    report = city_department_2022()
    set_request(report, "new", "natural_person", 75)
    i1 = next(f for f in check_report(report) if f.where == "表三/自然人")
    assert set(finding_cells(report.spec, i1)) == {
        ("requests", row, "natural_person") for row in ("new", "carried_over", "total", "carried_forward")
    }
    blanks = check_report(AnnualReport.from_figures("2021", 2022, "某局", missing=None))
    blank = next(f for f in blanks if f.where == f"{NEW}/自然人")
    assert finding_cells(report.spec, blank) == [("requests", "new", "natural_person")]


# -- properties ---------------------------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=500)


@st.composite
def consistent_2021(draw):
    """Random table 三 figures that satisfy I1–I3, and table 四 figures that satisfy T4."""
    spec = get_template("2021")
    requests: dict[str, dict[str, int]] = {}
    for col in APPLICANT_COLUMN_KEYS:
        results = {row: draw(counts) for row in spec.result_row_keys}
        handled = sum(results.values())
        forward = draw(counts)
        carried = draw(st.integers(0, handled + forward))
        for row, value in results.items():
            requests.setdefault(row, {})[col] = value
        requests.setdefault("carried_forward", {})[col] = forward
        requests.setdefault("carried_over", {})[col] = carried
        requests.setdefault("new", {})[col] = handled + forward - carried
    appeals = {
        f"{g}.{c}": draw(counts) for g in ("review", "litigation_direct") for c in ("upheld", "pending")
    }
    return AnnualReport.from_figures("2021", 2022, "某局", requests=requests, appeals=appeals)


@settings(max_examples=60, deadline=None)
@given(consistent_2021())
def test_consistent_figures_pass(report):
    assert check_report(report) == []


@settings(max_examples=60, deadline=None)
@given(
    consistent_2021(),
    st.sampled_from(get_template("2021").request_row_keys),
    st.sampled_from(REQUEST_COLUMN_KEYS),
    st.integers(1, 9),
)
def test_changing_any_table_three_cell_breaks_an_identity(report, row, col, delta):
    set_request(report, row, col, report.value("requests", row, col) + delta)
    assert "identity" in {f.code for f in check_report(report)}
