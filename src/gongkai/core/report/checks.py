"""Checks on the figures of an annual report: I1, I2, I3, T4, N, C1, H1 (spec section 5), blank and manual cells.

Blank is not zero. A cell counts as *present* when its value is a number. An identity whose terms are all present
is evaluated exactly. An identity with blank terms is not taken as holding or failing on a guess: it is evaluated
only as a bound — all cells are non-negative, so when one side is complete and the present terms of the other side
already exceed it, it fails whatever the blanks hold; otherwise it is skipped. Every blank cell (no text at all)
gives a ``blank-cell`` warning that names the identities it kept from being checked. A cell that holds text which
is not a number (placeholder, template text, ``/``) has ``value=None`` too; the reader that found it reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from gongkai.core.report import formats
from gongkai.core.report.formats import APPEALS, PROACTIVE, REQUESTS, Template
from gongkai.core.report.model import AnnualReport, Cell, Finding, Number, format_number

CellRef = tuple[str, str, str | None]  # (table, key, column)


@dataclass(frozen=True)
class Term:
    ref: CellRef
    label: str


def check_report(
    report: AnnualReport,
    previous: AnnualReport | None = None,
    children: Sequence[AnnualReport] | None = None,
) -> list[Finding]:
    """All figure checks of ``report``; C1 against ``previous`` and H1 against ``children`` when given."""
    spec = report.spec
    if spec is None:
        return []
    cells = list(iter_cells(report))
    findings = [
        *check_numbers(report, cells),
        *check_blank_cells(report, cells),
        *check_identities(report, cells),
        *check_manual(report, cells),
    ]
    if previous is not None:
        findings += check_carry_over(report, previous)
    if children:
        findings += check_hierarchy(report, children)
    return findings


# ---------------------------------------------------------------------------------------------------------------
# Cells


def iter_cells(report: AnnualReport) -> Iterator[tuple[CellRef, Cell]]:
    """Every cell of the report's template that the report has, in table order."""
    spec = report.spec
    if spec is None:
        return
    proactive, requests, appeals = report.proactive, report.requests, report.appeals
    for key in spec.proactive_keys:
        if key in proactive:
            yield (PROACTIVE, key, None), proactive[key]
    for row in spec.request_row_keys:
        cols = requests.get(row, {})
        for col in formats.REQUEST_COLUMN_KEYS:
            if col in cols:
                yield (REQUESTS, row, col), cols[col]
    for key in formats.APPEAL_KEYS:
        if key in appeals:
            yield (APPEALS, key, None), appeals[key]


def where(spec: Template, ref: CellRef) -> str:
    table, key, column = ref
    return spec.where(table, key, column)


def _value(report: AnnualReport, ref: CellRef) -> Number | None:
    return report.value(*ref)


def check_numbers(report: AnnualReport, cells: list | None = None) -> list[Finding]:
    """N: table 三/四 cells are non-negative integers; in table 二 amounts are non-negative decimals and only
    本年增/减 may be negative."""
    spec = report.spec
    findings = []
    for ref, cell in cells if cells is not None else iter_cells(report):
        value = cell.value
        if value is None or (type(value) is int and value >= 0):
            continue  # a non-negative integer is right in every cell
        decimal = signed = False
        if ref[0] == PROACTIVE:
            info = spec.proactive_cell(ref[1])
            decimal, signed = info.decimal, info.signed
        problem = None
        if not decimal and value % 1:
            problem = "不是整数"
        elif value < 0 and not signed:
            problem = "为负数"
        if problem:
            expected = "整数" if signed else "非负数" if decimal else "非负整数"
            findings.append(
                Finding.make(
                    "not-a-number",
                    where(spec, ref),
                    f"{where(spec, ref)} 的值 {format_number(value)} {problem}，应为{expected}（N）",
                    cell.raw or None,
                )
            )
    return findings


@cache
def _blocked(template: str) -> dict[CellRef, tuple[str, ...]]:
    """For each cell, the identities that cannot be fully checked when it is blank."""
    blocked: dict[CellRef, set[str]] = {}
    for identity in _identities(template):
        for term in (*identity.left, *identity.right):
            blocked.setdefault(term.ref, set()).add(identity.name)
    return {ref: tuple(sorted(names)) for ref, names in blocked.items()}


def check_blank_cells(report: AnnualReport, cells: list | None = None) -> list[Finding]:
    """``blank-cell`` for every cell left empty, naming the identities it keeps from being checked."""
    spec = report.spec
    blocked = _blocked(spec.name)
    findings = []
    for ref, cell in cells if cells is not None else iter_cells(report):
        if cell.value is None and not cell.raw.strip():
            names = blocked.get(ref, ())
            note = f"；{'、'.join(names)} 因此无法完整核对" if names else ""
            findings.append(
                Finding.make(
                    "blank-cell", where(spec, ref), f"{where(spec, ref)} 未填写（空白不按 0 计）{note}"
                )
            )
    return findings


def check_manual(report: AnnualReport, cells: list | None = None) -> list[Finding]:
    """``manual`` for every figure that was overridden by hand, with its reason."""
    spec = report.spec
    return [
        Finding.make(
            "manual",
            where(spec, ref),
            f"{where(spec, ref)} 为人工填写的数值 {format_number(cell.value) or '（空白）'}，理由：{cell.manual_reason}",
        )
        for ref, cell in (cells if cells is not None else iter_cells(report))
        if cell.manual_reason
    ]


# ---------------------------------------------------------------------------------------------------------------
# Identities


@dataclass(frozen=True)
class Identity:
    """``sum(left) = sum(right)`` over cells; ``scope`` names the column/row/group, ``anchor`` is ``where``."""

    name: str  # I1, I2, I3, T4
    scope: str
    anchor: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]


def _short_row(row: formats.RequestRow) -> str:
    """``部分公开``, ``不予公开 1.属于国家秘密``, ``一、本年新收政府信息公开申请数量`` → short label for messages."""
    label = re.sub(r"（[^）]*）$", "", row.label) if row.group is None else row.label
    label = re.sub(r"^（.）", "", label)
    if row.group:
        return f"{re.sub(r'^（.）', '', row.group)} {label}"
    return label


_I1_LABELS = {
    "new": "新收",
    "carried_over": "上年结转",
    "total": "办理结果总计",
    "carried_forward": "结转下年度",
}


def identities(spec: Template) -> list[Identity]:
    """The identities I1, I2, I3 and T4 of a template, as cell equations."""
    return list(_identities(spec.name))


@cache
def _identities(template: str) -> tuple[Identity, ...]:
    spec = formats.get_template(template)
    result: list[Identity] = []
    for col in formats.REQUEST_COLUMNS:

        def term(row: str, label: str, col: str = col.key) -> Term:
            return Term((REQUESTS, row, col), label)

        result.append(
            Identity(
                "I1",
                f"表三 {col.label} 列",
                f"表三/{col.label}",
                (term("new", _I1_LABELS["new"]), term("carried_over", _I1_LABELS["carried_over"])),
                (term("total", _I1_LABELS["total"]), term("carried_forward", _I1_LABELS["carried_forward"])),
            )
        )
    for col in formats.REQUEST_COLUMNS:
        result.append(
            Identity(
                "I2",
                f"表三 {col.label} 列",
                spec.where(REQUESTS, "total", col.key),
                (Term((REQUESTS, "total", col.key), "（七）总计"),),
                tuple(
                    Term((REQUESTS, r, col.key), _short_row(spec.request_row(r)))
                    for r in spec.result_row_keys
                ),
            )
        )
    for row in spec.request_rows:
        result.append(
            Identity(
                "I3",
                f"表三 {row.full_label} 行",
                spec.where(REQUESTS, row.key, "total"),
                (Term((REQUESTS, row.key, "total"), "总计"),),
                tuple(Term((REQUESTS, row.key, c.key), c.label) for c in formats.REQUEST_COLUMNS[:-1]),
            )
        )
    for group in formats.APPEAL_GROUPS:
        total = formats.appeal_cell(f"{group.key}.total")
        result.append(
            Identity(
                "T4",
                f"表四 {total.label.rsplit('/', 1)[0].replace('/', ' ')}",
                total.where,
                (Term((APPEALS, total.key, None), "总计"),),
                tuple(
                    Term((APPEALS, f"{group.key}.{c.key}", None), c.label)
                    for c in formats.APPEAL_COLUMNS[:-1]
                ),
            )
        )
    return tuple(result)


def _values(values: dict[CellRef, Number | None], terms: Iterable[Term]) -> list[tuple[Term, Number | None]]:
    return [(term, values.get(term.ref)) for term in terms]


def _sum(values: list[tuple[Term, Number | None]]) -> tuple[Number, bool]:
    """Sum of the present values, and whether any term is blank."""
    present = [v for _, v in values if v is not None]
    return sum(present), len(present) < len(values)


def _render_side(values: list[tuple[Term, Number | None]], total: Number, long: bool) -> str:
    """``新收 74 + 上年结转 1 = 75``; long sums show only their non-zero terms; blanks are named."""
    shown = [f"{t.label} {format_number(v)}" for t, v in values if v is not None]
    if long:
        nonzero = [f"{t.label} {format_number(v)}" for t, v in values if v]
        if not nonzero:
            shown = ["各项均为 0"] if shown else []
        else:
            shown = nonzero + (["其余各项 0"] if len(nonzero) < len(shown) else [])
    parts = shown + [f"{t.label}（空白）" for t, v in values if v is None]
    text = " + ".join(parts) if parts else "0"
    return f"{text} = {format_number(total)}" if len(parts) > 1 else text


def evaluate(values: dict[CellRef, Number | None], identity: Identity) -> Finding | None:
    """An ``identity`` finding if ``identity`` fails for the figures present (``values`` by cell), else ``None``
    (see module doc)."""
    left_values, right_values = _values(values, identity.left), _values(values, identity.right)
    left, left_blank = _sum(left_values)
    right, right_blank = _sum(right_values)
    if not left_blank and not right_blank:
        if left == right:
            return None
        verdict = ""
    elif (not left_blank and right > left) or (not right_blank and left > right):
        verdict = "（已填各项之和已超过另一侧，空白项无论填什么都不成立）"
    else:
        return None
    lhs = _render_side(left_values, left, False)
    rhs = _render_side(right_values, right, len(identity.right) > 4)
    if identity.name == "I1":
        message = f"{identity.scope}：{lhs}，但 {rhs}{verdict}（I1）"
    else:
        message = f"{identity.scope}：{lhs}，但各分项 {rhs}{verdict}（{identity.name}）"
    return Finding.make("identity", identity.anchor, message, identity.name)


@cache
def _identity_refs(template: str) -> tuple[tuple[Identity, tuple[CellRef, ...], tuple[CellRef, ...]], ...]:
    """Each identity with the cells of its two sides, for deciding the common case (all filled, holding)."""
    return tuple(
        (identity, tuple(t.ref for t in identity.left), tuple(t.ref for t in identity.right))
        for identity in _identities(template)
    )


def check_identities(report: AnnualReport, cells: list | None = None) -> list[Finding]:
    """I1, I2, I3 and T4."""
    spec = report.spec
    if spec is None:
        return []
    values = {ref: cell.value for ref, cell in (cells if cells is not None else iter_cells(report))}
    findings = []
    for identity, left_refs, right_refs in _identity_refs(spec.name):
        left = [values.get(ref) for ref in left_refs]
        right = [values.get(ref) for ref in right_refs]
        if None not in left and None not in right and sum(left) == sum(right):
            continue  # holds: decided without building the terms of a message
        finding = evaluate(values, identity)
        if finding is not None:
            findings.append(finding)
    return findings


# ---------------------------------------------------------------------------------------------------------------
# Across years and across agencies


def check_carry_over(report: AnnualReport, previous: AnnualReport) -> list[Finding]:
    """C1: this year's 上年结转 equals last year's 结转下年度继续办理, column by column, where both are filled.

    Not evaluated when the years are known and not consecutive.
    """
    spec = report.spec
    if spec is None or previous.spec is None:
        return []
    if report.year is not None and previous.year is not None and previous.year != report.year - 1:
        return []
    prev_name = f"{previous.year}年报告" if previous.year else "上一年度报告"
    findings = []
    for col in formats.REQUEST_COLUMNS:
        now = report.value(REQUESTS, "carried_over", col.key)
        before = previous.value(REQUESTS, "carried_forward", col.key)
        if now is None or before is None or now == before:
            continue
        findings.append(
            Finding.make(
                "carry-over",
                spec.where(REQUESTS, "carried_over", col.key),
                f"表三 {col.label} 列：本年 上年结转 {format_number(now)}，"
                f"但 {prev_name} 结转下年度继续办理 为 {format_number(before)}（C1）",
                f"{format_number(now)} ≠ {format_number(before)}",
            )
        )
    return findings


def check_hierarchy(report: AnnualReport, children: Sequence[AnnualReport]) -> list[Finding]:
    """H1: each cell of a consolidated report equals the sum of that cell in the reports it consolidates.

    A cell is compared only when it is filled in the consolidated report and in every child that has the same
    template; children of another template are ignored (they cannot be added cell by cell).
    """
    spec = report.spec
    if spec is None:
        return []
    same = [c for c in children if c.template == report.template]
    if not same:
        return []
    findings = []
    for ref, cell in iter_cells(report):
        if cell.value is None:
            continue
        values = [_value(child, ref) for child in same]
        if any(v is None for v in values):
            continue
        total = sum(values, Decimal(0) if isinstance(cell.value, Decimal) else 0)
        if total == cell.value:
            continue
        findings.append(
            Finding.make(
                "hierarchy",
                where(spec, ref),
                f"{where(spec, ref)}：汇总报告为 {format_number(cell.value)}，"
                f"但所汇总的 {len(same)} 份报告之和为 {format_number(total)}（H1）",
                " + ".join(format_number(v) for v in values),
            )
        )
    return findings


def finding_cells(spec: Template, finding: Finding) -> list[CellRef]:
    """The cells a finding is about, for highlighting: every term of a failed identity, else the cell at
    ``finding.where`` (none when it names no cell)."""
    if finding.code == "identity":
        for identity in _identities(spec.name):
            if identity.name == finding.evidence and identity.anchor == finding.where:
                return [t.ref for t in (*identity.left, *identity.right)]
    return [ref for ref in _all_refs(spec) if where(spec, ref) == finding.where]


def _all_refs(spec: Template) -> Iterator[CellRef]:
    for key in spec.proactive_keys:
        yield PROACTIVE, key, None
    for row in spec.request_row_keys:
        for col in formats.REQUEST_COLUMN_KEYS:
            yield REQUESTS, row, col
    for key in formats.APPEAL_KEYS:
        yield APPEALS, key, None
