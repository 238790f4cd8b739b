"""Split digits run together by a crawler (`21710000218` = 217|1|0|0|0|0|218) using the row's identities.

The splits into the wanted number of parts without leading zeros are enumerated with the identity pruning the
search: for a table 三 row the last number (总计) is chosen first and the others must add up to it; for the
table 四 row each group of five ends with the sum of its four. The readings are ranked by how likely their
numbers are (small numbers, and zeros in the rarely used columns, are the common case in published reports), so
that the first is the best guess; several readings → the cells are uncertain; none → the row is reported.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import lru_cache

from .limits import MAX_DIGITS

ROW_SUM = "row-sum"  # table 三 (I3): the last column is the sum of the others
GROUPS_OF_FIVE = "groups-of-five"  # table 四 (T4): each group of five ends with the sum of its four
MAX_CANDIDATES = 20_000


def _pieces(digits: str, parts: int, forced: frozenset[int], offset: int = 0) -> Iterator[list[int]]:
    """Every cut of `digits` into `parts` numbers without leading zeros that keeps the `forced` cut positions."""
    n = len(digits)
    if parts == 1:
        if (
            digits
            and (digits == "0" or digits[0] != "0")
            and not any(offset < f < offset + n for f in forced)
        ):
            yield [int(digits)]
        return
    for end in range(1, n - parts + 2):
        piece = digits[:end]
        if len(piece) > 1 and piece[0] == "0":
            return
        if any(offset < f < offset + end for f in forced):
            return
        for rest in _pieces(digits[end:], parts - 1, forced, offset + end):
            yield [int(piece), *rest]


def _bounded(digits: str, parts: int, total: int, forced: frozenset[int], offset: int) -> Iterator[list[int]]:
    """Cuts of `digits` into `parts` numbers that add up to `total`. Pruned: no part has more digits than the
    total, and the digits' own sum (the least any cut can add up to) must not exceed what is left."""
    if not forced:
        for cut in _free_cuts(digits, parts, total):
            yield list(cut)
        return
    n = len(digits)
    width = len(str(total))
    if n > parts * width or n < parts or not _least(digits, parts) <= total <= _most(digits, parts, width):
        return
    if parts == 1:
        well_formed = (digits == "0" or digits[0] != "0") and int(digits) == total
        if well_formed and not (forced and any(offset < f < offset + n for f in forced)):
            yield [total]
        return
    if digits == "0" * n:
        if n == parts and total == 0:
            yield [0] * n
        return
    for end in range(1, min(width, n - parts + 1) + 1):
        piece = digits[:end]
        if end > 1 and piece[0] == "0":
            return
        if forced and any(offset < f < offset + end for f in forced):
            return
        value = int(piece)
        if value > total:
            return
        for rest in _bounded(digits[end:], parts - 1, total - value, forced, offset + end):
            yield [value, *rest]


@lru_cache(maxsize=65_536)
def _free_cuts(digits: str, parts: int, total: int) -> tuple[tuple[int, ...], ...]:
    """_bounded without forced cuts, memoised: the same runs of digits (and their tails) recur row after row."""
    n = len(digits)
    width = len(str(total))
    if n > parts * width or n < parts or not _least(digits, parts) <= total <= _most(digits, parts, width):
        return ()
    if parts == 1:
        return ((total,),) if (digits == "0" or digits[0] != "0") and int(digits) == total else ()
    found = []
    for end in range(1, min(len(str(total)), n - parts + 1) + 1):
        if end > 1 and digits[0] == "0":
            break
        value = int(digits[:end])
        if value > total:
            break
        found += [(value, *rest) for rest in _free_cuts(digits[end:], parts - 1, total - value)]
    return tuple(found)


@lru_cache(maxsize=65_536)
def _most(digits: str, parts: int, width: int) -> int:
    """The largest sum of a cut of `digits` into `parts` numbers of at most `width` digits without leading
    zeros (-1 when there is none): a cut whose total is beyond it need not be searched."""
    n = len(digits)
    if n < parts or n > parts * width:
        return -1
    if parts == 1:
        return int(digits) if digits == "0" or digits[0] != "0" else -1
    best = -1
    for end in range(1, 2 if digits[0] == "0" else min(width, n - parts + 1) + 1):
        rest = _most(digits[end:], parts - 1, width)
        if rest >= 0:
            best = max(best, int(digits[:end]) + rest)
    return best


@lru_cache(maxsize=65_536)
def _least(digits: str, parts: int) -> int:
    """The smallest sum of a cut of `digits` into `parts` numbers without leading zeros (a large number when
    there is none)."""
    n = len(digits)
    if n < parts:
        return _NONE
    if parts == 1:
        return int(digits) if digits == "0" or digits[0] != "0" else _NONE
    best = _NONE
    for end in range(1, 2 if digits[0] == "0" else n - parts + 2):
        best = min(best, int(digits[:end]) + _least(digits[end:], parts - 1))
    return best


_NONE = 10**MAX_DIGITS


def _summed(digits: str, parts: int, forced: frozenset[int], offset: int = 0) -> Iterator[list[int]]:
    """Cuts whose last number is the sum of the others, the total chosen first (shortest first).

    A number is congruent to the sum of its digits modulo 9, so however the digits before the total are cut,
    their numbers add up to the sum of those digits modulo 9: a total that differs from it modulo 9 has no cut,
    and is passed over without a search."""
    n = len(digits)
    running = [0]
    for char in digits:
        running.append(running[-1] + ord(char) - 48)
    for start in range(n - 1, parts - 2, -1):
        total_text = digits[start:]
        if any(offset + start < f < offset + n for f in forced):
            return
        if len(total_text) > 1 and total_text[0] == "0":
            continue
        if (2 * running[start] - running[n]) % 9:
            continue  # head digits (running[start]) and total digits (running[n] - running[start]) differ mod 9
        total = int(total_text)
        for head in _bounded(digits[:start], parts - 1, total, forced, offset):
            yield [*head, total]


def _grouped(digits: str, groups: int, forced: frozenset[int], offset: int = 0) -> Iterator[list[int]]:
    if groups == 0:
        if not digits:
            yield []
        return
    for end in range(5, len(digits) - 5 * (groups - 1) + 1):
        for group in _summed(digits[:end], 5, forced, offset):
            for rest in _grouped(digits[end:], groups - 1, forced, offset + end):
                yield [*group, *rest]


def split_glued(
    pieces: list[str],
    parts: int,
    identity: str | None,
    signed_columns: frozenset[int] = frozenset(),
    limit: int = 64,
) -> list[list]:
    """Split consecutive pieces of digits (each may start with a sign; the last may end in decimals) into
    `parts` numbers. Returns up to `limit` readings; a sign applies to the first number of its piece, and only a
    signed column (本年增/减) may start with one."""
    signs: dict[int, int] = {}
    marked: set[int] = set()
    forced: set[int] = set()
    digits, fraction = "", ""
    for index, piece in enumerate(pieces):
        body = piece.lstrip("+-增减")
        if index == len(pieces) - 1 and "." in body:
            body, fraction = body.split(".", 1)
            fraction = "." + fraction
        if not body.isdigit() or (fraction and not fraction[1:].isdigit()):
            return []
        if digits:
            forced.add(len(digits))
        if piece[:1] in "-减":
            signs[len(digits)] = -1
        if piece[:1] in "+-增减":
            marked.add(len(digits))
        digits += body
    if len(digits) < parts or len(digits) > MAX_DIGITS:
        return []
    if len(digits) == parts and not fraction and not signs:  # one digit per number: the only cut there is
        single = [int(d) for d in digits]
        return [single] if _holds(single, identity) else []
    if identity == ROW_SUM and not fraction:
        generator = _summed(digits, parts, frozenset(forced))
    elif identity == GROUPS_OF_FIVE and parts % 5 == 0 and not fraction:
        generator = _grouped(digits, parts // 5, frozenset(forced))
    else:
        generator = _pieces(digits, parts, frozenset(forced))
    found: list[list] = []
    for count, candidate in enumerate(generator):
        if count > MAX_CANDIDATES:
            break
        if marked and not _signs_fit(candidate, marked, signed_columns):
            continue
        values: list = _signed(candidate, signs) if signs else list(candidate)
        if fraction:
            values[-1] = f"{values[-1]}{fraction}"
        found.append(values)
    found.sort(key=cost)
    return found[:limit]


def _holds(values: list[int], identity: str | None) -> bool:
    if identity == ROW_SUM:
        return sum(values[:-1]) == values[-1]
    if identity == GROUPS_OF_FIVE:
        return len(values) % 5 == 0 and all(
            sum(values[i : i + 4]) == values[i + 4] for i in range(0, len(values), 5)
        )
    return True


def cost(values: list) -> float:
    """How unlikely a reading is: the sum of the numbers' magnitudes (log scale), so that `22 | 13 | 100290`
    beats `22 | 1 | 3100290` and `15 | 2 | 0 …` beats `1 | 52 | 0 …`."""
    return sum(math.log1p(abs(float(v))) for v in values)


def _signs_fit(values: list[int], marked: set[int], signed_columns: frozenset[int]) -> bool:
    position = 0
    for index, value in enumerate(values):
        if position in marked and index not in signed_columns:
            return False
        position += len(str(value))
    return True


def _signed(values: list[int], signs: dict[int, int]) -> list[int]:
    result, position = [], 0
    for value in values:
        result.append(-value if signs.get(position) else value)
        position += len(str(value))
    return result
