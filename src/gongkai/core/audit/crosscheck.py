"""text-vs-table: figures stated in the prose (收到申请75件, 予以公开258件, 权责事项从24项调整为42项) against the table.

Two passes. The phrase rules below catch the wordings seen in published reports; then every other figure of the
prose (`stated.figures`: counts, amounts, percentages) is compared with the cell or the fact of the records it
states (`stated.RULES`). The generator passes those facts (``known``, names in `stated.FACTS`) and treats a
contradiction as an error; the auditor of a published report has only its tables, and keeps the spec's warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal

from gongkai.core.report.formats import APPEALS, PROACTIVE, REQUESTS
from gongkai.core.report.model import AnnualReport, Finding, Number, format_number

from . import stated as stated_figures

_N = r"\s*(\d+)\s*"

# (pattern, where, what the table says, how to compute it)
_Rule = tuple[re.Pattern[str], str, str, Callable[[AnnualReport], int | None]]


def _cell(table: str, key: str, column: str | None = None) -> Callable[[AnnualReport], int | None]:
    return lambda report: report.value(table, key, column)


def _sum(*getters: Callable[[AnnualReport], int | None]) -> Callable[[AnnualReport], int | None]:
    def total(report: AnnualReport) -> int | None:
        values = [g(report) for g in getters]
        return None if any(v is None for v in values) else sum(values)

    return total


_RULES: tuple[_Rule, ...] = (
    (
        re.compile(r"(?:收到|受理|新收|接收|共收到|共受理)[^，。；\d]{0,16}?申请(?:共|总计)?" + _N + "件"),
        "表三/一、本年新收政府信息公开申请数量/总计",
        "本年新收申请",
        _cell(REQUESTS, "new", "total"),
    ),
    (
        re.compile(r"(?<!不)予以公开" + _N + "件"),
        "表三/（一）予以公开/总计",
        "予以公开",
        _cell(REQUESTS, "granted", "total"),
    ),
    (
        re.compile(r"部分公开" + _N + "件"),
        "表三/（二）部分公开（区分处理的，只计这一情形，不计其他情形）/总计",
        "部分公开",
        _cell(REQUESTS, "partial", "total"),
    ),
    (
        re.compile(r"上年(?:度)?结转(?:申请)?" + _N + "件"),
        "表三/二、上年结转政府信息公开申请数量/总计",
        "上年结转",
        _cell(REQUESTS, "carried_over", "total"),
    ),
    (
        re.compile(r"(?:政府信息公开)?行政复议(?:案件)?" + _N + "件"),
        "表四/行政复议/总计",
        "行政复议总计",
        _cell(APPEALS, "review.total"),
    ),
    (
        re.compile(r"(?:政府信息公开)?行政诉讼(?:案件)?" + _N + "件"),
        "表四/行政诉讼/总计",
        "行政诉讼总计（未经复议直接起诉 + 复议后起诉）",
        _sum(_cell(APPEALS, "litigation_direct.total"), _cell(APPEALS, "litigation_after_review.total")),
    ),
)

_POWER_ITEMS = ("licensing", "other_services")
_CHANGE = re.compile(
    r"(?:由|从)(?:之前的|原来的|原)?" + _N + r"项(?:调整|增加|减少|变更|精简)?(?:为|到|至)" + _N + "项"
)
_TOTAL_ITEMS = re.compile(r"(?:共有|现有)权责事项" + _N + "项")
_HANDLED = re.compile(r"办理(?:各类)?事项" + _N + "项")


def text_vs_table(
    report: AnnualReport, prose: str, known: Mapping[str, Number] | None = None
) -> list[Finding]:
    """The figures of ``prose`` that contradict the tables of ``report`` or the facts ``known`` of its records."""
    findings: list[Finding] = []
    text = prose.replace(",", "").replace("\n", "")
    seen: set[tuple[str, int]] = set()
    checked: set[int] = set()  # where the numbers the phrase rules read start
    for pattern, where, label, getter in _RULES:
        table_value = getter(report)
        for match in pattern.finditer(text):
            checked.add(match.start(1))
            if table_value is None:
                continue
            stated = int(match.group(1))
            if stated != table_value and (where, stated) not in seen:
                seen.add((where, stated))
                findings.append(_finding(where, match.group(0), f"{label} {format_number(table_value)}"))
    if report.template == "2019":
        findings += _power_items(report, text)
        checked.update(m.start(1) for p in (_CHANGE, _TOTAL_ITEMS, _HANDLED) for m in p.finditer(text))
    if report.spec is not None:
        findings += _stated(report, text, known or {}, checked)
    return findings


_RULES_BY_UNIT: dict[str, tuple[stated_figures.Rule, ...]] = {
    unit: tuple(r for r in stated_figures.RULES if unit in r.units)
    for unit in {u for r in stated_figures.RULES for u in r.units}
}
"""The rules for each unit, in their order: a figure is tried only against the rules that can apply to it."""


def _stated(report: AnnualReport, text: str, known: Mapping[str, Number], checked: set[int]) -> list[Finding]:
    findings = []
    for figure in stated_figures.figures(text):
        if figure.start in checked:
            continue
        rule = next((r for r in _RULES_BY_UNIT.get(figure.unit, ()) if r.applies(figure)), None)
        if rule is None:
            continue
        actual = rule.value(report, known)
        if actual is None:
            continue
        value = stated_figures.stated_value(figure, rule)
        if stated_figures.agrees(value, actual, figure.unit):
            continue
        shown = Decimal(actual).quantize(Decimal("0.1")) if figure.unit == "%" else actual
        source = "平台记录中" if rule.fact else "表格中"
        message = f"正文称“{figure.phrase}”，但{source}{rule.label} {format_number(shown)}"
        findings.append(Finding.make("text-vs-table", rule.place(report), message, figure.phrase))
    return findings


def _power_items(report: AnnualReport, text: str) -> list[Finding]:
    prev = [report.value(PROACTIVE, f"{k}.prev_items") for k in _POWER_ITEMS]
    change = [report.value(PROACTIVE, f"{k}.change") for k in _POWER_ITEMS]
    decisions = [report.value(PROACTIVE, f"{k}.decisions") for k in _POWER_ITEMS]
    where = "表二/第二十条第（五）项"
    findings = []
    prev_text = " + ".join(
        f"{n} {format_number(v)}" for n, v in zip(("行政许可", "其他对外管理服务事项"), prev, strict=True)
    )
    if all(v is not None for v in prev):
        for match in _CHANGE.finditer(text):
            before = int(match.group(1))
            if before != sum(prev):
                findings.append(
                    _finding(
                        f"{where}/上一年项目数量", match.group(0), f"上一年项目数量 {prev_text} = {sum(prev)}"
                    )
                )
    if all(v is not None for v in prev + change):
        now = sum(prev) + sum(change)
        for match in (*_CHANGE.finditer(text), *_TOTAL_ITEMS.finditer(text)):
            stated = int(match.group(match.lastindex or 1))
            if stated != now:
                findings.append(
                    _finding(f"{where}/本年增/减", match.group(0), f"上一年项目数量加本年增/减 = {now}")
                )
    present = [v for v in decisions if v is not None]
    if present:
        for match in _HANDLED.finditer(text):
            if int(match.group(1)) != sum(present):
                findings.append(
                    _finding(f"{where}/处理决定数量", match.group(0), f"处理决定数量合计 {sum(present)}")
                )
    return findings


def _finding(where: str, stated: str, table: str) -> Finding:
    return Finding.make("text-vs-table", where, f"正文称“{stated}”，但表格中{table}", stated)
