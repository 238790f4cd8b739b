"""The working-day calendar the commands use.

The platform's calendar table when its database is there (so a year an administrator loaded counts), else
the calendar seeded from `chinesecalendar` (2004–2026). Built once per process and cached.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from gongkai.core.calendar import Calendar


def _from_database() -> Calendar | None:
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    try:
        from . import setup_django

        setup_django()
        from django.db import connection

        name = str(connection.settings_dict["NAME"])
        if (
            connection.vendor == "sqlite"
            and not connection.creation.is_in_memory_db(name)
            and not Path(name).exists()
        ):
            return None  # never create an empty database just to read a calendar
        from gongkai.workdays.services import current_calendar

        calendar = current_calendar()
    except (DatabaseError, ImproperlyConfigured):
        return None
    return calendar if calendar.known_years else None


@cache
def load_calendar() -> Calendar:
    calendar = _from_database()
    if calendar is None:
        print("（未找到平台数据库中的工作日历，使用内置的 2004—2026 年节假日数据）", file=sys.stderr)
        calendar = Calendar.from_chinesecalendar()
    return calendar
