"""A report as plain text in the shapes found in the wild, for round-trip tests and the benchmark.

- ``cells``: one cell per line indented with a tab, rows separated by blank lines (text copied from a web page);
- ``pipes``: one row per line, cells separated by `` | ``;
- ``tabs``: one row per line, cells separated by tabs;
- ``glued``: one row per line with the numbers of each row run together (``21710000218``), as crawlers leave them.
"""

from __future__ import annotations

from gongkai.core.render.layout import VALUE, tables
from gongkai.core.report.formats import SECTIONS
from gongkai.core.report.model import AnnualReport

LAYOUTS = ("cells", "pipes", "tabs", "glued")


def render_text(report: AnnualReport, layout: str = "cells") -> str:
    grids = {grid.key: grid for grid in tables(report)}
    lines = [report.title or "", ""]
    for spec in SECTIONS:
        section = report.section(spec.key)
        lines.append(f"{spec.number}、{section.heading if section else spec.heading}")
        if section and section.text:
            lines += [line for line in section.text.splitlines() if line.strip()]
        if spec.key in grids:
            lines += _table(grids[spec.key], layout)
            lines.append("")
    if report.agency:
        lines.append(report.agency)
    if report.published_on:
        day = report.published_on
        lines.append(f"{day.year}年{day.month}月{day.day}日")
    return "\n".join(lines) + "\n"


def _table(grid, layout: str) -> list[str]:
    out: list[str] = []
    for row in grid.rows:
        texts = [cell.text for cell in row]
        if layout == "cells":
            out += ["\t" + text for text in texts]
            out.append("")
        elif layout == "glued":
            labels = [c.text.replace("\n", "") for c in row if c.kind != VALUE]
            values = "".join(c.text for c in row if c.kind == VALUE)
            out.append(" ".join([*labels, values]).strip())
        else:
            separator = " | " if layout == "pipes" else "\t"
            out.append(separator.join(text.replace("\n", "") or " " for text in texts))
    return out
