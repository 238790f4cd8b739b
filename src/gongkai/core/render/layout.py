"""The three tables of a report laid out as in the official template: a grid of cells with row/column spans.

Every renderer (HTML, DOCX, XLSX) draws these grids, so the merged headers are defined once. The layout follows
the blank template circulated with 国办公开办函〔2021〕30号 (same structure for 〔2019〕60号 where the tables agree).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.core.report import formats
from gongkai.core.report.checks import CellRef
from gongkai.core.report.formats import APPEALS, PROACTIVE, REQUESTS, Template
from gongkai.core.report.model import AnnualReport, format_number

CAPTION = "caption"
HEADER = "header"
LABEL = "label"
VALUE = "value"


@dataclass(frozen=True)
class GridCell:
    text: str
    kind: str
    rowspan: int = 1
    colspan: int = 1
    ref: CellRef | None = None  # for value cells: (table, key, column)


@dataclass
class GridTable:
    """One table: ``rows`` hold only the cells that start there (spanned positions are omitted, as in HTML)."""

    key: str
    section: formats.SectionSpec
    grid: int
    widths: tuple[float, ...]  # relative column widths, summing to 1
    header_rows: int  # leading rows that repeat on every page
    rows: list[list[GridCell]] = field(default_factory=list)
    blocks: tuple[
        int, ...
    ] = ()  # first row of each block of body rows to keep on one page (table 二's items)


def cell_text(report: AnnualReport, ref: CellRef) -> str:
    """What a value cell shows: the text it was read from, else the printed number, else nothing."""
    cell = report.cell(*ref)
    if cell is None:
        return ""
    return cell.raw if cell.raw.strip() else format_number(cell.value)


def proactive_table(spec: Template, report: AnnualReport) -> GridTable:
    label_span = spec.proactive_label_span
    value_grid = spec.proactive_grid - label_span
    rows: list[list[GridCell]] = []
    blocks: list[int] = []
    for sub in spec.proactive:
        blocks.append(len(rows))
        spans = [1] * len(sub.columns)
        spans[-1] = value_grid - len(sub.columns) + 1
        rows.append([GridCell(sub.caption, CAPTION, colspan=spec.proactive_grid)])
        header = [GridCell(formats.PROACTIVE_LABEL_HEADER, HEADER, colspan=label_span)]
        header += [GridCell(c.label, HEADER, colspan=s) for c, s in zip(sub.columns, spans, strict=True)]
        rows.append(header)
        for item in sub.rows:
            row = [GridCell(item.label, LABEL, colspan=label_span)]
            for col, span in zip(sub.columns, spans, strict=True):
                ref = (PROACTIVE, f"{item.key}.{col.key}", None)
                row.append(GridCell(cell_text(report, ref), VALUE, colspan=span, ref=ref))
            rows.append(row)
    label_width = 0.28 if label_span == 2 else 0.25
    widths = (label_width / label_span,) * label_span + ((1 - label_width) / value_grid,) * value_grid
    return GridTable(
        PROACTIVE, formats.section("proactive"), spec.proactive_grid, widths, 0, rows, tuple(blocks)
    )


def requests_table(spec: Template, report: AnnualReport) -> GridTable:
    columns = formats.REQUEST_COLUMNS
    orgs = [c for c in columns if c.key in formats.ORGANISATION_COLUMN_KEYS]
    rows: list[list[GridCell]] = [
        [
            GridCell(formats.REQUESTS_CORNER, HEADER, rowspan=3, colspan=3),
            GridCell(formats.APPLICANT_HEADER, HEADER, colspan=len(columns)),
        ],
        [
            GridCell(columns[0].label, HEADER, rowspan=2),
            GridCell(formats.ORGANISATION_HEADER, HEADER, colspan=len(orgs)),
            GridCell(columns[-1].label, HEADER, rowspan=2),
        ],
        [GridCell(c.label, HEADER) for c in orgs],
    ]
    results = [r for r in spec.request_rows if r.result or r.key == "total"]
    seen_groups: set[str] = set()
    for row in spec.request_rows:
        cells: list[GridCell] = []
        if row.key == results[0].key:
            cells.append(GridCell(formats.RESULTS_LABEL, LABEL, rowspan=len(results)))
        if row.group is None:
            in_results = row in results
            cells.append(GridCell(row.label, LABEL, colspan=2 if in_results else 3))
        else:
            if row.group not in seen_groups:
                seen_groups.add(row.group)
                size = sum(1 for r in spec.request_rows if r.group == row.group)
                cells.append(GridCell(row.group, LABEL, rowspan=size))
            cells.append(GridCell(row.label, LABEL))
        for col in columns:
            ref = (REQUESTS, row.key, col.key)
            cells.append(GridCell(cell_text(report, ref), VALUE, ref=ref))
        rows.append(cells)
    widths = (0.07, 0.1, 0.31) + (0.52 / 7,) * 7
    return GridTable(REQUESTS, formats.section("requests"), 10, widths, 3, rows)


def appeals_table(report: AnnualReport) -> GridTable:
    n = len(formats.APPEAL_COLUMNS)
    _, direct, after = formats.APPEAL_GROUPS
    rows: list[list[GridCell]] = [
        [
            GridCell(formats.REVIEW_HEADER, HEADER, colspan=n),
            GridCell(formats.LITIGATION_HEADER, HEADER, colspan=2 * n),
        ],
        [GridCell(c.label, HEADER, rowspan=2) for c in formats.APPEAL_COLUMNS]
        + [GridCell(direct.label, HEADER, colspan=n), GridCell(after.label, HEADER, colspan=n)],
        [GridCell(c.label, HEADER) for _ in (direct, after) for c in formats.APPEAL_COLUMNS],
        [
            GridCell(cell_text(report, (APPEALS, k, None)), VALUE, ref=(APPEALS, k, None))
            for k in formats.APPEAL_KEYS
        ],
    ]
    return GridTable(APPEALS, formats.section("appeals"), 3 * n, (1 / (3 * n),) * (3 * n), 3, rows)


def tables(report: AnnualReport) -> list[GridTable]:
    """Tables 二, 三, 四 of ``report`` in the layout of its template; none for ``older`` or unknown templates."""
    spec = report.spec
    if spec is None:
        return []
    return [proactive_table(spec, report), requests_table(spec, report), appeals_table(report)]


def kept_rows(table: GridTable, lines: int = 2) -> frozenset[int]:
    """Rows that must not start a new page: the first ``lines`` rows under a label spanning several rows, so that
    the label (三、本年度办理结果, （三）不予公开 …) is never cut off at the foot of a page."""
    kept: set[int] = set()
    for r, row in enumerate(table.rows):
        for cell in row:
            if cell.kind == LABEL and cell.rowspan > 1:
                kept.update(range(r + 1, r + min(cell.rowspan, lines + 1)))
    return frozenset(kept)


def positions(table: GridTable) -> list[list[tuple[int, GridCell]]]:
    """For each row, ``(grid column, cell)`` of the cells starting there, accounting for rowspans above."""
    taken: dict[tuple[int, int], bool] = {}
    placed: list[list[tuple[int, GridCell]]] = []
    for r, row in enumerate(table.rows):
        col = 0
        out = []
        for cell in row:
            while taken.get((r, col)):
                col += 1
            out.append((col, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[(r + dr, col + dc)] = True
            col += cell.colspan
        placed.append(out)
    return placed
