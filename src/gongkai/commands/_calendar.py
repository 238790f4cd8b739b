"""The working-day calendar the commands use.

For now this is the calendar seeded from `chinesecalendar` (2004–2026); once the platform's calendar table is
configured it will be read from there. Built once per process (about 40 ms) and cached.
"""

from __future__ import annotations

from functools import cache

from gongkai.core.calendar import Calendar


@cache
def load_calendar() -> Calendar:
    return Calendar.from_chinesecalendar()
