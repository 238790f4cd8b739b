"""The sample report (shared/samples/README.md): everything the auditor must read and find, via the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.core.report.formats import get_template

SAMPLE = Path(__file__).parents[1] / "fixtures" / "2020-jingkai-hrss.txt"
APPEAL_KEYS = [
    f"{g}.{c}"
    for g in ("review", "litigation_direct", "litigation_after_review")
    for c in ("upheld", "corrected", "other", "pending", "total")
]


@pytest.fixture(scope="module")
def sample() -> dict:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["audit", "--json", str(SAMPLE)])
    assert status == 0
    documents = json.loads(out.getvalue())
    assert isinstance(documents, list) and len(documents) == 1
    return documents[0]


def findings(sample: dict, code: str) -> list[dict]:
    return [f for f in sample["findings"] if f["code"] == code]


def test_metadata(sample):
    assert sample["year"] == 2020
    assert sample["template"] == "2019"
    assert sample["published_on"] == "2021-01-27"
    assert sample["title"] == "经开政府信息公开工作年度报告"
    assert "人力资源和社会保障局" in sample["agency"]
    assert set(sample) >= {
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


def test_table_two_figures(sample):
    proactive = sample["tables"]["proactive"]
    assert [proactive[f"other_services.{k}"]["value"] for k in ("prev_items", "change", "decisions")] == [
        22,
        13,
        100290,
    ]
    assert [proactive[f"penalty.{k}"]["value"] for k in ("prev_items", "change", "decisions")] == [24, 8, 32]
    assert proactive["licensing.prev_items"]["value"] == 1
    assert proactive["licensing.change"]["value"] == 6
    assert proactive["other_services.decisions"]["raw"] == "2020年内作出审批事项决定的总数量100290"


def test_table_three_numbers_are_zero_and_totals_blank(sample):
    requests = sample["tables"]["requests"]
    rows = get_template("2019").request_row_keys
    assert list(requests) == list(rows)
    numbers = [c["value"] for row in requests.values() for c in row.values() if c["value"] is not None]
    assert len(numbers) == len(rows) * 7 - 3 and set(numbers) == {0}
    for row in ("new", "carried_over", "granted"):
        assert requests[row]["total"] == {"value": None, "raw": "左栏所有总计"}


def test_table_four_all_zero(sample):
    appeals = sample["tables"]["appeals"]
    assert [appeals[k]["value"] for k in APPEAL_KEYS] == [0] * 15


def test_sections(sample):
    sections = {s["key"]: s for s in sample["sections"]}
    assert [s["key"] for s in sample["sections"]] == [
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other",
    ]
    assert all(sections[k]["found"] for k in ("overview", "proactive", "requests", "appeals", "problems"))
    assert sections["other"]["found"] is False
    assert sections["appeals"]["number"] == "4"


def test_title_finding(sample):
    (title,) = findings(sample, "title")
    assert title["severity"] == "warning"
    assert title["evidence"] == "经开政府信息公开工作年度报告"
    assert "年份" in title["message"] and "人力资源和社会保障局" in title["message"]


def test_placeholders(sample):
    placeholders = {(f["where"], f["evidence"]) for f in findings(sample, "placeholder")}
    assert placeholders == {
        ("表三/一、本年新收政府信息公开申请数量/总计", "左栏所有总计"),
        ("表三/二、上年结转政府信息公开申请数量/总计", "左栏所有总计"),
        ("表三/（一）予以公开/总计", "左栏所有总计"),
        ("表二/第二十条第（五）项/行政许可/处理决定数量", "2020年内作出行政许可项目的总数量"),
        ("表二/第二十条第（八）项/行政事业性收费/本年增/减", "+（增加数） -（减少数）"),
    }
    assert all(f["severity"] == "error" for f in findings(sample, "placeholder"))
    assert sample["tables"]["proactive"]["licensing.decisions"]["value"] is None
    assert sample["tables"]["proactive"]["fees.change"]["value"] is None


def test_template_text_in_table_two(sample):
    by_where = {f["where"]: f["evidence"] for f in findings(sample, "template-text")}
    rules = "表二/第二十条第（一）项/规章"
    documents = "表二/第二十条第（一）项/规范性文件"
    assert by_where[f"{rules}/对外公开总数量"].startswith("此项为历年公开的累计数")
    assert by_where[f"{documents}/对外公开总数量"].startswith("此项为历年公开的累计数")
    assert sample["tables"]["proactive"]["rules.total_published"]["value"] == 0
    assert by_where[rules].startswith("地方行政规章指各省")
    assert by_where[documents].startswith("是指各级人民政府及其派出机关")
    expected_cells = {
        "表二/第二十条第（五）项/其他对外管理服务事项/处理决定数量": "2020年内作出审批事项决定的总数量100290",
        "表二/第二十条第（六）项/行政强制/上一年项目数量": "项目数量0",
        "表二/第二十条第（六）项/行政强制/本年增/减": "同上0",
        "表二/第二十条第（六）项/行政强制/处理决定数量": "2020年内作出强制决定数量0",
        "表二/第二十条第（八）项/行政事业性收费/上一年项目数量": "收费项目数量0",
        "表二/第二十条第（九）项/政府集中采购/采购项目数量": "年内本级财政本单位采购数量0",
        "表二/第二十条第（九）项/政府集中采购/采购总金额": "年内本单位采购总金额0",
    }
    for where, evidence in expected_cells.items():
        assert by_where[where] == evidence


def test_template_text_under_table_three_header_and_in_heading_four(sample):
    texts = findings(sample, "template-text")
    assert any(
        f["where"].startswith("表三") and f["evidence"].startswith("：指2020办理总数+2019年未办结数")
        for f in texts
    )
    assert any(
        f["where"].startswith("四、")
        and f["evidence"] == "（建议咨询本级司法（法制）局或本单位政策法规部门填报）"
        for f in texts
    )


def test_section_numbering_of_four(sample):
    (numbering,) = findings(sample, "section-numbering")
    assert numbering["where"].startswith("四、")
    assert numbering["evidence"].startswith("4、")
    assert "四、" in numbering["message"]


def test_section_six_missing(sample):
    (missing,) = findings(sample, "section-missing")
    assert missing["where"] == "六、其他需要报告的事项"
    assert missing["severity"] == "error"
    assert missing["evidence"] == "六、下一步工作工作措施"


def test_typo_in_heading_six(sample):
    typos = findings(sample, "typo")
    assert any(f["where"].startswith("六、下一步工作工作措施") and "工作工作" in f["evidence"] for f in typos)
    assert all(f["severity"] == "info" for f in typos)


def test_text_vs_table_power_items(sample):
    (mismatch,) = findings(sample, "text-vs-table")
    assert "24" in mismatch["evidence"] and "42" in mismatch["evidence"]
    assert mismatch["where"] == "表二/第二十条第（五）项/上一年项目数量"
    assert "23" in mismatch["message"]


def test_no_false_errors(sample):
    codes = {f["code"] for f in sample["findings"]}
    assert "identity" not in codes
    assert "late" not in codes
    assert "not-a-number" not in codes
    assert "row-missing" not in codes and "table-missing" not in codes
    assert "blank-cell" not in codes
