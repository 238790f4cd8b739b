"""Read one value cell: a number, blank, not applicable, a placeholder, or text around a number.

Returns the model's Cell plus the problems the cell itself shows (placeholder, template text, not a number);
blank cells are reported by the shared checks, which know which identities they block. The functions are pure
and the same cell texts (`0`, `1`, …) recur in every report, so they are cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gongkai.core.report.formats import PLACEHOLDER_PATTERNS
from gongkai.core.report.model import Cell

from .normalize import ascii_digits, squash

NOT_APPLICABLE = frozenset({"/", "-", "—", "——", "--", "－", "／", "无", "不适用", "\\"})
_NUMBER = re.compile(
    r"^(?P<sign>[+\-增减]?)\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?\s*(?P<unit>万元|元|万|件|项|个|条|次)?$"
)
_TRAILING_NUMBER = re.compile(
    r"^(?P<text>.*?[^\d.,+\-\s])\s*(?P<sign>[+\-]?)(?P<num>\d+)(?P<frac>\.\d+)?\s*(?P<unit>万元|元|件|项|个)?$"
)
_PLACEHOLDER_EXTRA = (
    re.compile(r"^[XxＸｘ×]+\s*[件项个]?$"),
    re.compile(r"年内.{0,20}(?:数量|总数|金额)$"),
    re.compile(r"^[+＋]?\s*[（(]增加数[）)]"),
)


@dataclass(frozen=True, slots=True)
class CellProblem:
    code: str  # placeholder, template-text, not-a-number
    evidence: str


@lru_cache(maxsize=1024)
def parse_cell(
    raw_text: str, *, decimal: bool = False, signed: bool = False
) -> tuple[Cell, CellProblem | None]:
    raw = squash(raw_text)
    if not raw:
        return Cell(None, ""), None
    text = ascii_digits(raw).replace(" ", "")
    if text in NOT_APPLICABLE:
        return Cell(None, raw), None
    number = _read_number(_NUMBER.match(text), decimal, signed)
    if number is not None:
        return Cell(number, raw), None
    if is_placeholder(raw):
        return Cell(None, raw), CellProblem("placeholder", raw)
    match = _TRAILING_NUMBER.match(text)
    if match:
        number = _read_number(match, decimal, signed)
        if number is not None:
            return Cell(number, raw), CellProblem("template-text", raw)
    return Cell(None, raw), CellProblem("not-a-number", raw)


@lru_cache(maxsize=1024)
def is_placeholder(raw: str) -> bool:
    text = squash(raw)
    if re.search(r"\d+\s*$", ascii_digits(text)) and "左栏所有总计" not in text:
        return False
    return any(p.search(text) for p in PLACEHOLDER_PATTERNS) or any(
        p.search(text) for p in _PLACEHOLDER_EXTRA
    )


@lru_cache(maxsize=1024)
def looks_like_value(raw_text: str) -> bool:
    """Whether a cell is a value cell (number, blank, `/`, placeholder, text ending in a number)."""
    raw = squash(raw_text)
    if not raw:
        return True
    text = ascii_digits(raw).replace(" ", "")
    if text in NOT_APPLICABLE or _NUMBER.match(text):
        return True
    if is_placeholder(raw):
        return True
    return bool(_TRAILING_NUMBER.match(text)) and len(text) < 80


def _read_number(match: re.Match | None, decimal: bool, signed: bool) -> int | Decimal | None:
    if match is None:
        return None
    digits = match.group("num").replace(",", "")
    frac = match.group("frac") or ""
    unit = match.group("unit") or ""
    try:
        value: int | Decimal = Decimal(digits + frac) if (decimal or frac) else int(digits)
    except (InvalidOperation, ValueError):
        return None
    if decimal and unit == "元":
        value = (Decimal(digits + frac) / Decimal(10000)).normalize()
    elif not decimal and isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    sign = match.group("sign")
    if sign in ("-", "减"):
        value = -value
    return value
