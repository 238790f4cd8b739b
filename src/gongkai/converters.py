"""The `<year:year>` URL converter: four digits within the years the platform knows, else the URL does not match.

A staff URL such as `applications/statistics/0/` or `reports/supervision/…/9999/` used to reach its view with a
year no date can hold (a 500); with this converter it answers 404 like any unknown address. The range is the
regulations' (in force since 2008) to the end of the century; views that need a narrower range (a report format
exists from 2019) check that themselves.
"""

from __future__ import annotations

from django.urls import register_converter

FIRST = 2008
LAST = 2099


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST <= year <= LAST:
            raise ValueError(f"year {year} out of range")
        return year

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


register_converter(YearConverter, "year")
