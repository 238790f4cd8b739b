"""An ``AnnualReport`` as HTML: the whole report as a standalone printable document, or only its tables with the
cells that findings point at highlighted (the auditor's ``--html`` page).

The tables keep the official layout: merged header cells via ``rowspan``/``colspan``, header rows in ``<thead>``
so that they repeat on every printed page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from html import escape

from gongkai.core.render.layout import CAPTION, HEADER, LABEL, VALUE, GridCell, GridTable, kept_rows, tables
from gongkai.core.render.text import printable
from gongkai.core.report.checks import CellRef, finding_cells
from gongkai.core.report.formats import SECTIONS, TABLE_NAMES
from gongkai.core.report.model import AnnualReport, Finding

BODY_FONTS = '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", serif'
TITLE_FONTS = (
    '"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "宋体", "SimSun", "Noto Serif CJK SC", serif'
)
HEADING_FONTS = '"黑体", "SimHei", "Noto Sans CJK SC", sans-serif'
TABLE_FONTS = '"宋体", "SimSun", "Noto Serif CJK SC", serif'

TABLE_CSS = f"""
table.official {{ border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; font-family: {TABLE_FONTS};
  font-size: 10.5pt; line-height: 1.35; text-indent: 0; }}
table.official th, table.official td {{ border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle; }}
table.official th {{ font-weight: normal; text-align: center; }}
table.official th.label {{ text-align: left; }}
table.official th.label[rowspan] {{ vertical-align: top; padding-top: 4pt; }}
table.official th.caption {{ text-align: left; background: #c6d9f1; }}
table.official td {{ text-align: center; }}
table.official thead {{ display: table-header-group; }}
table.official tr {{ page-break-inside: avoid; break-inside: avoid; }}
table.official tr.keep {{ break-before: avoid; page-break-before: avoid; }}
table.official tbody.block {{ break-inside: avoid; page-break-inside: avoid; }}
table.official td.flag-error {{ background: #f8c9c4; outline: 2pt solid #c0392b; }}
table.official td.flag-warning {{ background: #fde9b6; outline: 2pt solid #d68910; }}
table.official td.flag-info {{ background: #d6eaf8; }}
table.official sup.ref {{ color: #c0392b; font-size: 7pt; }}
.audit-table {{ display: flex; gap: 12pt; align-items: flex-start; }}
.audit-table > .grid {{ flex: 3; }}
.audit-table > aside {{ flex: 1; font-size: 10pt; line-height: 1.4; }}
.audit-table li.error {{ color: #922b21; }}
.audit-table li.warning {{ color: #7e5109; }}
"""

DOCUMENT_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: {TABLE_FONTS}; font-size: 14pt; }} }}
html {{ background: #fff; }}
body {{ font-family: {BODY_FONTS}; font-size: 16pt; line-height: 28pt; color: #000; margin: 0; }}
article.report {{ max-width: 156mm; margin: 0 auto; }}
h1 {{ font-family: {TITLE_FONTS}; font-size: 22pt; line-height: 36pt; font-weight: bold; text-align: center;
  margin: 0 0 28pt; }}
h2 {{ font-family: {HEADING_FONTS}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  break-after: avoid; page-break-after: avoid; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
p.signature, p.date {{ text-align: right; text-indent: 0; padding-right: 2em; }}
p.signature {{ margin-top: 28pt; }}
/* The agency's name and the date never stand alone on a page: they stay with the last lines before them. */
p.signature, p.date {{ break-before: avoid; page-break-before: avoid; break-inside: avoid; }}
@media screen {{ body {{ padding: 24px; }} }}
{TABLE_CSS}
"""


def render_html(report: AnnualReport) -> str:
    """The report as a standalone HTML document: title, the six sections with their prose and tables."""
    report = printable(report)
    grids = {grid.key: grid for grid in tables(report)}
    parts = [f"<h1>{escape(report.title or '')}</h1>"]
    for spec in SECTIONS:
        section = report.section(spec.key)
        heading = f"{spec.number}、{section.heading if section else spec.heading}"
        body = paragraphs(section.text if section else "")
        if spec.key in grids:
            body += render_grid(grids[spec.key])
        parts.append(f'<section id="{spec.key}"><h2>{escape(heading)}</h2>{body}</section>')
    if report.agency:
        parts.append(f'<p class="signature">{escape(report.agency)}</p>')
    if report.published_on:
        parts.append(f'<p class="date">{chinese_date(report.published_on)}</p>')
    title = escape(report.title or "政府信息公开工作年度报告")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f"<style>{DOCUMENT_CSS}</style>\n</head>\n<body>\n"
        f'<article class="report">\n{chr(10).join(parts)}\n</article>\n</body>\n</html>\n'
    )


def render_tables(report: AnnualReport, findings: Sequence[Finding] | None = None) -> str:
    """An HTML fragment: tables 二–四 re-drawn with the cells of ``findings`` (default: the report's) highlighted
    and numbered, each finding listed beside its table. Style it with ``TABLE_CSS``."""
    findings = list(report.findings if findings is None else findings)
    spec = report.spec
    marks: dict[CellRef, list[tuple[int, Finding]]] = {}
    by_table: dict[str, list[tuple[int, Finding]]] = {}
    for number, finding in enumerate(findings, 1):
        refs = finding_cells(spec, finding) if spec else []
        for ref in refs:
            marks.setdefault(ref, []).append((number, finding))
        table = refs[0][0] if refs else _table_of(finding.where)
        if table:
            by_table.setdefault(table, []).append((number, finding))
    out = []
    for grid in tables(report):
        notes = "".join(
            f'<li class="{f.severity}" value="{n}"><b>{escape(f.code)}</b> {escape(f.message)}</li>'
            for n, f in by_table.get(grid.key, [])
        )
        out.append(
            f'<div class="audit-table"><div class="grid"><h3>{TABLE_NAMES[grid.key]} {escape(grid.section.heading)}'
            f"</h3>{render_grid(grid, marks)}</div><aside><ol>{notes}</ol></aside></div>"
        )
    return "\n".join(out)


_TABLE_BY_NAME = {name: key for key, name in TABLE_NAMES.items()}


def _table_of(where: str) -> str | None:
    return _TABLE_BY_NAME.get(where.split("/", 1)[0])


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def render_grid(grid: GridTable, marks: dict[CellRef, list[tuple[int, Finding]]] | None = None) -> str:
    """One table in the official layout; ``marks`` highlight value cells and add the findings' numbers."""
    marks = marks or {}
    head = grid.rows[: grid.header_rows]
    body = grid.rows[grid.header_rows :]
    widths = "".join(f'<col style="width:{w * 100:.2f}%">' for w in grid.widths)
    kept = {r - grid.header_rows for r in kept_rows(grid)}
    thead = f"<thead>{_rows(head, marks)}</thead>" if head else ""
    starts = [b - grid.header_rows for b in grid.blocks] or [0]
    bounds = zip(starts, [*starts[1:], len(body)], strict=True)
    css = ' class="block"' if grid.blocks else ""
    tbodies = "".join(f"<tbody{css}>{_rows(body[a:b], marks, kept, a)}</tbody>" for a, b in bounds)
    return (
        f'<table class="official {grid.key}" data-table="{grid.key}"><colgroup>{widths}</colgroup>'
        f"{thead}{tbodies}</table>"
    )


def _rows(
    rows: Sequence[list[GridCell]],
    marks: dict[CellRef, list[tuple[int, Finding]]],
    kept: Iterable[int] = (),
    offset: int = 0,
) -> str:
    kept = set(kept)
    return "".join(
        f"<tr{_row_class(row, offset + i in kept)}>" + "".join(_cell(c, marks) for c in row) + "</tr>"
        for i, row in enumerate(rows)
    )


def _row_class(row: list[GridCell], kept: bool) -> str:
    """Caption and header rows are marked for styling; ``keep`` rows stay on the page of the row above."""
    classes = []
    if row and row[0].kind == CAPTION:
        classes.append("caption")
    elif row and row[0].kind == HEADER:
        classes.append("head")
    if kept:
        classes.append("keep")
    return f' class="{" ".join(classes)}"' if classes else ""


def _cell(cell: GridCell, marks: dict[CellRef, list[tuple[int, Finding]]]) -> str:
    spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    )
    text = escape(cell.text).replace("\n", "<br>")
    if cell.kind != VALUE:
        css = {CAPTION: "caption", HEADER: "head", LABEL: "label"}[cell.kind]
        return f'<th class="{css}"{spans}>{text}</th>'
    table, key, column = cell.ref
    attrs = f' data-key="{escape(key)}"' + (f' data-column="{column}"' if column else "")
    found = marks.get(cell.ref)
    if found:
        worst = min((f.severity for _, f in found), key=lambda s: _SEVERITY_ORDER.get(s, 3))
        tip = escape("\n".join(f.message for _, f in found), quote=True)
        numbers = ",".join(str(n) for n, _ in found)
        return f'<td class="flag-{worst}" title="{tip}"{attrs}{spans}>{text}<sup class="ref">{numbers}</sup></td>'
    return f"<td{attrs}{spans}>{text}</td>"


def paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
