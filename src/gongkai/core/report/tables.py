"""The three tables of a report as plain numbers: cell keys, typed values, sums and overrides.

A cell is named by a key path: ``proactive.licensing.decisions``, ``requests.new.total``,
``appeals.review.upheld`` (`all_keys` lists every one of a template). `Tables` holds the numbers of one report
(``None`` = blank); `add_tables` adds reports cell by cell (a government's consolidation) and `apply_overrides`
puts the office's overrides in and recomputes the totals that depend on them. Blank is not zero throughout: a sum
with a blank part is blank.

Table 三's outcome keys are those of the 2021 template; the 2019 template has a single （六）其他处理 row, in which
the three 2021 sub-rows (``other.no_correction``, ``other.unpaid_fee``, ``other.misc``) count together
(spec/annual-report-format.md §3). No other row folds: the other sub-rows exist in both templates.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gongkai.core.errors import Refused

from . import formats
from .checks import CellRef
from .formats import APPEALS, PROACTIVE, REQUESTS
from .model import AnnualReport, Number

logger = logging.getLogger(__name__)

OTHER_ROW = "other"


@dataclass(frozen=True)
class Source:
    """One record behind a figure: what it is (``item``, ``fee``, ``procurement``, ``case``, ``application``),
    its id, a label, and what it adds to the figure."""

    kind: str
    pk: int
    label: str
    contributes: Number


# ---------------------------------------------------------------------------------------------------------------
# Cell keys


def all_keys(template: str) -> list[tuple[str, str]]:
    """(key path, where) of every value cell of ``template``, in the order of the report: ``requests.new.total``
    → ``表三/一、本年新收政府信息公开申请数量/总计``."""
    spec = formats.get_template(template)
    keys = [(f"{PROACTIVE}.{k}", spec.where(PROACTIVE, k)) for k in spec.proactive_keys]
    keys += [
        (f"{REQUESTS}.{r}.{c}", spec.where(REQUESTS, r, c))
        for r in spec.request_row_keys
        for c in formats.REQUEST_COLUMN_KEYS
    ]
    keys += [(f"{APPEALS}.{k}", spec.where(APPEALS, k)) for k in formats.APPEAL_KEYS]
    return keys


def parse_key(template: str, key: str) -> CellRef:
    """The cell a key path names in ``template``; `Refused` if it names none."""
    spec = formats.get_template(template)
    table, _, rest = key.partition(".")
    if table == PROACTIVE and rest in spec.proactive_keys:
        return PROACTIVE, rest, None
    if table == APPEALS and rest in formats.APPEAL_KEYS:
        return APPEALS, rest, None
    if table == REQUESTS:
        row, _, column = rest.rpartition(".")
        if row in spec.request_row_keys and column in formats.REQUEST_COLUMN_KEYS:
            return REQUESTS, row, column
    raise Refused(f"{template} 年格式的报告中没有单元格“{key}”")


def parse_value(template: str, ref: CellRef, text: str | Number) -> Number:
    """A value typed by the office for the cell ``ref``: integer, or decimal (金额); negative only for 本年增/减."""
    spec = formats.get_template(template)
    decimal = signed = False
    if ref[0] == PROACTIVE:
        info = spec.proactive_cell(ref[1])
        decimal, signed = info.decimal, info.signed
    raw = str(text).strip().replace(",", "").replace("＋", "+").replace("－", "-")
    try:
        value: Number = Decimal(raw)
    except InvalidOperation:
        raise Refused(f"“{text}”不是数字") from None
    if not value.is_finite():
        raise Refused(f"“{text}”不是数字")
    if not decimal:
        if value % 1:
            raise Refused(f"“{text}”不是整数：该单元格只能填写整数")
        value = int(value)
    elif value.as_tuple().exponent < -6:
        raise Refused("金额最多保留六位小数")
    if value < 0 and not signed:
        raise Refused("该单元格不能为负数")
    return value


def where(template: str, ref: CellRef) -> str:
    return formats.get_template(template).where(*ref)


# ---------------------------------------------------------------------------------------------------------------
# Table 三's rows and the outcomes counted in them


def row_of_outcome(template: str, outcome: str) -> str:
    """The table 三 row of ``template`` in which a case with ``outcome`` (a 2021 row key) is counted."""
    rows = formats.get_template(template).request_row_keys
    if outcome in rows:
        return outcome
    if outcome.startswith(f"{OTHER_ROW}.") and OTHER_ROW in rows:
        return OTHER_ROW
    raise KeyError(f"表三没有办理结果 {outcome}")


def outcomes_of_row(template: str, row: str) -> tuple[str, ...]:
    """The outcome keys counted in a result row of ``template`` (the reverse of `row_of_outcome`)."""
    if row == OTHER_ROW and OTHER_ROW in formats.get_template(template).request_row_keys:
        latest = formats.get_template(formats.TEMPLATE_2021).request_row_keys
        return tuple(key for key in latest if key.startswith(f"{OTHER_ROW}."))
    return (row,)


# ---------------------------------------------------------------------------------------------------------------
# Tables as plain numbers


@dataclass
class Tables:
    """The three tables of one template as plain numbers (``None`` = blank), totals included."""

    template: str
    proactive: dict[str, Number | None]
    requests: dict[str, dict[str, Number | None]]
    appeals: dict[str, Number | None]

    def get(self, ref: CellRef) -> Number | None:
        table, key, column = ref
        if table == REQUESTS:
            return self.requests[key][column]
        return (self.proactive if table == PROACTIVE else self.appeals)[key]

    def set(self, ref: CellRef, value: Number | None) -> None:
        table, key, column = ref
        if table == REQUESTS:
            self.requests[key][column] = value
        else:
            (self.proactive if table == PROACTIVE else self.appeals)[key] = value

    def copy(self) -> Tables:
        """A copy whose cells can be set without changing these (the numbers themselves are immutable)."""
        return Tables(
            self.template,
            dict(self.proactive),
            {row: dict(cols) for row, cols in self.requests.items()},
            dict(self.appeals),
        )

    @classmethod
    def of(cls, report: AnnualReport) -> Tables:
        return cls(
            report.template,
            {k: c.value for k, c in report.proactive.items()},
            {r: {k: c.value for k, c in cols.items()} for r, cols in report.requests.items()},
            {k: c.value for k, c in report.appeals.items()},
        )


def _sum(values: Iterable[Number | None]) -> Number | None:
    """The sum, or blank when any part is blank (blank is not zero)."""
    total: Number = 0
    for value in values:
        if value is None:
            return None
        total += value
    return total


def add_tables(parts: Iterable[Tables], template: str) -> Tables:
    """Cell-by-cell sum; a cell is blank when it is blank in any part."""
    spec = formats.get_template(template)
    parts = list(parts)
    return Tables(
        template,
        {
            k: _sum(
                [Decimal(0) if spec.proactive_cell(k).decimal else 0, *(p.proactive.get(k) for p in parts)]
            )
            for k in spec.proactive_keys
        },
        {
            r: {c: _sum(p.requests[r][c] for p in parts) for c in formats.REQUEST_COLUMN_KEYS}
            for r in spec.request_row_keys
        },
        {k: _sum(p.appeals[k] for p in parts) for k in formats.APPEAL_KEYS},
    )


def totals_of(template: str, ref: CellRef) -> list[CellRef]:
    """The total cells that are computed from ``ref`` (I2, I3, T4), nearest first."""
    table, key, column = ref
    if table == REQUESTS:
        spec = formats.get_template(template)
        found = []
        if column != "total":
            found.append((REQUESTS, key, "total"))
        if key != "total" and key in spec.result_row_keys:
            found.append((REQUESTS, "total", column))
            if column != "total":
                found.append((REQUESTS, "total", "total"))
        return found
    if table == APPEALS and not key.endswith(".total"):
        return [(APPEALS, f"{key.split('.')[0]}.total", None)]
    return []


def recompute(tables: Tables, ref: CellRef) -> Number | None:
    """A total cell from its parts as they stand in ``tables`` (blank when a part is blank)."""
    table, key, column = ref
    if table == APPEALS:
        group = key.split(".")[0]
        return _sum(tables.appeals[f"{group}.{c.key}"] for c in formats.APPEAL_COLUMNS[:-1])
    if column == "total":
        return _sum(tables.requests[key][c] for c in formats.APPLICANT_COLUMN_KEYS)
    spec = formats.get_template(tables.template)
    return _sum(tables.requests[r][column] for r in spec.result_row_keys)


def apply_overrides(tables: Tables, overrides: Mapping[str, Mapping]) -> dict[CellRef, str]:
    """Put the overridden values into ``tables`` and recompute the totals that depend on them (unless
    overridden too). Returns the overridden cells with their reasons. Keys the template lacks are ignored (an
    override of another template's cell cannot apply)."""
    manual: dict[CellRef, str] = {}
    for key, entry in overrides.items():
        try:
            ref = parse_key(tables.template, key)
            value = parse_value(tables.template, ref, entry["value"])
        except (Refused, KeyError):
            logger.warning("ignoring an override that does not fit the template: %s", key)
            continue
        tables.set(ref, value)
        manual[ref] = entry.get("reason") or "（未说明理由）"
    for ref in list(manual):
        for total in totals_of(tables.template, ref):
            if total not in manual:
                tables.set(total, recompute(tables, total))
    return manual
