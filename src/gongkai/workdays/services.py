"""Loading and reading the calendar. One state change per call, one audit event, then `calendar_changed`."""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models import Count, Max
from django.dispatch import Signal

from gongkai.agencies import history
from gongkai.core.calendar import Calendar, YearCalendar

from .models import CalendarDay, CalendarYear, DayKind, Source

# Sent after a year's notice is loaded or changed, with `years` (a set of ints). Receivers recompute the
# open deadlines that touch those years and record it in each case's history.
calendar_changed = Signal()

_cache_lock = threading.Lock()
_cache: dict[str, object] = {"version": None, "calendar": None}


def _version() -> tuple:
    agg = CalendarYear.objects.aggregate(n=Count("pk"), changed=Max("updated_at"))
    return (agg["n"], agg["changed"], CalendarDay.objects.count())


def current_calendar() -> Calendar:
    """The calendar as the database holds it now (rebuilt only when the table changed)."""
    version = _version()
    with _cache_lock:
        if _cache["version"] != version:
            _cache["calendar"] = Calendar(
                year_calendar(y) for y in CalendarYear.objects.prefetch_related("days")
            )
            _cache["version"] = version
        return _cache["calendar"]


def year_calendar(row: CalendarYear) -> YearCalendar:
    days = row.days.all()
    return YearCalendar(
        year=row.year,
        title=row.title,
        holidays={d.date: d.label for d in days if d.kind == DayKind.HOLIDAY},
        workdays={d.date: d.label for d in days if d.kind == DayKind.WORKDAY},
    )


def _describe(yc: YearCalendar) -> dict[str, list[str]]:
    return {
        "放假": sorted(f"{d} {label}" for d, label in yc.holidays.items()),
        "调休上班": sorted(f"{d} {label}" for d, label in yc.workdays.items()),
    }


def load_year(yc: YearCalendar, *, source: str = Source.IMPORT, by=None) -> CalendarYear:
    """Create or replace one year's notice; record it; announce the change so deadlines are recomputed.

    The whole calendar (with the new year) is built before anything is saved, so a notice that
    contradicts a neighbouring year's (the same date both off and worked) is refused and changes nothing.
    """
    others = [year_calendar(y) for y in CalendarYear.objects.exclude(year=yc.year).prefetch_related("days")]
    Calendar([*others, yc])
    with transaction.atomic():
        row = CalendarYear.objects.select_for_update().filter(year=yc.year).first()
        before = _describe(year_calendar(row)) if row else {}
        if row is None:
            row = CalendarYear(year=yc.year)
        row.title, row.source = yc.title, source
        row.save()
        row.days.all().delete()
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(year=row, date=d, kind=DayKind.HOLIDAY, label=label)
                for d, label in yc.holidays.items()
            ]
            + [
                CalendarDay(year=row, date=d, kind=DayKind.WORKDAY, label=label)
                for d, label in yc.workdays.items()
            ]
        )
        after = _describe(yc)
        changes = history.diff(before, after)
        history.record(row, "wagtail.edit" if before else "wagtail.create", by, changes=changes)
        transaction.on_commit(lambda: calendar_changed.send(sender=CalendarYear, years={yc.year}))
    return row


def seed_from_chinesecalendar() -> int:
    """Load every year `chinesecalendar` knows that the table lacks. Returns the number of years added.

    Runs after every migrate (and after every flush of a test database), so the missing years are added in one
    transaction with a few bulk inserts and one `calendar_changed`, not one `load_year` each (22 years were 370
    queries). The years are checked against those already loaded first, as `load_year` checks one.
    """
    existing = set(CalendarYear.objects.values_list("year", flat=True))
    seed = Calendar.from_chinesecalendar()
    missing = [seed.year(year) for year in sorted(seed.known_years - existing)]
    if not missing:
        return 0
    loaded = [year_calendar(y) for y in CalendarYear.objects.prefetch_related("days")]
    Calendar([*loaded, *missing])
    with transaction.atomic():
        rows = CalendarYear.objects.bulk_create(
            [CalendarYear(year=yc.year, title=yc.title, source=Source.SEED) for yc in missing]
        )
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(year=row, date=d, kind=kind, label=label)
                for row, yc in zip(rows, missing, strict=True)
                for kind, days in ((DayKind.HOLIDAY, yc.holidays), (DayKind.WORKDAY, yc.workdays))
                for d, label in days.items()
            ]
        )
        for row, yc in zip(rows, missing, strict=True):
            history.record(row, "wagtail.create", changes=history.diff({}, _describe(yc)))
        years = {yc.year for yc in missing}
        transaction.on_commit(lambda: calendar_changed.send(sender=CalendarYear, years=years))
    return len(missing)
