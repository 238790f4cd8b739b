"""Chinese working days (工作日) as data.

A working day is Monday–Friday, minus the statutory holidays, plus the weekend days a State Council notice
declares working days (调休上班). Each year's notice is one `YearCalendar`; a `Calendar` is a set of them,
immutable, and answers working-day arithmetic in constant time: for the span the notices cover it keeps the
working days as a sorted array of ordinals and, for each day, how many working days there are up to it, so
`add_workdays` is two list look-ups; outside that span a closed formula over weekdays is used.

A year with no notice loaded is computed on weekdays alone; results that touched such a year are
*provisional* (`add_workdays_ex`, `workdays_between_ex`, `touches_unknown`) and are recomputed once the
year's notice is loaded (`Calendar.with_year`).

Counting convention: the day of the triggering event is not counted. `add_workdays(d, n)` is the n-th working
day after `d` (n = 0 gives `d`); `workdays_between(a, b)` is the number of working days in (a, b].
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

__all__ = [
    "Calendar",
    "CalendarError",
    "CalendarNote",
    "YearCalendar",
    "format_calendar_text",
    "parse_calendar_text",
    "year_ranges",
]

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

_fromordinal = date.fromordinal


class CalendarError(ValueError):
    """Invalid calendar data; the message is in Chinese and names the line where there is one."""


def _weekdays_upto(ordinal: int) -> int:
    """Number of Monday–Friday days with ordinal in [1, ordinal] (ordinal 1, 0001-01-01, is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def _nth_weekday(k: int) -> int:
    """Ordinal of the k-th Monday–Friday day counted from 0001-01-01 (k ≥ 1); inverse of `_weekdays_upto`."""
    weeks, rest = divmod(k - 1, 5)
    return 7 * weeks + rest + 1


def _date_problem(year: int, d: date, kind: str) -> str | None:
    """Why `d` cannot be a `kind` ("holiday" / "workday") date of `year`'s notice, or None if it can.

    A notice for year N may reach back into December of N−1 (元旦 blocks such as 2018-12-30..2019-01-01 with
    2018-12-29 worked); nothing else outside year N belongs to it.
    """
    if not (date(year - 1, 12, 1) <= d <= date(year, 12, 31)):
        return f"日期 {d.isoformat()} 不属于 {year} 年的节假日安排（只允许 {year} 年及上年 12 月的日期）"
    if kind == "workday" and d.weekday() < 5:
        return f"{d.isoformat()} 是{WEEKDAY_NAMES[d.weekday()]}，本来就是工作日，不能列为调休上班日"
    return None


@dataclass(frozen=True)
class YearCalendar:
    """One year's notice: days off (`holidays`) and weekend days worked (`workdays`), each with a label.

    `holidays` may include the weekend days of a holiday block (they are off anyway; keeping them shows the
    block as the notice states it). `workdays` must be Saturdays or Sundays.
    """

    year: int
    holidays: Mapping[date, str] = field(default_factory=dict)
    workdays: Mapping[date, str] = field(default_factory=dict)
    title: str = ""

    def __post_init__(self):
        for kind, days in (("holiday", self.holidays), ("workday", self.workdays)):
            for d in days:
                problem = _date_problem(self.year, d, kind)
                if problem:
                    raise CalendarError(problem)
        both = sorted(set(self.holidays) & set(self.workdays))
        if both:
            raise CalendarError(f"{both[0].isoformat()} 不能既是放假日又是调休上班日")


@dataclass(frozen=True)
class CalendarNote:
    """A holiday block or a make-up working day, for explanations."""

    kind: str  # "holiday", "workday" or "unknown" (a year with no notice loaded)
    start: date
    end: date
    label: str

    def text(self) -> str:
        span = self.start.isoformat() if self.start == self.end else f"{self.start} 至 {self.end}"
        if self.kind == "holiday":
            return f"{span} {self.label}放假不计"
        if self.kind == "workday":
            return f"{span}（{WEEKDAY_NAMES[self.start.weekday()]}）{self.label}，计入"
        return f"{span} 所在年度（{self.label}）节假日安排尚未载入，按周一至周五计算（暂定）"


class Calendar:
    """Working-day arithmetic over a set of yearly notices. Immutable; `with_year` returns a new one."""

    __slots__ = (
        "_years",
        "_ords",
        "_len",
        "_start",
        "_end",
        "_base",
        "_top",
        "_off",
        "_on",
        "_blocks",
        "_block_ends",
        "_makeup",
        "_makeup_days",
        "_upto",
        "_span",
    )

    def __init__(self, years: Iterable[YearCalendar] = ()):
        self._years: dict[int, YearCalendar] = {}
        for yc in years:
            if yc.year in self._years:
                raise CalendarError(f"{yc.year} 年的节假日安排重复")
            self._years[yc.year] = yc
        self._off: dict[date, str] = {}
        self._on: dict[date, str] = {}
        for yc in self._years.values():
            self._off.update(yc.holidays)
            self._on.update(yc.workdays)
        clash = sorted(set(self._off) & set(self._on))
        if clash:
            raise CalendarError(f"{clash[0].isoformat()} 在不同年度的安排中既是放假日又是调休上班日")
        self._build()

    def _build(self) -> None:
        """Precompute the working days of the span the notices cover.

        `_start`..`_end` (ordinals, inclusive) is that span; `_ords` its working days in order; `_upto[k]` the
        number of them up to and including day `_start + k`, so add_workdays is two list look-ups.
        `_base` is the count of weekdays before the span, so the cumulative working-day count W(o) is
        continuous across the span's edges.
        """
        if not self._years:
            self._start, self._end = 1, 0
        else:
            dates = [*self._off, *self._on]
            self._start = min([date(min(self._years), 1, 1), *dates]).toordinal()
            self._end = max([date(max(self._years), 12, 31), *dates]).toordinal()
        off = {d.toordinal() for d in self._off if d.weekday() < 5}
        on = {d.toordinal() for d in self._on}
        flags = [o in on or ((o - 1) % 7 < 5 and o not in off) for o in range(self._start, self._end + 1)]
        self._ords = [o for o, flag in zip(range(self._start, self._end + 1), flags, strict=True) if flag]
        self._upto = list(accumulate(flags))
        self._span = len(flags)
        self._len = len(self._ords)
        self._base = _weekdays_upto(self._start - 1)
        self._top = self._base + self._len
        self._blocks = self._holiday_blocks()
        self._block_ends = [n.end for n in self._blocks]
        self._makeup = [CalendarNote("workday", d, d, self._on[d]) for d in sorted(self._on)]
        self._makeup_days = [n.start for n in self._makeup]

    def _holiday_blocks(self) -> list[CalendarNote]:
        """Runs of consecutive days off that include a weekday, labelled with their holidays' names."""
        blocks: list[CalendarNote] = []
        run: list[date] = []
        for d in [*sorted(self._off), None]:
            if run and (d is None or d - run[-1] != timedelta(days=1)):
                if any(x.weekday() < 5 for x in run):
                    label = "、".join(dict.fromkeys(self._off[x] for x in run))
                    blocks.append(CalendarNote("holiday", run[0], run[-1], label))
                run = []
            if d is not None:
                run.append(d)
        return blocks

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    def from_chinesecalendar(cls) -> Calendar:
        """The calendar seeded from the `chinesecalendar` package (2004–2026 in version 1.11).

        Each date is filed under its own year (2018-12-29, worked for 元旦 2019, is filed under 2018).
        """
        from chinese_calendar import constants as cc

        def chinese(value: str) -> str:
            return cc.Holiday(value).chinese

        years = sorted({d.year for d in (*cc.holidays, *cc.workdays)})
        return cls(
            YearCalendar(
                year=y,
                holidays={d: chinese(v) for d, v in cc.holidays.items() if d.year == y},
                workdays={d: f"{chinese(v)}调休上班" for d, v in cc.workdays.items() if d.year == y},
                title=f"{y} 年节假日安排（chinesecalendar 数据）",
            )
            for y in years
        )

    def with_year(self, yc: YearCalendar) -> Calendar:
        """A new calendar with `yc` added, or replacing the notice already held for that year."""
        return Calendar([*(v for y, v in self._years.items() if y != yc.year), yc])

    def without_year(self, year: int) -> Calendar:
        """A new calendar without `year`'s notice (that year becomes provisional)."""
        return Calendar(v for y, v in self._years.items() if y != year)

    @property
    def known_years(self) -> frozenset[int]:
        return frozenset(self._years)

    def year(self, year: int) -> YearCalendar | None:
        return self._years.get(year)

    # -- arithmetic ---------------------------------------------------------------------------------

    def is_workday(self, d: date) -> bool:
        if d in self._on:
            return True
        return d.weekday() < 5 and d not in self._off

    def _count(self, o: int) -> int:
        """W(o): working days with ordinal ≤ o since 0001-01-01 (weekdays alone outside the known span)."""
        if o < self._start:
            return _weekdays_upto(o)
        if o > self._end:
            return self._top + _weekdays_upto(o) - _weekdays_upto(self._end)
        return self._base + self._upto[o - self._start]

    def _nth(self, k: int) -> int:
        """Ordinal of the k-th working day since 0001-01-01; inverse of `_count`."""
        if k <= self._base:
            return _nth_weekday(k)
        if k <= self._top:
            return self._ords[k - self._base - 1]
        return _nth_weekday(k - self._top + _weekdays_upto(self._end))

    def add_workdays(self, d: date, n: int) -> date:
        """The n-th working day after `d` (n ≥ 0; n = 0 gives `d` itself)."""
        k = d.toordinal() - self._start
        if n > 0 and 0 <= k < self._span:
            i = self._upto[k] + n - 1
            if i < self._len:
                return _fromordinal(self._ords[i])
        if n == 0:
            return d
        if n < 0:
            raise ValueError(f"工作日数不能为负数：{n}")
        return _fromordinal(self._nth(self._count(d.toordinal()) + n))

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in (a, b]: 0 when a == b, negative when b < a."""
        return self._count(b.toordinal()) - self._count(a.toordinal())

    def touches_unknown(self, a: date, b: date) -> bool:
        """Whether any day in (a, b] (or (b, a]) falls in a year with no notice loaded."""
        if b < a:
            a, b = b, a
        if a == b:
            return False
        years = self._years
        return any(y not in years for y in range((a + timedelta(days=1)).year, b.year + 1))

    def add_workdays_ex(self, d: date, n: int) -> tuple[date, bool]:
        """`add_workdays` and whether the result is provisional."""
        result = self.add_workdays(d, n)
        return result, self.touches_unknown(d, result)

    def workdays_between_ex(self, a: date, b: date) -> tuple[int, bool]:
        """`workdays_between` and whether the count is provisional."""
        return self.workdays_between(a, b), self.touches_unknown(a, b)

    def notes(self, a: date, b: date) -> list[CalendarNote]:
        """Holiday blocks (with a weekday off), make-up days and unknown years that touch (a, b], by date.

        Adjacent days off form one block whatever their labels (2025-10-01..08 is "国庆节、中秋").
        """
        if b <= a:
            return []
        lo, hi = a + timedelta(days=1), b
        i = bisect_right(self._block_ends, lo - timedelta(days=1))
        notes = []
        for block in self._blocks[i:]:
            if block.start > hi:
                break
            notes.append(block)
        j = bisect_right(self._makeup_days, a)
        for note in self._makeup[j:]:
            if note.start > hi:
                break
            notes.append(note)
        for y in range(lo.year, hi.year + 1):
            if y not in self._years:
                notes.append(
                    CalendarNote("unknown", max(lo, date(y, 1, 1)), min(hi, date(y, 12, 31)), f"{y} 年")
                )
        notes.sort(key=lambda n: n.start)
        return notes


# -- the text format ----------------------------------------------------------------------------------

_DATE = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_LINE = re.compile(rf"^(holiday|workday)\s+{_DATE}(?:\s*\.\.\s*{_DATE})?(?:\s+(.*))?$")
_YEAR = re.compile(r"^year\s+(\d{4})$")
_TITLE = re.compile(r"^title\s+(.+)$")


def _make_date(parts: tuple[str, str, str], lineno: int) -> date:
    try:
        return date(*map(int, parts))
    except ValueError:
        raise CalendarError(f"第 {lineno} 行：日期 {'-'.join(parts)} 不存在") from None


def parse_calendar_text(text: str) -> YearCalendar:
    """Parse one year's notice written in the text format of docs/calendar.md.

    ```
    # comments and blank lines are ignored
    year 2027
    title 国务院办公厅关于2027年部分节假日安排的通知
    holiday 2027-02-06..2027-02-13  春节
    workday 2027-02-14  春节调休上班
    ```
    Raises `CalendarError` with the line number on the first problem.
    """
    year: int | None = None
    title = ""
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    seen: dict[date, int] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip().replace("\u3000", " ")
        if not line:
            continue
        if m := _YEAR.match(line):
            if year is not None:
                raise CalendarError(f"第 {lineno} 行：year 只能出现一次")
            year = int(m.group(1))
            continue
        if m := _TITLE.match(line):
            title = m.group(1).strip()
            continue
        m = _LINE.match(line)
        if not m:
            raise CalendarError(
                f"第 {lineno} 行：无法识别“{line}”；应为 year YYYY、title 标题、"
                "holiday YYYY-MM-DD[..YYYY-MM-DD] [说明] 或 workday YYYY-MM-DD [说明]"
            )
        if year is None:
            raise CalendarError(f"第 {lineno} 行：请先用 year YYYY 写明年度")
        kind = m.group(1)
        start = _make_date(m.group(2, 3, 4), lineno)
        end = _make_date(m.group(5, 6, 7), lineno) if m.group(5) else start
        if end < start:
            raise CalendarError(f"第 {lineno} 行：起始日 {start} 晚于结束日 {end}")
        if (end - start).days > 31:
            raise CalendarError(f"第 {lineno} 行：{start} 至 {end} 超过 31 天，请检查日期")
        label = (m.group(8) or "").strip() or ("放假" if kind == "holiday" else "调休上班")
        target = holidays if kind == "holiday" else workdays
        d = start
        while d <= end:
            problem = _date_problem(year, d, kind)
            if problem:
                raise CalendarError(f"第 {lineno} 行：{problem}")
            if d in seen:
                raise CalendarError(f"第 {lineno} 行：{d} 已在第 {seen[d]} 行出现过")
            seen[d] = lineno
            target[d] = label
            d += timedelta(days=1)
    if year is None:
        raise CalendarError("缺少 year 行（例如 year 2027）")
    return YearCalendar(year=year, holidays=holidays, workdays=workdays, title=title)


def year_ranges(yc: YearCalendar) -> list[tuple[str, date, date, str]]:
    """`yc` as (kind, start, end, label) rows in date order: consecutive days of the same kind and label
    form one row; kind is "holiday" or "workday". The text format and the admin form both use these rows."""
    entries = sorted(
        [(d, "holiday", label) for d, label in yc.holidays.items()]
        + [(d, "workday", label) for d, label in yc.workdays.items()]
    )
    rows: list[tuple[str, date, date, str]] = []
    for d, kind, label in entries:
        if rows and rows[-1][0] == kind and rows[-1][3] == label and d - rows[-1][2] == timedelta(days=1):
            rows[-1] = (kind, rows[-1][1], d, label)
        else:
            rows.append((kind, d, d, label))
    return rows


def format_calendar_text(yc: YearCalendar) -> str:
    """Write `yc` in the text format; `parse_calendar_text` reads it back to an equal `YearCalendar`."""
    lines = [f"year {yc.year}"]
    if yc.title:
        lines.append(f"title {yc.title}")
    for kind, start, end, label in year_ranges(yc):
        span = start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"
        lines.append(f"{kind} {span}  {label}".rstrip())
    return "\n".join(lines) + "\n"
