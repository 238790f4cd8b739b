"""The annual report as a value: cells that keep the number and the text it was read from, and findings.

``AnnualReport.to_dict()`` gives the JSON shape of spec/annual-report-format.md section 7 exactly;
``from_dict()`` reads it back. Blank is not zero: a cell whose value is unknown has ``value=None``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from gongkai.core.report import formats
from gongkai.core.report.formats import APPEALS, PROACTIVE, REQUESTS

Number = int | Decimal

ERROR = "error"
WARNING = "warning"
INFO = "info"

SEVERITIES: dict[str, str] = {
    "unreadable": ERROR,
    "table-missing": ERROR,
    "row-missing": ERROR,
    "identity": ERROR,
    "placeholder": ERROR,
    "not-a-number": ERROR,
    "blank-cell": WARNING,
    "template-text": WARNING,
    "section-missing": ERROR,
    "section-numbering": WARNING,
    "section-heading": INFO,
    "title": WARNING,
    "template-mismatch": ERROR,
    "late": ERROR,
    "carry-over": WARNING,
    "hierarchy": WARNING,
    "text-vs-table": WARNING,
    "typo": INFO,
    "section-empty": ERROR,
    "content-missing": WARNING,
    "similar-to-previous": WARNING,
    "uncertain": WARNING,
    "manual": INFO,
}
"""Finding code → severity (spec section 8)."""

SEVERITY_NAMES = {ERROR: "严重", WARNING: "警告", INFO: "提示"}
"""How the screens name a severity."""

CODE_NAMES: dict[str, str] = {
    "unreadable": "无法读取",
    "table-missing": "缺少表格",
    "row-missing": "缺少行或列",
    "identity": "勾稽关系不成立",
    "placeholder": "未填写的模板占位文字",
    "not-a-number": "不是有效数字",
    "blank-cell": "空白单元格",
    "template-text": "保留了模板说明文字",
    "section-missing": "缺少章节",
    "section-numbering": "章节编号有误",
    "section-heading": "章节标题与模板不一致",
    "title": "标题有误",
    "template-mismatch": "格式版本不符",
    "late": "逾期发布",
    "carry-over": "结转数字前后不一致",
    "hierarchy": "汇总数字不一致",
    "text-vs-table": "正文数字与表格矛盾",
    "typo": "错别字",
    "section-empty": "章节没有内容",
    "content-missing": "缺少法定内容",
    "similar-to-previous": "与上年报告雷同",
    "uncertain": "数字无法确定",
    "manual": "人工填写",
    "deadline": "发布期限",
}
"""How the screens name a finding code (the codes themselves stay those of the spec)."""

AGENCY_KINDS = ("government", "department", "other")


def format_number(value: Number | None) -> str:
    """The text a generated report prints for a value: ``12``, ``-8``, ``3.5``; ``""`` for blank."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


@dataclass(frozen=True)
class Cell:
    """One value cell: ``value`` as read (``None`` = blank or unreadable), ``raw`` the text it was read from.

    ``uncertain`` marks a value that could not be determined unambiguously (``value`` is the best reading);
    ``manual_reason`` is set when a generated figure was overridden by hand.
    """

    value: Number | None
    raw: str = ""
    uncertain: bool = False
    manual_reason: str | None = None

    @classmethod
    def of(cls, value: Number | None, *, manual_reason: str | None = None) -> Cell:
        """A cell as the generator writes it: the raw text is the printed number."""
        return cls(value, format_number(value), manual_reason=manual_reason)

    @property
    def blank(self) -> bool:
        return self.value is None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": _json_number(self.value), "raw": self.raw}
        if self.uncertain:
            data["uncertain"] = True
        if self.manual_reason:
            data["manual_reason"] = self.manual_reason
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, decimal: bool = False) -> Cell:
        return cls(
            _read_number(data.get("value"), decimal),
            data.get("raw") or "",
            bool(data.get("uncertain", False)),
            data.get("manual_reason"),
        )


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    where: str
    message: str
    evidence: str | None = None
    page: int | None = None
    """The page of the document the finding points at (1-based), where the reader knows it (PDF)."""

    @classmethod
    def make(cls, code: str, where: str, message: str, evidence: str | None = None) -> Finding:
        """A finding with the severity the spec gives its code."""
        return cls(code, SEVERITIES[code], where, message, evidence)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "code": self.code,
            "severity": self.severity,
            "where": self.where,
            "message": self.message,
            "evidence": self.evidence,
        }
        if self.page is not None:
            out["page"] = self.page
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        code = data["code"]
        return cls(
            code,
            data.get("severity") or SEVERITIES.get(code, WARNING),
            data.get("where", ""),
            data.get("message", ""),
            data.get("evidence"),
            data.get("page") if isinstance(data.get("page"), int) else None,
        )


@dataclass
class Section:
    """A section of the report: ``heading`` as found (or the template's), ``text`` its prose."""

    key: str
    number: str
    heading: str
    found: bool = True
    text: str = ""

    def to_dict(self, *, extended: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key,
            "number": self.number,
            "heading": self.heading,
            "found": self.found,
        }
        if extended:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Section:
        return cls(
            data["key"],
            data.get("number", ""),
            data.get("heading", ""),
            data.get("found", True),
            data.get("text", ""),
        )

    @classmethod
    def template(cls, key: str, text: str = "") -> Section:
        spec = formats.section(key)
        return cls(spec.key, spec.number, spec.heading, True, text)


ProactiveTable = dict[str, Cell]
RequestsTable = dict[str, dict[str, Cell]]
AppealsTable = dict[str, Cell]


def empty_tables() -> dict[str, Any]:
    return {PROACTIVE: {}, REQUESTS: {}, APPEALS: {}}


@dataclass
class AnnualReport:
    """A 政府信息公开工作年度报告, read from a document or assembled from records.

    ``tables`` is ``{"proactive": {key: Cell}, "requests": {row_key: {column_key: Cell}}, "appeals": {key: Cell}}``
    with the keys of ``formats``; a key absent from a table means the cell was not found at all.
    """

    source: str | None = None
    title: str | None = None
    agency: str | None = None
    agency_kind: str | None = None
    year: int | None = None
    template: str | None = None
    published_on: date | None = None
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, Any] = field(default_factory=empty_tables)
    findings: list[Finding] = field(default_factory=list)

    # -- access ------------------------------------------------------------------------------------------------

    @property
    def proactive(self) -> ProactiveTable:
        return self.tables.setdefault(PROACTIVE, {})

    @property
    def requests(self) -> RequestsTable:
        return self.tables.setdefault(REQUESTS, {})

    @property
    def appeals(self) -> AppealsTable:
        return self.tables.setdefault(APPEALS, {})

    @property
    def spec(self) -> formats.Template | None:
        """The template's structure, or ``None`` for ``older``/unknown templates."""
        return formats.TEMPLATES.get(self.template or "")

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def prose(self, key: str) -> str:
        found = self.section(key)
        return found.text if found else ""

    def cell(self, table: str, key: str, column: str | None = None) -> Cell | None:
        if table == REQUESTS:
            return self.requests.get(key, {}).get(column or "")
        return self.tables.get(table, {}).get(key)

    def value(self, table: str, key: str, column: str | None = None) -> Number | None:
        found = self.cell(table, key, column)
        return None if found is None else found.value

    def with_findings(self, findings: list[Finding]) -> AnnualReport:
        return replace(self, findings=list(findings))

    # -- JSON --------------------------------------------------------------------------------------------------

    def to_dict(self, *, extended: bool = False) -> dict[str, Any]:
        """The spec section 7 shape. ``extended`` adds the prose of each section and ``agency_kind``."""
        data: dict[str, Any] = {
            "source": self.source,
            "title": self.title,
            "agency": self.agency,
            "year": self.year,
            "template": self.template,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "sections": [s.to_dict(extended=extended) for s in self.sections],
            "tables": {
                PROACTIVE: {k: c.to_dict() for k, c in self.proactive.items()},
                REQUESTS: {r: {k: c.to_dict() for k, c in cols.items()} for r, cols in self.requests.items()},
                APPEALS: {k: c.to_dict() for k, c in self.appeals.items()},
            },
            "findings": [f.to_dict() for f in self.findings],
        }
        if extended:
            data["agency_kind"] = self.agency_kind
        return data

    def to_json(self, *, extended: bool = False, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(extended=extended), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnnualReport:
        tables = data.get("tables") or {}
        decimal_keys = _decimal_keys(data.get("template"))
        published = data.get("published_on")
        return cls(
            source=data.get("source"),
            title=data.get("title"),
            agency=data.get("agency"),
            agency_kind=data.get("agency_kind"),
            year=data.get("year"),
            template=data.get("template"),
            published_on=date.fromisoformat(published) if published else None,
            sections=[Section.from_dict(s) for s in data.get("sections") or []],
            tables={
                PROACTIVE: {
                    k: Cell.from_dict(c, decimal=k in decimal_keys)
                    for k, c in (tables.get(PROACTIVE) or {}).items()
                },
                REQUESTS: {
                    r: {k: Cell.from_dict(c) for k, c in cols.items()}
                    for r, cols in (tables.get(REQUESTS) or {}).items()
                },
                APPEALS: {k: Cell.from_dict(c) for k, c in (tables.get(APPEALS) or {}).items()},
            },
            findings=[Finding.from_dict(f) for f in data.get("findings") or []],
        )

    @classmethod
    def from_json(cls, text: str) -> AnnualReport:
        return cls.from_dict(json.loads(text))

    # -- building from figures ---------------------------------------------------------------------------------

    @classmethod
    def from_figures(
        cls,
        template: str,
        year: int,
        agency: str,
        *,
        proactive: Mapping[str, Number | None] | None = None,
        requests: Mapping[str, Mapping[str, Number | None]] | None = None,
        appeals: Mapping[str, Number | None] | None = None,
        prose: Mapping[str, str] | None = None,
        missing: Number | None = 0,
        derive_totals: bool = True,
        title: str | None = None,
        agency_kind: str | None = None,
        published_on: date | None = None,
        source: str | None = None,
    ) -> AnnualReport:
        """A complete report of ``template`` from plain numbers, as the generator writes it.

        Every cell of the template is present. A cell not given gets ``missing`` (0: the generator prints counted
        zeros; pass ``None`` to leave it blank). With ``derive_totals``, table 三's 总计 column (I3), its
        （七）总计 row (I2) and table 四's 总计 cells (T4) are computed when not given — from the given figures only.
        Given figures are never changed, so inconsistent figures stay inconsistent.
        """
        spec = formats.get_template(template)
        proactive = dict(proactive or {})
        # copied only to derive the totals into (a province's table of all agencies builds thousands of reports)
        requests = {r: dict(cols) if derive_totals else cols for r, cols in (requests or {}).items()}
        appeals = dict(appeals or {})
        _reject_unknown(proactive, spec.proactive_keys, "表二")
        _reject_unknown(requests, spec.request_row_keys, "表三")
        _reject_unknown(appeals, formats.APPEAL_KEYS, "表四")
        for cols in requests.values():
            _reject_unknown(cols, formats.REQUEST_COLUMN_KEYS, "表三")
        if derive_totals:
            _derive_request_totals(spec, requests, missing)
            _derive_appeal_totals(appeals, missing)

        def cell(value: Number | None, decimal: bool = False, signed: bool = False) -> Cell:
            if decimal and isinstance(value, int | float | str):
                value = Decimal(str(value))
            if signed and value is not None and value > 0:
                return Cell(value, f"+{format_number(value)}")
            if value is None or type(value) is int:
                return _plain_cell(value)
            return Cell.of(value)

        def row(cols: Mapping[str, Number | None]) -> dict[str, Cell]:
            """A row of table 三: `cell` of each column, whole numbers (never decimal or signed)."""
            cells = {}
            for column in formats.REQUEST_COLUMN_KEYS:
                value = cols.get(column, missing)
                cells[column] = _plain_cell(value) if value is None or type(value) is int else Cell.of(value)
            return cells

        prose = prose or {}
        return cls(
            source=source,
            title=title or f"{agency}{year}年政府信息公开工作年度报告",
            agency=agency,
            agency_kind=agency_kind,
            year=year,
            template=template,
            published_on=published_on,
            sections=[Section.template(key, prose.get(key, "")) for key in formats.SECTION_KEYS],
            tables={
                PROACTIVE: {
                    c.key: cell(proactive.get(c.key, missing), c.decimal, c.signed)
                    for c in spec.proactive_cells
                },
                REQUESTS: {r: row(requests.get(r, {})) for r in spec.request_row_keys},
                APPEALS: {k: cell(appeals.get(k, missing)) for k in formats.APPEAL_KEYS},
            },
        )


@lru_cache(maxsize=4096)
def _plain_cell(value: int | None) -> Cell:
    """The cell the generator writes for a blank or a whole number, shared: a cell is immutable, and a province's
    reports hold millions of them, nearly all small counts (a cell object each cost most of building a report)."""
    return Cell.of(value)


def _derive_request_totals(
    spec: formats.Template, requests: dict[str, dict[str, Number | None]], missing: Number | None
) -> None:
    def get(row: str, col: str) -> Number | None:
        return requests.get(row, {}).get(col, missing)

    for row in spec.request_row_keys:
        if row == "total":
            continue
        cols = requests.setdefault(row, {})
        if "total" not in cols:
            cols["total"] = _sum_or_none(get(row, c) for c in formats.APPLICANT_COLUMN_KEYS)
    total = requests.setdefault("total", {})
    for col in formats.REQUEST_COLUMN_KEYS:
        if col not in total:
            total[col] = _sum_or_none(get(r, col) for r in spec.result_row_keys)


def _derive_appeal_totals(appeals: dict[str, Number | None], missing: Number | None) -> None:
    for group in formats.APPEAL_GROUPS:
        key = f"{group.key}.total"
        if key not in appeals:
            parts = (appeals.get(f"{group.key}.{c.key}", missing) for c in formats.APPEAL_COLUMNS[:-1])
            appeals[key] = _sum_or_none(parts)


def _sum_or_none(values: Any) -> Number | None:
    values = list(values)
    if any(v is None for v in values):
        return None
    return sum(values)


def _reject_unknown(given: Mapping[str, Any], known: tuple[str, ...], table: str) -> None:
    unknown = set(given) - set(known)
    if unknown:
        raise KeyError(f"{table}: unknown keys {sorted(unknown)}")


def _decimal_keys(template: str | None) -> frozenset[str]:
    spec = formats.TEMPLATES.get(template or "")
    if spec is None:
        return frozenset({"fees.amount", "procurement.amount"})
    return frozenset(c.key for c in spec.proactive_cells if c.decimal)


def _json_number(value: Number | None) -> int | float | None:
    """Decimals become JSON numbers: integral ones as int, others as the float with the same shortest repr."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _read_number(value: Any, decimal: bool) -> Number | None:
    if value is None or isinstance(value, bool):
        return None
    if decimal or isinstance(value, float):
        return Decimal(str(value))
    return int(value)
