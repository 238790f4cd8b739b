"""`gongkai report`: every format, the demo's 2020 report with the sample's figures, and wrong arguments."""

from __future__ import annotations

import json

import pytest
from report_records import records_2020

from gongkai import cli
from gongkai.core.render import pdf as pdf_render

pytestmark = pytest.mark.django_db

SAMPLE_2020 = {
    "licensing.prev_items": 1,
    "licensing.change": 6,
    "licensing.decisions": 26,
    "other_services.prev_items": 22,
    "other_services.change": 13,
    "other_services.decisions": 100290,
    "penalty.prev_items": 24,
    "penalty.change": 8,
    "penalty.decisions": 32,
    "coercion.prev_items": 0,
    "coercion.change": 0,
    "coercion.decisions": 0,
    "fees.prev_items": 0,
    "fees.change": 0,
    "procurement.items": 0,
    "procurement.amount": 0,
}


def _run(*args) -> int:
    return cli.main(["report", *map(str, args)])


def test_json_to_stdout_in_the_spec_shape(world, capsys):
    records_2020(world["dept"])
    assert _run("--agency", "dept", "--year", 2020, "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
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
    assert data["year"] == 2020 and data["template"] == "2019"
    assert data["tables"]["requests"]["new"]["total"] == {"value": 4, "raw": "4"}
    assert data["tables"]["proactive"]["licensing.change"] == {"value": 1, "raw": "+1"}
    assert [f for f in data["findings"] if f["severity"] == "error"] == []


@pytest.mark.parametrize(
    ("fmt", "magic"), [("html", b"<!DOCTYPE html"), ("docx", b"PK"), ("xlsx", b"PK"), ("json", b"{")]
)
def test_each_format_to_a_file(world, tmp_path, fmt, magic):
    out = tmp_path / f"report.{fmt}"
    assert _run("--agency", "dept", "--year", 2024, "--format", fmt, "-o", out) == 0
    assert out.read_bytes().lstrip()[: len(magic)].upper() == magic.upper()


def test_pdf_to_a_file(world, tmp_path):
    if not pdf_render.cjk_font_families():
        pytest.skip("no CJK font installed")
    out = tmp_path / "report.pdf"
    assert _run("--agency", "dept", "--year", 2020, "--format", "pdf", "-o", out) == 0
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--agency", "nobody", "--year", 2020), "没有代码为“nobody”的机关"),
        (("--agency", "dept", "--year", 2017), "年度 2017 不在可生成的范围内"),
        (("--agency", "dept", "--year", 9999), "年度 9999 不在可生成的范围内"),
        (("--agency", "dept", "--year", "二〇二〇"), "不是年份"),
        (("--agency", "dept", "--year", 2020, "--format", "doc"), "参数错误"),
    ],
)
def test_bad_arguments_exit_2_with_a_chinese_message(world, capsys, args, message):
    try:
        code = _run(*args)
    except SystemExit as exc:  # argparse's own checks
        code = exc.code
    assert code == 2
    assert message in capsys.readouterr().err


def test_missing_font_for_pdf(world, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf_render, "cjk_font_families", lambda: ())
    out = tmp_path / "report.pdf"
    assert _run("--agency", "dept", "--year", 2020, "--format", "pdf", "-o", out) == 2
    assert "没有找到中文字体" in capsys.readouterr().err
    assert not out.exists()


def test_unwritable_output(world, tmp_path, capsys):
    assert _run("--agency", "dept", "--year", 2020, "-o", tmp_path / "no" / "such" / "dir.json") == 2
    assert "无法写入文件" in capsys.readouterr().err


def test_the_demo_2020_report_has_the_samples_figures(db, capsys, monkeypatch):
    """Done-when of the issue: after loading the demo, the 2020 report of jingkai-rsj gives the sample's figures.
    (Fewer demo applications than `make run` creates, to keep the test fast: they fall in the past year anyway.)"""
    from gongkai.agencies import demo as agencies_demo
    from gongkai.applications import demo as applications_demo
    from gongkai.powers import demo as powers_demo
    from gongkai.reports import demo as reports_demo
    from gongkai.reports.models import AgencyReport

    monkeypatch.setattr(applications_demo, "CASES_PER_AGENCY", 12)
    agencies_demo.load()
    applications_demo.load()
    powers_demo.load()
    reports_demo.load()  # publishes 2020 through the sign-off chain
    reports_demo.load()  # idempotent
    assert AgencyReport.objects.filter(agency__code="jingkai-rsj").count() == 2
    assert AgencyReport.objects.get(agency__code="jingkai-rsj", year=2020).status == "published"
    assert _run("--agency", "jingkai-rsj", "--year", 2020, "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    proactive = {k: c["value"] for k, c in data["tables"]["proactive"].items()}
    assert {k: proactive[k] for k in SAMPLE_2020} == SAMPLE_2020
    assert all(c["value"] == 0 for cols in data["tables"]["requests"].values() for c in cols.values())
    assert all(c["value"] == 0 for c in data["tables"]["appeals"].values())
    assert data["published_on"] == "2021-01-27"
    assert data["template"] == "2019"
    assert [s["heading"] for s in data["sections"]] == [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ]
    assert [f for f in data["findings"] if f["severity"] == "error"] == []
    assert not [f for f in data["findings"] if f["code"] in ("template-text", "placeholder", "late")]
    later = AgencyReport.objects.get(agency__code="jingkai-rsj", year=2025)
    assert later.template == "2021" and later.status == "drafting"
