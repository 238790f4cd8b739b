"""Statistics that keep the clocks apart: time to confirm and time to reply, in working days.

- **Time to confirm** (online applications only): from the day the applicant submitted to the legal receipt
  date the office confirmed (双方确认) — working days in (submitted, received]. Cases of the year: received
  (legal receipt date) in it. By applicant type.
- **Time to reply**: from the legal receipt date to the case's first result (`counted_on`, the date table 三
  counts it by) — working days in (received, result], less the working days the statutory clock stood still:
  waiting for a correction ((requested, received], or to the result when none came), consultations ((sent,
  answer], ending at the end of the answer period at the latest) and the fee payment window ((notice, paid],
  ending with the window), with the periods and the fee-window choice of `core.clock.ClockSettings` and the
  working days of the calendar the clock uses. Overlapping pauses count once. Cases of the year: a result in
  it, as in table 三's result rows. By outcome and by applicant type.

Each group gives count, median, p90 (nearest rank: the ⌈0.9·n⌉-th smallest) and max. The two clocks are never
added: a slow confirmation does not make a reply look slow, nor a long consultation the office's work.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import date

from gongkai.agencies.models import Agency
from gongkai.core.calendar import Calendar
from gongkai.core.clock import ClockSettings
from gongkai.workdays.services import current_calendar

from .choices import OUTCOMES, ApplicantType, Channel, EventKind
from .models import Application

K = EventKind


@dataclass(frozen=True)
class Summary:
    count: int
    median: float | None
    p90: int | None
    max: int | None

    @classmethod
    def of(cls, values: list[int]) -> Summary:
        if not values:
            return cls(0, None, None, None)
        ordered = sorted(values)
        return cls(
            count=len(ordered),
            median=statistics.median(ordered),
            p90=ordered[math.ceil(0.9 * len(ordered)) - 1],
            max=ordered[-1],
        )


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    summary: Summary


@dataclass(frozen=True)
class ClockStatistics:
    agency: Agency
    year: int
    confirm_all: Summary
    confirm_by_type: list[Row]
    reply_all: Summary
    reply_by_outcome: list[Row]
    reply_by_type: list[Row]


def paused_intervals(
    events, end: date, cal: Calendar, settings: ClockSettings | None = None
) -> list[tuple[date, date]]:
    """The (start, end] intervals before `end` in which the clock stood still, merged and sorted."""
    s = settings or ClockSettings()
    out: list[tuple[date, date]] = []
    correction: date | None = None
    consultations: dict[str, tuple[date, date]] = {}
    fee: tuple[date, date] | None = None
    for ev in events:
        if ev.on > end:
            break
        kind, data = ev.kind, ev.data
        if kind == K.CORRECTION_REQUESTED:
            correction = ev.on
        elif kind == K.CORRECTION_RECEIVED and correction:
            out.append((correction, ev.on))
            correction = None
        elif kind == K.CONSULTATION_SENT:
            consultations[data.get("key", "")] = (
                ev.on,
                cal.add_workdays(ev.on, s.consultation_answer_period),
            )
        elif kind == K.CONSULTATION_ANSWERED and data.get("key", "") in consultations:
            sent, limit = consultations.pop(data.get("key", ""))
            out.append((sent, min(ev.on, limit)))
        elif kind == K.FEE_NOTICE and s.fee_window_pauses:
            fee = (ev.on, cal.add_workdays(ev.on, s.fee_payment_period))
        elif kind == K.FEE_PAID and fee:
            out.append((fee[0], min(ev.on, fee[1])))
            fee = None
    if correction:
        out.append((correction, end))
    out += [(sent, min(end, limit)) for sent, limit in consultations.values()]
    if fee:
        out.append((fee[0], min(end, fee[1])))
    merged: list[tuple[date, date]] = []
    for start, stop in sorted(out):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged


def reply_workdays(app: Application, cal: Calendar, settings: ClockSettings | None = None) -> int:
    """Working days from receipt to the first result, paused days excluded."""
    start, end = app.received_on, app.counted_on
    events = sorted(app.events.all(), key=lambda e: (e.on, e.pk))
    paused = sum(
        cal.workdays_between(max(a, start), min(b, end))
        for a, b in paused_intervals(events, end, cal, settings)
        if min(b, end) > max(a, start)
    )
    return cal.workdays_between(start, end) - paused


def confirm_workdays(app: Application, cal: Calendar) -> int | None:
    """Working days from the online submission to the confirmed receipt; None if not an online application."""
    submitted = next((e.on for e in app.events.all() if e.kind == K.SUBMITTED), None)
    if submitted is None or app.received_on is None:
        return None
    return cal.workdays_between(submitted, app.received_on)


def _rows(values: dict[str, list[int]], labels) -> list[Row]:
    return [Row(key, label, Summary.of(values.get(key, []))) for key, label in labels]


def clock_statistics(agency: Agency, year: int) -> ClockStatistics:
    """Time to confirm and time to reply of `agency`'s cases of `year` (see the module's docstring)."""
    cal = current_calendar()
    mine = Application.objects.filter(agency=agency).prefetch_related("events")
    confirm: dict[str, list[int]] = {}
    for app in mine.filter(channel=Channel.ONLINE, received_on__year=year):
        days = confirm_workdays(app, cal)
        if days is not None:
            confirm.setdefault(app.applicant_type, []).append(days)
    by_outcome: dict[str, list[int]] = {}
    by_type: dict[str, list[int]] = {}
    for app in mine.filter(received_on__isnull=False, counted_on__year=year):
        days = reply_workdays(app, cal)
        by_outcome.setdefault(app.counted_outcome, []).append(days)
        by_type.setdefault(app.applicant_type, []).append(days)
    return ClockStatistics(
        agency=agency,
        year=year,
        confirm_all=Summary.of([d for v in confirm.values() for d in v]),
        confirm_by_type=_rows(confirm, ApplicantType.choices),
        reply_all=Summary.of([d for v in by_type.values() for d in v]),
        reply_by_outcome=_rows(by_outcome, OUTCOMES.items()),
        reply_by_type=_rows(by_type, ApplicantType.choices),
    )
