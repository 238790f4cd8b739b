"""信息处理费 (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号).

Two progressive (超额累进) methods, never both for one application (第三条):

- 按件 (by count), per applicant per calendar month: applications 1–10 free, 11–30 at 100元 each, and from 31 on
  each further band of 10 costs 100元 more per application (31–40: 200元, 41–50: 300元, …).
- 按量 (by pages), per application: pages 1–30 free, 31–100 at 10元, 101–200 at 20元, 201 and up at 40元 a page.

Amounts are whole yuan (int). The schedules are data (`CountSchedule`, `PAGE_BANDS`) so a change of the rules is
a change of values, not of code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "PAGE_BANDS",
    "Band",
    "CountSchedule",
    "Fee",
    "FeeError",
    "Method",
    "fee_for_application",
    "fee_for_month_total",
    "fee_for_nth",
    "fee_for_pages",
    "band_lines",
    "schedule_lines",
]


class FeeError(ValueError):
    """Invalid fee question (negative count, both methods at once …); the message is in Chinese."""


class Method(StrEnum):
    COUNT = "count"
    PAGES = "pages"


UNITS = {Method.COUNT: "件", Method.PAGES: "页"}


@dataclass(frozen=True)
class Band:
    """One band of a progressive schedule as applied: items `start`..`end` (None: no upper end)."""

    start: int
    end: int | None
    unit_price: int
    count: int
    subtotal: int

    def to_dict(self) -> dict:
        return {
            "from": self.start,
            "to": self.end,
            "unit_price": self.unit_price,
            "count": self.count,
            "subtotal": self.subtotal,
        }


@dataclass(frozen=True)
class Fee:
    method: Method
    quantity: int
    amount: int
    bands: tuple[Band, ...]

    def to_dict(self) -> dict:
        return {"fee": self.amount, "bands": [b.to_dict() for b in self.bands]}


@dataclass(frozen=True)
class CountSchedule:
    """按件: `free` applications free, then up to `first_end` at `first_price`, then bands of `step` that each
    cost `step_price` more per application than the one before."""

    free: int = 10
    first_end: int = 30
    first_price: int = 100
    step: int = 10
    step_price: int = 100

    def band_of(self, n: int) -> tuple[int, int | None, int]:
        """The band (start, end, unit price) that holds the n-th application (n ≥ 1)."""
        if n <= self.free:
            return 1, self.free, 0
        if n <= self.first_end:
            return self.free + 1, self.first_end, self.first_price
        i = (n - self.first_end - 1) // self.step
        start = self.first_end + 1 + i * self.step
        return start, start + self.step - 1, self.first_price + (i + 1) * self.step_price


# (start, end, unit price); the last band has no end.
PAGE_BANDS: tuple[tuple[int, int | None, int], ...] = (
    (1, 30, 0),
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)

COUNT_SCHEDULE = CountSchedule()


def _check(value: int, name: str, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FeeError(f"{name}应为不小于 {minimum} 的整数，收到 {value!r}")


def _apply(quantity: int, bands: list[tuple[int, int | None, int]]) -> tuple[int, tuple[Band, ...]]:
    used = []
    for start, end, price in bands:
        if quantity < start:
            break
        count = min(quantity, end if end is not None else quantity) - start + 1
        used.append(Band(start, end, price, count, count * price))
    return sum(b.subtotal for b in used), tuple(used)


def fee_for_nth(n: int, schedule: CountSchedule = COUNT_SCHEDULE) -> Fee:
    """按件: the fee for an applicant's n-th application in a calendar month (n ≥ 1)."""
    _check(n, "当月第几件申请", 1)
    start, end, price = schedule.band_of(n)
    return Fee(Method.COUNT, n, price, (Band(start, end, price, 1, price),))


def fee_for_month_total(total: int, schedule: CountSchedule = COUNT_SCHEDULE) -> Fee:
    """按件: the fees of an applicant's `total` applications in one calendar month (total ≥ 0)."""
    _check(total, "当月申请件数", 0)
    bands = []
    n = 1
    while n <= total:
        band = schedule.band_of(n)
        bands.append(band)
        n = band[1] + 1
    amount, used = _apply(total, bands)
    return Fee(Method.COUNT, total, amount, used)


def fee_for_pages(pages: int, bands: tuple[tuple[int, int | None, int], ...] = PAGE_BANDS) -> Fee:
    """按量: the fee for one application providing `pages` pages (pages ≥ 0)."""
    _check(pages, "页数", 0)
    amount, used = _apply(pages, list(bands))
    return Fee(Method.PAGES, pages, amount, used)


def fee_for_application(*, nth: int | None = None, pages: int | None = None) -> Fee:
    """The fee of one application by exactly one method: `nth` (按件) or `pages` (按量), never both (第三条)."""
    if nth is not None and pages is not None:
        raise FeeError("同一申请只能选择一种收费方式：按件或按量，不能同时适用（109号第三条）")
    if nth is not None:
        return fee_for_nth(nth)
    if pages is not None:
        return fee_for_pages(pages)
    raise FeeError("请给出收费方式：按件（当月第几件）或按量（页数）")


def _range(start: int, end: int | None, unit: str) -> str:
    return f"第{start}{unit}以上" if end is None else f"第{start}—{end}{unit}"


def band_lines(fee: Fee) -> list[str]:
    """How `fee` was computed, one line per band used (for the fee step and the fee notice)."""
    unit = UNITS[fee.method]
    return [
        f"{_range(b.start, b.end, unit)}：免费（{b.count}{unit}）"
        if not b.unit_price
        else f"{_range(b.start, b.end, unit)}：每{unit}{b.unit_price}元 × {b.count}{unit} = {b.subtotal}元"
        for b in fee.bands
    ]


def schedule_lines(method: Method, schedule: CountSchedule = COUNT_SCHEDULE, upto: int = 60) -> list[str]:
    """The bands of a method as a table's lines (按件 up to the `upto`-th application of the month)."""
    unit = UNITS[Method(method)]
    if Method(method) is Method.PAGES:
        bands = list(PAGE_BANDS)
    else:
        bands, n = [], 1
        while n <= upto:
            band = schedule.band_of(n)
            bands.append(band)
            n = band[1] + 1
        bands.append((n, None, None))
    return [
        f"{_range(start, end, unit)}：{'免费' if price == 0 else f'每{unit}{price}元' if price else '依此类推'}"
        for start, end, price in bands
    ]
