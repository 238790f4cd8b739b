"""Working-day calendar: data, arithmetic, provisional years, the text format."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.calendar import (
    Calendar,
    CalendarError,
    YearCalendar,
    format_calendar_text,
    parse_calendar_text,
    year_ranges,
)

D = date.fromisoformat
SAMPLE_2027 = Path(__file__).parents[2] / "docs" / "calendar-2027-sample.txt"

# Every holiday block (days off, weekends included) and make-up working day of 2019–2026, as the State
# Council notices state them. Written out here, independently of chinesecalendar, so the calendar is checked
# against the notices rather than against itself.
BLOCKS = [
    ("2018-12-30", "2019-01-01"), ("2019-02-04", "2019-02-10"), ("2019-04-05", "2019-04-07"),
    ("2019-05-01", "2019-05-04"), ("2019-06-07", "2019-06-09"), ("2019-09-13", "2019-09-15"),
    ("2019-10-01", "2019-10-07"),
    ("2020-01-01", "2020-01-01"), ("2020-01-24", "2020-02-02"), ("2020-04-04", "2020-04-06"),
    ("2020-05-01", "2020-05-05"), ("2020-06-25", "2020-06-27"), ("2020-10-01", "2020-10-08"),
    ("2021-01-01", "2021-01-03"), ("2021-02-11", "2021-02-17"), ("2021-04-03", "2021-04-05"),
    ("2021-05-01", "2021-05-05"), ("2021-06-12", "2021-06-14"), ("2021-09-19", "2021-09-21"),
    ("2021-10-01", "2021-10-07"),
    ("2022-01-01", "2022-01-03"), ("2022-01-31", "2022-02-06"), ("2022-04-03", "2022-04-05"),
    ("2022-04-30", "2022-05-04"), ("2022-06-03", "2022-06-05"), ("2022-09-10", "2022-09-12"),
    ("2022-10-01", "2022-10-07"), ("2022-12-31", "2023-01-02"),
    ("2023-01-21", "2023-01-27"), ("2023-04-05", "2023-04-05"), ("2023-04-29", "2023-05-03"),
    ("2023-06-22", "2023-06-24"), ("2023-09-29", "2023-10-06"), ("2023-12-30", "2024-01-01"),
    ("2024-02-10", "2024-02-17"), ("2024-04-04", "2024-04-06"), ("2024-05-01", "2024-05-05"),
    ("2024-06-10", "2024-06-10"), ("2024-09-15", "2024-09-17"), ("2024-10-01", "2024-10-07"),
    ("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"),
    ("2025-05-01", "2025-05-05"), ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08"),
    ("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"),
    ("2026-05-01", "2026-05-05"), ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
    ("2026-10-01", "2026-10-07"),
]  # fmt: skip
MAKEUP = [
    "2018-12-29", "2019-02-02", "2019-02-03", "2019-04-28", "2019-05-05", "2019-09-29", "2019-10-12",
    "2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10",
    "2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26", "2021-10-09",
    "2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08", "2022-10-09",
    "2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08",
    "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12",
    "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
    "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
]  # fmt: skip

FIRST, LAST = date(2019, 1, 1), date(2026, 12, 31)


def _days(a: date, b: date):
    while a <= b:
        yield a
        a += timedelta(days=1)


OFF = {d for a, b in BLOCKS for d in _days(D(a), D(b))}
ON = {D(x) for x in MAKEUP}


def table_is_workday(d: date) -> bool:
    return d in ON or (d.weekday() < 5 and d not in OFF)


def table_add(d: date, n: int) -> date:
    """The n-th working day after d, counted day by day from the tables above."""
    while n:
        d += timedelta(days=1)
        n -= table_is_workday(d)
    return d


@pytest.fixture(scope="module")
def cal() -> Calendar:
    return Calendar.from_chinesecalendar()


@pytest.fixture(scope="module")
def sample_2027():
    return parse_calendar_text(SAMPLE_2027.read_text(encoding="utf-8"))


def test_seed_covers_2004_to_2026(cal):
    assert cal.known_years == frozenset(range(2004, 2027))


def test_seed_builds_fast():
    Calendar.from_chinesecalendar()  # imports chinesecalendar once
    start = time.perf_counter()
    Calendar.from_chinesecalendar()
    assert time.perf_counter() - start < 0.1


def test_tables_match_calendar_for_2019_to_2026(cal):
    for d in _days(FIRST - timedelta(days=3), LAST):
        assert cal.is_workday(d) == table_is_workday(d), d


@pytest.mark.parametrize(("start", "end"), BLOCKS)
def test_deadline_across_every_holiday_block(cal, start, end):
    before = D(start) - timedelta(days=1)
    for received in (before, before - timedelta(days=7), before - timedelta(days=20)):
        due = cal.add_workdays(received, 20)
        assert due == table_add(received, 20)
        assert not (D(start) <= due <= D(end))
        assert cal.workdays_between(received, due) == 20
    assert all(not cal.is_workday(d) for d in _days(D(start), D(end)))


@pytest.mark.parametrize("day", MAKEUP)
def test_deadline_across_every_makeup_day(cal, day):
    d = D(day)
    assert d.weekday() >= 5 and cal.is_workday(d)
    received = d - timedelta(days=10)
    assert cal.add_workdays(received, 20) == table_add(received, 20)
    # The make-up day itself is a counted day: the working day before it is followed by it.
    assert cal.add_workdays(d - timedelta(days=1), 1) == d


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        ("2024-01-26", 20, "2024-02-28"),  # 春节 2024, make-up 02-04 and 02-18 counted
        ("2025-01-24", 20, "2025-02-27"),  # 春节 2025, make-up 01-26 and 02-08 counted
        ("2020-01-20", 20, "2020-02-25"),  # 2020's Spring Festival extended to 02-02
        ("2020-01-23", 1, "2020-02-03"),  # nothing between 01-24 and 02-02 is a working day
        ("2020-01-18", 1, "2020-01-19"),  # Sunday make-up day before the 2020 Spring Festival
        ("2018-12-28", 1, "2018-12-29"),  # Saturday worked for 元旦 2019, held in the 2019 notice
        ("2025-09-30", 1, "2025-10-09"),  # 国庆节、中秋 2025, eight days
        ("2024-02-28", 0, "2024-02-28"),  # n = 0 is the day itself
        ("2024-02-10", 0, "2024-02-10"),  # even on a holiday
    ],
)
def test_known_deadlines(cal, received, n, due):
    assert cal.add_workdays(D(received), n) == D(due)


def test_2020_extension_days_are_off(cal):
    for d in _days(D("2020-01-31"), D("2020-02-02")):
        assert not cal.is_workday(d)
    assert cal.is_workday(D("2020-02-03"))


def test_exhaustive_against_day_by_day_count(cal):
    """For every start date 2004-01-01..2026-12-31 and n in 0..60, add_workdays equals a day-by-day count
    over chinesecalendar.is_workday (weekdays alone in 2027, which no notice covers)."""
    first, last = date(2004, 1, 1), date(2026, 12, 31)
    horizon = last + timedelta(days=120)
    flags = [
        chinese_calendar.is_workday(d) if d.year <= 2026 else d.weekday() < 5 for d in _days(first, horizon)
    ]
    workday_index = [i for i, flag in enumerate(flags) if flag]
    add = cal.add_workdays
    between = cal.workdays_between
    k = 0  # position in workday_index of the first working day after the start day
    for i in range((last - first).days + 1):
        while workday_index[k] <= i:
            k += 1
        start = first + timedelta(days=i)
        assert add(start, 0) == start
        # walk day by day from the start, recording each working day met
        expected = []
        j = i
        while len(expected) < 60:
            j += 1
            if flags[j]:
                expected.append(first + timedelta(days=j))
        assert workday_index[k] == (expected[0] - first).days
        got = [add(start, n) for n in range(1, 61)]
        assert got == expected, start
        assert between(start, expected[-1]) == 60


def test_cross_check_with_holidays_package(cal):
    """holidays.China lists days off (statutory, 补假, and weekdays given off as 调休 with the make-up date in
    the label "休息日（由 YYYY-MM-DD 调休）"). Working day there = a make-up date named in such a label, or a
    weekday that is not listed. For 2019–2026 it agrees with the calendar on every day."""
    h = holidays.China(years=range(2018, 2028), language="zh_CN")
    makeup = {D(m) for name in h.values() for m in re.findall(r"由 (\d{4}-\d{2}-\d{2}) 调休", name)}
    assert {d for d in makeup if FIRST <= d <= LAST} == {d for d in ON if d >= FIRST}
    disagreements = [
        d
        for d in _days(FIRST, LAST)
        if cal.is_workday(d) != (d in makeup or (d.weekday() < 5 and d not in h))
    ]
    assert disagreements == []


# -- properties --------------------------------------------------------------------------------------

SEEDED = Calendar.from_chinesecalendar()
dates = st.dates(date(1990, 1, 1), date(2040, 12, 31))
counts = st.integers(0, 400)


@given(dates, counts)
def test_between_inverts_add(d, n):
    cal = SEEDED
    result = cal.add_workdays(d, n)
    assert cal.workdays_between(d, result) == n
    if n:
        assert cal.is_workday(result)
        assert cal.workdays_between(d, result - timedelta(days=1)) == n - 1


@given(dates, dates)
def test_add_inverts_between(a, b):
    cal = SEEDED
    a, b = min(a, b), max(a, b)
    n = cal.workdays_between(a, b)
    assert n >= 0 and cal.workdays_between(b, a) == -n
    last = cal.add_workdays(a, n)
    assert last <= b
    assert cal.add_workdays(a, n + 1) > b


@given(dates, counts, st.sampled_from([(), (2010,), (2015, 2016), (2026,)]))
def test_arithmetic_with_years_removed_matches_weekday_rule(d, n, removed):
    """Years with no notice, inside or outside the known span, are counted on weekdays alone."""
    cal = SEEDED
    for y in removed:
        cal = cal.without_year(y)

    def is_workday(x):
        return SEEDED.is_workday(x) if x.year in cal.known_years else x.weekday() < 5

    expected, k = d, n
    while k:
        expected += timedelta(days=1)
        k -= is_workday(expected)
    assert cal.add_workdays(d, n) == expected


@given(dates, counts)
def test_empty_calendar_is_weekdays(d, n):
    cal = Calendar()
    expected, k = d, n
    while k:
        expected += timedelta(days=1)
        k -= expected.weekday() < 5
    assert cal.add_workdays(d, n) == expected
    assert cal.add_workdays_ex(d, n)[1] == (n > 0)


def test_negative_count_is_refused(cal):
    with pytest.raises(ValueError):
        cal.add_workdays(D("2024-01-01"), -1)


# -- provisional years ------------------------------------------------------------------------------


def test_deadline_into_unknown_year_is_provisional_then_recomputed(cal, sample_2027):
    received = D("2026-12-10")
    due, provisional = cal.add_workdays_ex(received, 20)
    assert (due, provisional) == (D("2027-01-07"), True)  # 2027-01-01 counted as a plain Friday
    loaded = cal.with_year(sample_2027)
    assert loaded.known_years == frozenset(range(2004, 2028))
    due, provisional = loaded.add_workdays_ex(received, 20)
    assert (due, provisional) == (D("2027-01-08"), False)  # 元旦 off in the (sample) notice
    assert cal.known_years == frozenset(range(2004, 2027))  # the original calendar is unchanged


def test_touches_unknown(cal):
    assert not cal.touches_unknown(D("2026-12-31"), D("2026-12-31"))
    assert not cal.touches_unknown(D("2026-01-01"), D("2026-12-31"))
    assert cal.touches_unknown(D("2026-12-31"), D("2027-01-01"))
    assert cal.touches_unknown(D("2027-01-01"), D("2026-12-31"))
    assert cal.touches_unknown(D("2003-12-30"), D("2004-01-05"))
    assert not cal.touches_unknown(D("2003-12-31"), D("2003-12-31"))
    assert cal.workdays_between_ex(D("2026-12-01"), D("2027-02-01"))[1] is True
    assert cal.without_year(2015).add_workdays_ex(D("2014-12-20"), 20)[1] is True


def test_with_year_replaces_a_year(cal):
    original = cal.year(2024)
    changed = YearCalendar(2024, {**original.holidays, D("2024-03-01"): "测试"}, original.workdays)
    replaced = cal.with_year(changed)
    assert not replaced.is_workday(D("2024-03-01"))
    assert cal.is_workday(D("2024-03-01"))
    assert replaced.add_workdays(D("2024-02-29"), 1) == D("2024-03-04")


def test_conflicting_notices_are_refused(cal):
    clash = YearCalendar(2025, {D("2024-12-29"): "测试"}, {})  # 2024-12-29 is not a 2024 make-up day …
    cal.with_year(clash)  # … so this is fine
    clash = YearCalendar(2025, {D("2024-12-01"): "测试"}, {D("2024-12-07"): "测试"})
    with pytest.raises(CalendarError, match="既是放假日又是调休上班日"):
        cal.with_year(clash).with_year(YearCalendar(2024, {D("2024-12-07"): "x"}, {}))


def test_year_calendar_validates():
    with pytest.raises(CalendarError, match="本来就是工作日"):
        YearCalendar(2027, {}, {D("2027-02-15"): "x"})
    with pytest.raises(CalendarError, match="不属于 2027 年"):
        YearCalendar(2027, {D("2026-11-30"): "x"}, {})
    with pytest.raises(CalendarError, match="既是放假日又是调休上班日"):
        YearCalendar(2027, {D("2027-02-14"): "x"}, {D("2027-02-14"): "y"})
    with pytest.raises(CalendarError, match="重复"):
        Calendar([YearCalendar(2027), YearCalendar(2027)])


def test_notes_merge_adjacent_holidays(cal):
    notes = cal.notes(D("2025-09-20"), D("2025-10-20"))
    assert [(n.kind, n.start, n.end, n.label) for n in notes] == [
        ("workday", D("2025-09-28"), D("2025-09-28"), "国庆节调休上班"),
        ("holiday", D("2025-10-01"), D("2025-10-08"), "国庆节、中秋"),
        ("workday", D("2025-10-11"), D("2025-10-11"), "国庆节调休上班"),
    ]
    assert notes[1].text() == "2025-10-01 至 2025-10-08 国庆节、中秋放假不计"
    unknown = cal.notes(D("2026-12-20"), D("2027-01-10"))
    assert unknown[-1].kind == "unknown" and "2027 年" in unknown[-1].text()


# -- the text format --------------------------------------------------------------------------------


def test_sample_file_parses(sample_2027):
    assert sample_2027.year == 2027
    assert "样例" in sample_2027.title
    assert sample_2027.holidays[D("2027-02-05")] == "春节"
    assert set(sample_2027.workdays) == {
        D(x) for x in ("2027-02-14", "2027-02-20", "2027-04-25", "2027-05-08", "2027-09-26", "2027-10-09")
    }
    assert "SAMPLE" in SAMPLE_2027.read_text(encoding="utf-8")


def test_example_from_the_issue():
    yc = parse_calendar_text(
        "# 国务院办公厅关于2027年部分节假日安排的通知\n"
        "year 2027\n"
        "holiday 2027-01-01\n"
        "holiday 2027-02-06..2027-02-13  春节\n"
        "workday 2027-02-14  春节调休上班\n"
    )
    assert len(yc.holidays) == 9 and yc.holidays[D("2027-01-01")] == "放假"
    assert yc.workdays == {D("2027-02-14"): "春节调休上班"}


@pytest.mark.parametrize("year", range(2004, 2027))
def test_round_trip_every_seeded_year(cal, year):
    yc = cal.year(year)
    assert parse_calendar_text(format_calendar_text(yc)) == yc


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("holiday 2027-01-01", "第 1 行：请先用 year YYYY 写明年度"),
        ("", "缺少 year 行"),
        ("year 2027\nyear 2027", "第 2 行：year 只能出现一次"),
        ("year 2027\n\nholiday 2027-02-30", "第 3 行：日期 2027-02-30 不存在"),
        ("year 2027\nholiday 2027-02-13..2027-02-06", "第 2 行：起始日 2027-02-13 晚于结束日 2027-02-06"),
        ("year 2027\nholiday 2027-01-01..2027-03-01", "第 2 行：2027-01-01 至 2027-03-01 超过 31 天"),
        ("year 2027\nworkday 2027-02-15", "第 2 行：2027-02-15 是星期一，本来就是工作日"),
        ("year 2027\nholiday 2028-01-01", "第 2 行：日期 2028-01-01 不属于 2027 年"),
        ("year 2027\nholiday 2027-01-01\nworkday 2027-01-03..2027-01-04", "第 3 行：2027-01-04 是星期一"),
        (
            "year 2027\nholiday 2027-01-01..2027-01-03\nworkday 2027-01-03",
            "第 3 行：2027-01-03 已在第 2 行出现过",
        ),
        ("year 2027\nholliday 2027-01-01", "第 2 行：无法识别“holliday 2027-01-01”"),
        ("year 27", "第 1 行：无法识别"),
    ],
)
def test_parse_errors_name_the_line(text, message):
    with pytest.raises(CalendarError) as info:
        parse_calendar_text(text)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_parse_accepts_comments_blank_lines_and_fullwidth_spaces():
    yc = parse_calendar_text("\n  # 注释\nyear 2027   # 年度\nholiday\u30002027-06-09\u3000端午\n")
    assert yc.holidays == {D("2027-06-09"): "端午"}
    assert yc.workdays == {}


def test_december_of_previous_year_belongs_to_the_notice():
    yc = parse_calendar_text(
        "year 2019\nworkday 2018-12-29 元旦调休上班\nholiday 2018-12-30..2019-01-01 元旦"
    )
    assert D("2018-12-29") in yc.workdays and D("2018-12-31") in yc.holidays


def test_year_ranges_group_consecutive_days(cal):
    assert year_ranges(cal.year(2024))[:4] == [
        ("holiday", D("2024-01-01"), D("2024-01-01"), "元旦"),
        ("workday", D("2024-02-04"), D("2024-02-04"), "春节调休上班"),
        ("holiday", D("2024-02-10"), D("2024-02-17"), "春节"),
        ("workday", D("2024-02-18"), D("2024-02-18"), "春节调休上班"),
    ]
    weekend_pair = year_ranges(cal.year(2022))[1]
    assert weekend_pair == ("workday", D("2022-01-29"), D("2022-01-30"), "春节调休上班")
