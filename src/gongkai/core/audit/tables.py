"""Recognise the cells of tables 二, 三 and 四 by their labels, in any layout the readers produce.

Walking the token stream, label text accumulates until value tokens follow; the accumulated label names the
row (the first row of the template, not yet found, whose label phrase occurs in it), and the next values fill
that row's columns in template order. Line and row breaks do not matter, so labels broken across lines or
pages and rows split by stray empty lines read the same. A row with too few values whose digits were run
together is split using its identity (glued.py); in a PDF, where blank cells leave no text, the numbers of a
short row are placed by their position against the complete rows of the same block.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from functools import lru_cache

from gongkai.core.report import formats
from gongkai.core.report.formats import APPEALS, REQUESTS, Template
from gongkai.core.report.model import Cell

from .document import Row
from .glued import GROUPS_OF_FIVE, ROW_SUM, split_glued
from .normalize import compact
from .resolve import resolve_requests as joint_resolution
from .tokens import Token, table_tokens
from .values import CellProblem, looks_like_value, parse_cell

_NUMBER_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")


@dataclass(frozen=True)
class RowSpec:
    """One row to find: its key, label phrases (full first, then a shorter prefix) and its value columns."""

    key: str
    where: str
    phrases: tuple[str, ...]
    columns: tuple[tuple[str, bool, bool], ...]  # (cell key, decimal, signed)
    identity: str | None = None  # glued.ROW_SUM or glued.GROUPS_OF_FIVE: how run-together digits are split
    group: str = ""  # rows of one group share their columns (a block of table 二, all of table 三)
    signed: frozenset[int] = field(init=False, repr=False, compare=False)  # the columns that may have a sign
    keys: tuple[str, ...] = field(init=False, repr=False, compare=False)  # the cell keys of the columns

    def __post_init__(self) -> None:
        object.__setattr__(self, "signed", frozenset(i for i, c in enumerate(self.columns) if c[2]))
        object.__setattr__(self, "keys", tuple(c[0] for c in self.columns))


@dataclass
class CellIssue:
    table: str
    key: str
    column: str | None
    problem: CellProblem


@dataclass
class TableResult:
    """What was read from one table: cells by key, the labels of found rows, problems, rows not found."""

    cells: dict[str, Cell] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    other_labels: list[str] = field(default_factory=list)
    issues: list[CellIssue] = field(default_factory=list)
    short_rows: dict[str, int] = field(default_factory=dict)
    uncertain_rows: list[str] = field(default_factory=list)
    candidates: dict[str, tuple] = field(default_factory=dict)
    positions: dict[str, list[list[float]]] = field(default_factory=dict)
    pending: list[tuple[RowSpec, list[Token]]] = field(default_factory=list)
    inferred_rows: list[str] = field(default_factory=list)  # placed by template order, their labels lost
    found: bool = False


def label_phrases(label: str) -> tuple[str, ...]:
    core = _NUMBER_PREFIX.sub("", compact(label))
    core = core.split("（", 1)[0] if not core.startswith("（") else core
    core = core.replace("“", "").replace("”", "")
    if len(core) < 4:
        return (compact(label),)
    return (core, core[:6]) if len(core) >= 8 else (core,)


def request_row_specs(spec: Template) -> list[RowSpec]:
    return _request_row_specs(spec.name)


@lru_cache(maxsize=4)
def _request_row_specs(name: str) -> list[RowSpec]:
    spec = formats.get_template(name)
    columns = tuple((c, False, False) for c in formats.REQUEST_COLUMN_KEYS)
    return [
        RowSpec(row.key, spec.where(REQUESTS, row.key), label_phrases(row.label), columns, ROW_SUM)
        for row in spec.request_rows
    ]


def proactive_row_specs(spec: Template) -> list[RowSpec]:
    return _proactive_row_specs(spec.name)


@lru_cache(maxsize=4)
def _proactive_row_specs(name: str) -> list[RowSpec]:
    spec = formats.get_template(name)
    result = []
    for sub in spec.proactive:
        for row in sub.rows:
            cells = [c for c in sub.cells if c.key.startswith(row.key + ".")]
            columns = tuple((c.key, c.decimal, c.signed) for c in cells)
            result.append(
                RowSpec(
                    row.key,
                    f"表二/{sub.caption}/{row.label}",
                    label_phrases(row.label),
                    columns,
                    group=sub.caption,
                )
            )
    return result


@lru_cache(maxsize=1)
def appeal_row_spec() -> RowSpec:
    columns = tuple((k, False, False) for k in formats.APPEAL_KEYS)
    return RowSpec("appeals", "表四", (), columns, GROUPS_OF_FIVE)


def read_table(table: str, blocks: list, specs: list[RowSpec]) -> TableResult:
    if table != APPEALS:
        regular = _read_regular_rows(table, blocks, specs)
        if regular is not None:
            return regular
    phrases = tuple(p for s in specs for p in s.phrases)
    tokens = table_tokens(blocks, phrases)
    result = TableResult()
    if table == APPEALS:
        _read_single_row(tokens, specs[0], result)
    else:
        _read_rows(table, tokens, specs, result)
    _place_pending(table, result)
    return result


_PLAIN_NUMBER = re.compile(r"[+\-]?\d+(?:\.\d+)?")


def _read_regular_rows(table: str, blocks: list, specs: list[RowSpec]) -> TableResult | None:
    """The common case read without tokens: a table of real rows (HTML, DOCX, XLSX, `|` text) whose every
    cell is a label or a plain number (`12`, `1830.5`, `-3`), labels before numbers, and every row with numbers holding exactly as
    many as its columns. It gives what _read_rows gives for such a table; anything else (a blank, a
    placeholder, glued digits, a line of text) returns None and the table is read the general way."""
    if not blocks or not all(isinstance(b, Row) for b in blocks):
        return None
    result = TableResult()
    found: set[str] = set()
    buffer: list[str] = []
    for block in blocks:
        values: list[str] = []
        for cell in block.cells:
            if cell.isascii() and (cell.isdigit() or _PLAIN_NUMBER.fullmatch(cell)):
                values.append(cell)  # a number the general way reads as one value token too
            elif values or looks_like_value(cell):
                return None
            else:
                buffer.append(cell)
        if not values:
            continue
        spec = _match(buffer, specs, found) if buffer else None
        if spec is None or len(values) != len(spec.columns):
            return None
        result.labels[spec.key] = "\n".join(buffer)
        buffer.clear()
        _write_row(table, spec, values, None, False, result)
        found.add(spec.key)
    if buffer:
        result.other_labels.append("\n".join(buffer))
    result.found = bool(found)
    return result


def _match(buffer: list[str], specs: list[RowSpec], found: set[str]) -> RowSpec | None:
    """The row named by the label text just before the values: the last label piece, else the last two joined…

    Looking from the end keeps a row whose values are missing (a blank row in a PDF) from taking the values of
    the next one; within one piece, the first row of the template not yet found wins.
    """
    for n in range(1, len(buffer) + 1):
        for index in _named(id(specs), specs, "".join(buffer[-n:])):
            if specs[index].key not in found:
                return specs[index]
    return None


_NAMED: dict[tuple[int, str], tuple[int, ...]] = {}


def _named(key: int, specs: list[RowSpec], label: str) -> tuple[int, ...]:
    """The rows (indices into ``specs``) whose phrase occurs in ``label``, in the order _match prefers them:
    full phrases before short ones, template order within each. Memoised: the same labels recur in every report
    (``specs`` lists are built once per template, so their identity is a stable key)."""
    found = _NAMED.get((key, label))
    if found is None:
        text = compact(label).replace("“", "").replace("”", "")
        found = tuple(
            index
            for level in (0, 1)
            for index, spec in enumerate(specs)
            if len(spec.phrases) > level and spec.phrases[level] in text
        )
        if len(_NAMED) > 20_000:
            _NAMED.clear()
        _NAMED[(key, label)] = found
    return found


def _read_rows(table: str, tokens: list[Token], specs: list[RowSpec], result: TableResult) -> None:
    found: set[str] = set()
    buffer: list[str] = []
    current: RowSpec | None = None
    values: list[Token] = []
    positioned = False  # the labels in the buffer come from a PDF (they have positions)
    last = -1  # template index of the last row read
    orphans: list[Token] = []  # values after a complete row with no label of their own
    order = {spec.key: index for index, spec in enumerate(specs)}

    def finish() -> None:
        nonlocal current, last
        if current is not None:
            _assign(table, current, values, result)
            found.add(current.key)
            last = order[current.key]
        current = None

    for token in tokens:
        if token.value:
            if current is None:
                if buffer:
                    label = "\n".join(buffer)
                    current = _match(buffer, specs, found)
                    buffer.clear()
                    if current is None:
                        result.other_labels.append(label)  # a header, or a row of no template
                if current is None:
                    if token.x is None and token.text.strip():
                        orphans.append(token)
                    continue
                _place_orphans(table, specs[last + 1 : order[current.key]], orphans, found, result)
                result.labels[current.key] = label
                values = []
            values.append(token)
            if len(values) == len(current.columns):
                finish()
        else:
            finish()
            if buffer and token.x is not None:
                _blank_row(table, buffer, token, specs, found, result)
            buffer.append(token.text)
            positioned = token.x is not None
    finish()
    if orphans:
        _place_orphans(table, specs[last + 1 :], orphans, found, result, at_end=True)
    if buffer and positioned:
        _blank_last_row(table, buffer, specs, found, result)
    if buffer:
        result.other_labels.append("\n".join(buffer))
    result.found = bool(found)


def _place_orphans(
    table: str,
    gap: list[RowSpec],
    orphans: list[Token],
    found: set[str],
    result: TableResult,
    at_end: bool = False,
) -> None:
    """Rows whose labels were lost (a PDF-to-markdown conversion) but whose numbers stand where the template puts
    them: the numbers between two rows read fill the rows between them, when they fill them exactly (at the end
    of a table, the rows that follow the last one read, as many as the numbers fill)."""
    if not orphans:
        return
    rows = [spec for spec in gap if spec.key not in found]
    if at_end:
        taken, width = [], 0
        for spec in rows:
            if width >= len(orphans):
                break
            taken.append(spec)
            width += len(spec.columns)
        rows = taken
    if rows and sum(len(spec.columns) for spec in rows) == len(orphans):
        start = 0
        for spec in rows:
            width = len(spec.columns)
            _assign(table, spec, orphans[start : start + width], result)
            _mark_inferred(table, spec, result)
            found.add(spec.key)
            start += width
    orphans.clear()


def _mark_inferred(table: str, spec: RowSpec, result: TableResult) -> None:
    result.inferred_rows.append(spec.key)
    if table == REQUESTS:
        row = result.cells.get(spec.key, {})
        for key, cell in row.items():
            row[key] = Cell(cell.value, cell.raw, True)
    else:
        for key, _, _ in spec.columns:
            if key in result.cells:
                cell = result.cells[key]
                result.cells[key] = Cell(cell.value, cell.raw, True)


def _read_single_row(tokens: list[Token], spec: RowSpec, result: TableResult) -> None:
    values: list[Token] = []
    best: list[Token] = []
    for token in tokens:
        if token.value:
            values.append(token)
            if len(values) == len(spec.columns):
                best = values
                break
        else:
            result.other_labels.append(token.text)
            if len(values) > len(best):
                best = values
            values = []
    if len(values) > len(best):
        best = values
    if best:
        result.found = True
        _assign(APPEALS, spec, best, result)


_GLUED_PIECE = re.compile(r"^[+\-增减]?\d+(?:\.\d+)?$")
_UNIT = re.compile(r"(?:万元|元)$")


def _assign(table: str, spec: RowSpec, tokens: list[Token], result: TableResult) -> None:
    """Fill a row from its value tokens; too few values are split as glued digits only when they all come from
    one run of text without spaces (spaces between them mean blank cells lost in a PDF, not glue)."""
    width = len(spec.columns)
    values = [t.text for t in tokens]
    if len(values) >= width:
        if tokens[0].x is not None and all(t.x is not None for t in tokens[:width]):
            result.positions.setdefault(spec.group, []).append([t.x for t in tokens[:width]])
        _write_row(table, spec, values, None, False, result)
        return
    pieces = [v.strip() for v in values if v.strip()]
    positioned = bool(pieces) and all(t.x is not None for t in tokens)
    one_run = len({t.source for t in tokens if t.text.strip()}) == 1
    if not one_run and positioned:
        result.pending.append((spec, tokens))
        return
    unit = ""
    if pieces and spec.columns[-1][1]:
        unit = _UNIT.search(pieces[-1])
        unit = unit.group(0) if unit else ""
        pieces[-1] = pieces[-1][: len(pieces[-1]) - len(unit)] if unit else pieces[-1]
    # spaces between the numbers of a PDF line are lost blank cells; in other text, glue is glue
    if not pieces or (positioned and not one_run) or not all(_GLUED_PIECE.match(p) for p in pieces):
        result.short_rows[spec.key] = len(values)
        return
    signed = spec.signed
    candidates = split_glued(pieces, width, spec.identity, signed)
    exact = bool(candidates)
    if not candidates and spec.identity is not None:
        candidates = split_glued(pieces, width, None, signed)
    if not candidates:
        result.short_rows[spec.key] = len(values)
        return
    glued = " ".join(pieces) + unit
    uncertain = len(candidates) > 1 or not exact
    if uncertain:
        result.uncertain_rows.append(spec.key)
        result.candidates[spec.key] = (spec, candidates if exact else [], glued)
    best = [str(v) for v in candidates[0]]
    best[-1] += unit
    _write_row(table, spec, best, glued, uncertain, result)


def _write_row(
    table: str, spec: RowSpec, values: list[str], glued: str | None, uncertain: bool, result: TableResult
) -> None:
    cells = result.cells.setdefault(spec.key, {}) if table == REQUESTS else result.cells
    if glued is None and all(values) and (joined := "".join(values)).isascii() and joined.isdigit():
        cells.update(
            zip(spec.keys, map(_number_cell, values), strict=False)
        )  # plain numbers, the common case
        return
    for (key, decimal, signed), raw in zip(spec.columns, values, strict=False):
        if raw.isascii() and raw.isdigit():
            cells[key] = _number_cell(raw) if glued is None else Cell(int(raw), glued, uncertain)
            continue
        cell, problem = parse_cell(raw, decimal=decimal, signed=signed)
        if glued is not None:
            cell = Cell(cell.value, glued, uncertain)
        cells[key] = cell  # type: ignore[assignment]
        if problem:
            ref = (REQUESTS, spec.key, key) if table == REQUESTS else (table, key, None)
            result.issues.append(CellIssue(*ref, problem))


@lru_cache(maxsize=4096)
def _number_cell(raw: str) -> Cell:
    """A cell of plain digits; cells are immutable, so the same `0` or `12` is one object in every report."""
    return Cell(int(raw), raw)


def _blank_row(
    table: str, buffer: list[str], token: Token, specs: list[RowSpec], found: set[str], result: TableResult
) -> None:
    """In a PDF a row whose cells are all blank is just its label: when the next label names another row,
    the row before it is read as blank rather than left missing."""
    before = _match(buffer, specs, found)
    after = _match([token.text], specs, found)
    if before is None or after is None or before.key == after.key:
        return
    result.labels[before.key] = "\n".join(buffer)
    found.add(before.key)
    buffer.clear()
    _write_row(table, before, [""] * len(before.columns), None, False, result)


def _blank_last_row(
    table: str, buffer: list[str], specs: list[RowSpec], found: set[str], result: TableResult
) -> None:
    """The same for the table's last row: in a PDF, a label that ends the table with no value after it is a
    row whose cells are all blank."""
    row = _match(buffer, specs, found)
    if row is None:
        return
    result.labels[row.key] = "\n".join(buffer)
    found.add(row.key)
    buffer.clear()
    _write_row(table, row, [""] * len(row.columns), None, False, result)


def _place_pending(table: str, result: TableResult) -> None:
    """Rows of a PDF with fewer numbers than columns (blank cells leave no text): put each number in the column
    whose position it matches in the complete rows of the same group; blank the others."""
    for spec, tokens in result.pending:
        width = len(spec.columns)
        complete = [row for row in result.positions.get(spec.group, []) if len(row) == width]
        if not complete:
            result.short_rows[spec.key] = len(tokens)
            continue
        centres = [statistics.median(column) for column in zip(*complete, strict=True)]
        slots = [min(range(width), key=lambda i, x=t.x: abs(centres[i] - x)) for t in tokens]
        if len(set(slots)) != len(slots) or slots != sorted(slots):
            result.short_rows[spec.key] = len(tokens)
            continue
        values = [""] * width
        for slot, token in zip(slots, tokens, strict=True):
            values[slot] = token.text
        _write_row(table, spec, values, None, False, result)


def resolve_requests(result: TableResult, template: Template) -> None:
    """Choose among the readings of glued rows of table 三 those that make I1 and I2 hold, jointly."""
    joint_resolution(result, template, _write_row)
