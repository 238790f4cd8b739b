"""Value cells, labels and runs of digits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.core.audit import audit_bytes
from gongkai.core.audit.glued import GROUPS_OF_FIVE, ROW_SUM, split_glued
from gongkai.core.audit.structure import parse_date
from gongkai.core.audit.values import parse_cell


@pytest.mark.parametrize(
    "raw, kwargs, value, code",
    [
        ("\u3000\u30000", {}, 0, None),
        ("１２", {}, 12, None),
        ("1,234", {}, 1234, None),
        ("+13", {"signed": True}, 13, None),
        ("-8", {"signed": True}, -8, None),
        ("减8", {"signed": True}, -8, None),
        ("96171.6", {"decimal": True}, Decimal("96171.6"), None),
        ("5000元", {"decimal": True}, Decimal("0.5"), None),
        ("3.5万元", {"decimal": True}, Decimal("3.5"), None),
        ("/", {}, None, None),
        ("-", {}, None, None),
        ("", {}, None, None),
        ("左栏所有总计", {}, None, "placeholder"),
        ("X件", {}, None, "placeholder"),
        ("2020年内作出行政许可项目的总数量", {}, None, "placeholder"),
        ("+（增加数）\n-（减少数）", {"signed": True}, None, "placeholder"),
        ("2020年内作出审批事项决定的总数量100290", {}, 100290, "template-text"),
        ("同上0", {}, 0, "template-text"),
        ("若干", {}, None, "not-a-number"),
    ],
)
def test_parse_cell(raw, kwargs, value, code):
    cell, problem = parse_cell(raw, **kwargs)
    assert cell.value == value
    assert (problem.code if problem else None) == code


def test_glued_digits_split_by_row_identity():
    assert split_glued(["21710000218"], 7, ROW_SUM) == [[217, 1, 0, 0, 0, 0, 218]]
    assert split_glued(["0" * 15], 15, GROUPS_OF_FIVE) == [[0] * 15]
    assert split_glued(["110021000120103"], 15, GROUPS_OF_FIVE) == [
        [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]
    ]
    assert len(split_glued(["1234"], 7, ROW_SUM)) == 0
    assert split_glued(["5", "123.45"], 2, None) == [[5, "123.45"]]
    assert split_glued(["1", "+60"], 3, None, frozenset({1})) == [[1, 6, 0]]
    several = split_glued(["11112"], 3, None)
    assert len(several) > 1


def test_glued_row_in_text():
    lines = [
        "某局2022年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量21710000218",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    report = audit_bytes("\n".join(lines).encode(), "x.txt")
    assert [report.value("requests", "new", c) for c in ("natural_person", "commercial", "total")] == [
        217,
        1,
        218,
    ]
    assert report.requests["new"]["total"].raw == "21710000218"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021年1月27日", "2021-01-27"),
        ("2021-01-27", "2021-01-27"),
        ("二〇二一年一月二十七日", "2021-01-27"),
        ("二〇二二年十二月三日", "2022-12-03"),
        ("没有日期", None),
    ],
)
def test_dates(text, expected):
    found = parse_date(text)
    assert (found.isoformat() if found else None) == expected


def test_labels_with_spaces_full_width_and_numbering():
    rows = [
        "某局2022年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        "申请人情况 | 自然人 | 商业 企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计",
        "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2",
        "（三）不予公开 | 1、属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1",
        "2．其他法律行政法规禁止公开（本单位补充说明） | 0 | 0 | 0 | 0 | 0 | 0 | 0",
        "(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1",
    ]
    report = audit_bytes("\n".join(rows).encode(), "x.txt")
    assert report.value("requests", "withheld.state_secret", "natural_person") == 1
    assert report.value("requests", "withheld.prohibited_by_law", "total") == 0
    assert report.value("requests", "total", "total") == 1
    assert report.value("requests", "new", "total") == 2


def test_older_report():
    text = "某某局2017年政府信息公开工作年度报告\n一、概述\n本年度主动公开信息100条。\n二〇一八年三月一日\n"
    report = audit_bytes(text.encode(), "old.txt")
    assert report.year == 2017
    assert report.template == "older"
    assert not [f for f in report.findings if f.code in ("table-missing", "row-missing")]
