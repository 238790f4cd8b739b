"""The platform's working-day calendar: the yearly notices as a database table, edited by administrators.

`core.calendar` does the arithmetic; this app stores the notices, seeds them from `chinesecalendar`,
lets administrators load a new year (admin form, `gongkai calendar import`) and announces each change
(`calendar_changed`) so that open deadlines are recomputed.
"""
