"""The report model: the JSON shape of spec section 7, round trips, building from figures."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from gongkai.core.report.formats import APPEAL_KEYS, REQUEST_COLUMN_KEYS, get_template
from gongkai.core.report.model import SEVERITIES, AnnualReport, Cell, Finding, Section, format_number

from report_samples import city_department_2022, jingkai_2020

SPEC_CODES = {
    "unreadable": "error",
    "table-missing": "error",
    "row-missing": "error",
    "identity": "error",
    "placeholder": "error",
    "not-a-number": "error",
    "blank-cell": "warning",
    "template-text": "warning",
    "section-missing": "error",
    "section-numbering": "warning",
    "section-heading": "info",
    "title": "warning",
    "template-mismatch": "error",
    "late": "error",
    "carry-over": "warning",
    "hierarchy": "warning",
    "text-vs-table": "warning",
    "typo": "info",
    "section-empty": "error",
    "content-missing": "warning",
    "similar-to-previous": "warning",
    "uncertain": "warning",
    "manual": "info",
}


def test_severities_are_the_spec_table():
    assert SEVERITIES == SPEC_CODES


def test_finding_make_takes_the_severity_of_its_code():
    finding = Finding.make("placeholder", "表三/一、本年新收政府信息公开申请数量/总计", "…", "左栏所有总计")
    assert finding.to_dict() == {
        "code": "placeholder",
        "severity": "error",
        "where": "表三/一、本年新收政府信息公开申请数量/总计",
        "message": "…",
        "evidence": "左栏所有总计",
    }


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (Cell(0, "0"), {"value": 0, "raw": "0"}),
        (Cell(None, ""), {"value": None, "raw": ""}),
        (Cell(None, "左栏所有总计"), {"value": None, "raw": "左栏所有总计"}),
        (Cell(217, "21710000218", uncertain=True), {"value": 217, "raw": "21710000218", "uncertain": True}),
        (Cell(Decimal("12.35"), "12.35"), {"value": 12.35, "raw": "12.35"}),
    ],
)
def test_cell_json(cell, expected):
    assert cell.to_dict() == expected


def test_json_shape_is_spec_section_7():
    report = jingkai_2020()
    report.source = "2020-jingkai-hrss.txt"
    data = json.loads(report.to_json())
    assert set(data) == {
        "source",
        "title",
        "agency",
        "year",
        "template",
        "published_on",
        "sections",
        "tables",
        "findings",
    }
    assert data["year"] == 2020
    assert data["template"] == "2019"
    assert data["published_on"] == "2021-01-27"
    assert data["sections"][0] == {"key": "overview", "number": "一", "heading": "总体情况", "found": True}
    assert set(data["tables"]) == {"proactive", "requests", "appeals"}
    assert data["tables"]["proactive"]["other_services.decisions"] == {"value": 100290, "raw": "100290"}
    assert data["tables"]["proactive"]["licensing.change"] == {"value": 6, "raw": "+6"}
    assert data["tables"]["requests"]["new"]["natural_person"] == {"value": 0, "raw": "0"}
    assert data["tables"]["appeals"]["review.upheld"] == {"value": 0, "raw": "0"}
    assert data["findings"] == []


def test_decimal_is_a_json_number():
    text = city_department_2022().to_json(indent=None)
    assert '"fees.amount": {"value": 12.35, "raw": "12.35"}' in text


@pytest.mark.parametrize("build", [jingkai_2020, city_department_2022])
def test_round_trip_extended(build):
    report = build()
    report.findings = [Finding.make("manual", "表四/行政复议/总计", "人工修改")]
    report.proactive["rules.issued" if report.template == "2021" else "rules.made"] = Cell(
        3, "3", manual_reason="补录"
    )
    again = AnnualReport.from_dict(json.loads(report.to_json(extended=True)))
    assert again == report


def test_round_trip_spec_shape_keeps_everything_but_prose_and_kind():
    report = city_department_2022()
    again = AnnualReport.from_json(report.to_json())
    assert again.tables == report.tables
    assert isinstance(again.proactive["fees.amount"].value, Decimal)
    assert [s.key for s in again.sections] == [s.key for s in report.sections]
    assert again.prose("overview") == ""
    assert again.agency_kind is None


def test_from_dict_reads_blank_and_uncertain_cells():
    data = {
        "source": "x.txt",
        "title": None,
        "agency": None,
        "year": None,
        "template": None,
        "published_on": None,
        "sections": [],
        "tables": {"requests": {"new": {"total": {"value": None, "raw": "左栏所有总计"}}}},
        "findings": [{"code": "unreadable", "severity": "error", "where": "", "message": "加密的文件"}],
    }
    report = AnnualReport.from_dict(data)
    assert report.cell("requests", "new", "total") == Cell(None, "左栏所有总计")
    assert report.spec is None
    assert report.findings[0].evidence is None


def test_from_figures_fills_every_cell_and_derives_totals():
    report = city_department_2022()
    spec = get_template("2021")
    assert set(report.proactive) == set(spec.proactive_keys)
    assert set(report.requests) == set(spec.request_row_keys)
    assert all(set(cols) == set(REQUEST_COLUMN_KEYS) for cols in report.requests.values())
    assert set(report.appeals) == set(APPEAL_KEYS)
    assert report.value("requests", "new", "total") == 97
    assert report.value("requests", "total", "natural_person") == 70
    assert report.value("requests", "total", "total") == 92
    assert report.value("appeals", "review.total") == 4
    assert report.title == "淮安市示范区市场监督管理局2022年政府信息公开工作年度报告"
    assert [s.heading for s in report.sections][4] == "存在的主要问题及改进情况"


def test_from_figures_keeps_given_totals_and_blanks():
    report = AnnualReport.from_figures(
        "2021",
        2022,
        "某局",
        requests={"new": {"natural_person": 3, "total": 5}},
        appeals={"review.upheld": None},
        missing=None,
    )
    assert report.value("requests", "new", "total") == 5
    assert report.cell("requests", "granted", "natural_person") == Cell(None, "")
    assert report.value("requests", "total", "natural_person") is None
    assert report.value("appeals", "review.total") is None


def test_from_figures_rejects_unknown_keys():
    with pytest.raises(KeyError):
        AnnualReport.from_figures("2021", 2022, "某局", requests={"other": {"natural_person": 1}})
    with pytest.raises(KeyError):
        AnnualReport.from_figures("2019", 2020, "某局", proactive={"rules.issued": 1})


@pytest.mark.parametrize(
    ("value", "text"), [(None, ""), (0, "0"), (-8, "-8"), (Decimal("12.50"), "12.5"), (Decimal("3"), "3")]
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_section_template_and_prose_access():
    report = AnnualReport(
        sections=[Section.template("other", "本年度未收取信息处理费。")], published_on=date(2021, 1, 2)
    )
    assert report.section("other").heading == "其他需要报告的事项"
    assert report.prose("other") == "本年度未收取信息处理费。"
    assert report.prose("overview") == ""
