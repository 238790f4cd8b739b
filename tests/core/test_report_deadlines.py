"""The statutory publication date and the `late` finding (core/report/deadlines.py), table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.report.deadlines import (
    DEPARTMENT,
    GOVERNMENT,
    late_findings,
    level_from_name,
    statutory_date,
)

LEVELS = [
    ("淮安市人民政府", GOVERNMENT),
    ("淮安市洪泽区人民政府", GOVERNMENT),
    ("某某县人民政府", GOVERNMENT),
    ("宁夏回族自治区人民政府", GOVERNMENT),
    ("大兴安岭地区行政公署", GOVERNMENT),
    ("苏州工业园区管委会", GOVERNMENT),
    ("某某经济技术开发区管理委员会", GOVERNMENT),
    ("某某高新技术产业开发区管委会", GOVERNMENT),
    ("某某新区管委会", GOVERNMENT),
    ("某某综合实验区管委会", GOVERNMENT),
    ("某某综合实验区管委会经济发展局", DEPARTMENT),
    ("某某新区管委会办公室", DEPARTMENT),
    ("某某片区管理局", DEPARTMENT),
    ("经开区人力资源和社会保障局", DEPARTMENT),
    ("淮安市人民政府办公室", DEPARTMENT),
    ("某某市发展和改革委员会", DEPARTMENT),
    ("某某市卫生健康委", DEPARTMENT),
    ("国家税务总局某某市税务局", DEPARTMENT),
    ("某某局", DEPARTMENT),
    ("某某镇人民政府", None),
    ("某某街道办事处", None),
    ("某某管委会", None),
    ("某某大学", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("name", "level"), LEVELS)
def test_level_from_name(name, level):
    assert level_from_name(name) == level


@pytest.mark.parametrize(
    ("level", "due"),
    [
        (GOVERNMENT, date(2025, 3, 31)),
        (DEPARTMENT, date(2025, 1, 31)),
        ("other", date(2025, 1, 31)),
        (None, date(2025, 3, 31)),
    ],
)
def test_statutory_date(level, due):
    assert statutory_date(2024, level) == due


# (level, published on, guessed) → (severity of the late finding or None, words in its message)
CASES = [
    (DEPARTMENT, date(2025, 1, 31), True, None, ()),
    (DEPARTMENT, date(2025, 2, 1), True, "error", ("2025年1月31日", "逾期1天", "政府部门")),
    (DEPARTMENT, date(2025, 2, 1), False, "error", ("逾期1天",)),
    (GOVERNMENT, date(2025, 3, 20), True, None, ()),
    (GOVERNMENT, date(2025, 4, 2), True, "error", ("2025年3月31日", "逾期2天", "人民政府")),
    (None, date(2025, 1, 20), True, None, ()),
    (None, date(2025, 3, 20), True, "info", ("无法", "3月31日", "1月31日")),
    (None, date(2025, 4, 1), True, "error", ("3月31日", "无法")),
]


@pytest.mark.parametrize(("level", "published", "guessed", "severity", "words"), CASES)
def test_late_findings(level, published, guessed, severity, words):
    found = late_findings(2024, published, level, where="落款日期", guessed=guessed)
    if severity is None:
        assert found == []
        return
    (finding,) = found
    code = "deadline" if severity == "info" else "late"
    assert (finding.code, finding.severity, finding.where) == (code, severity, "落款日期")
    assert finding.evidence == published.isoformat()
    for word in words:
        assert word in finding.message
    if not guessed:
        assert "名称" not in finding.message


def test_nothing_without_a_year_or_a_date():
    assert late_findings(None, date(2025, 5, 1), DEPARTMENT, where="落款日期") == []
    assert late_findings(2024, None, DEPARTMENT, where="落款日期") == []


# agency, published on → codes and severities of the auditor's late findings on the rendered report
AUDITED = [
    ("某某综合实验区管委会", date(2023, 3, 20), []),
    ("某某综合实验区管委会", date(2023, 4, 3), [("late", "error")]),
    ("某某综合实验区管委会经济发展局", date(2023, 3, 20), [("late", "error")]),
    ("某某片区管理局", date(2023, 1, 30), []),
    ("某某镇人民政府", date(2023, 3, 20), [("deadline", "info")]),
]


@pytest.mark.parametrize(("agency", "published", "expected"), AUDITED)
def test_the_auditor_judges_by_the_level_in_the_name(agency, published, expected):
    from dataclasses import replace

    from gongkai.core.audit import audit_bytes
    from gongkai.core.render.html import render_html

    from report_samples import city_department_2022

    report = replace(
        city_department_2022(),
        agency=agency,
        title=f"{agency}2022年政府信息公开工作年度报告",
        published_on=published,
    )
    got = audit_bytes(render_html(report).encode("utf-8"), "report.html")
    assert [(f.code, f.severity) for f in got.findings if f.code in ("late", "deadline")] == expected
