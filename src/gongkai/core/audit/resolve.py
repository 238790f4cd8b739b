"""Table 三 with digits run together: choose, among the readings of each glued row, those that make the whole
table add up (I1 per column: new + carried over = total + carried forward; I2 per column: total = the sum of
the result rows).

Every row reading already satisfies I3. The search fixes the total row and the I1 rows first (few readings,
checked together), then walks the result rows — those with fewest readings first — keeping each column's
running sum at or below the total, and collects the complete solutions (up to a cap). The best solution by the
readings' likelihood is written; a row stays `uncertain` only when the solutions disagree on it.
"""

from __future__ import annotations

import itertools

from gongkai.core.report import formats
from gongkai.core.report.formats import REQUESTS, Template

from .glued import cost

MAX_SOLUTIONS = 24
MAX_STEPS = 60_000
_WIDTH = len(formats.REQUEST_COLUMN_KEYS)


def resolve_requests(result, template: Template, write_row) -> None:
    """Rewrite the glued rows of ``result`` (a tables.TableResult) with the jointly consistent reading."""
    open_rows = {k: v for k, v in result.candidates.items() if len(v[1]) > 1}
    if not open_rows:
        return
    options = _options(result, open_rows)
    solutions = _solutions(options, template)
    if not solutions:
        return
    best = min(solutions, key=lambda s: sum(cost(v) for k, v in s.items() if k in open_rows))
    for key in open_rows:
        spec, _, glued = open_rows[key]
        agreed = len(solutions) < MAX_SOLUTIONS and all(s[key] == best[key] for s in solutions)
        if agreed and key in result.uncertain_rows:
            result.uncertain_rows.remove(key)
        write_row(REQUESTS, spec, [str(v) for v in best[key]], glued, not agreed, result)


def _options(result, open_rows) -> dict[str, list[tuple]]:
    """Every row's possible readings: the glued rows' candidates, the other rows' values (None when blank)."""
    options: dict[str, list[tuple]] = {}
    for row, cells in result.cells.items():
        if row in open_rows:
            options[row] = [tuple(c) for c in open_rows[row][1]]
        else:
            options[row] = [
                tuple(cells[c].value if c in cells else None for c in formats.REQUEST_COLUMN_KEYS)
            ]
    return options


def _solutions(options: dict[str, list[tuple]], template: Template) -> list[dict[str, tuple]]:
    results = [r for r in template.result_row_keys if r in options]
    heads = [r for r in ("new", "carried_over", "total", "carried_forward") if r in options]
    found: list[dict[str, tuple]] = []
    budget = [MAX_STEPS]
    for combination in itertools.islice(itertools.product(*(options[r] for r in heads)), MAX_STEPS):
        chosen = dict(zip(heads, combination, strict=True))
        if not _i1_holds(chosen):
            continue
        total = chosen.get("total")
        checkable = total is not None and len(results) == len(template.result_row_keys)
        order = sorted(results, key=lambda r: len(options[r]))
        _walk(order, options, chosen, [0] * _WIDTH, total if checkable else None, found, budget)
        if len(found) >= MAX_SOLUTIONS or budget[0] <= 0:
            break
    return found


def _i1_holds(chosen: dict[str, tuple]) -> bool:
    rows = [chosen.get(r) for r in ("new", "carried_over", "total", "carried_forward")]
    if any(r is None for r in rows):
        return True
    for column in range(_WIDTH):
        values = [r[column] for r in rows]
        if None not in values and values[0] + values[1] != values[2] + values[3]:
            return False
    return True


def _walk(order, options, chosen, sums, total, found, budget) -> None:
    """Depth-first over the result rows; with a known total, prune any column whose running sum exceeds it."""
    budget[0] -= 1
    if budget[0] <= 0 or len(found) >= MAX_SOLUTIONS:
        return
    if not order:
        if total is None or all(t is None or s == t for s, t in zip(sums, total, strict=True)):
            found.append(dict(chosen))
        return
    row, rest = order[0], order[1:]
    for reading in options[row]:
        added = [s + (v or 0) for s, v in zip(sums, reading, strict=True)]
        if total is not None and any(t is not None and a > t for a, t in zip(added, total, strict=True)):
            continue
        chosen[row] = reading
        _walk(rest, options, chosen, added, total, found, budget)
    chosen.pop(row, None)
