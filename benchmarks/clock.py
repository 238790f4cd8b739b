"""Benchmark the working-day calendar and the reply clock.

Run: .venv/bin/python benchmarks/clock.py

Measures, in one process on one core:
- add_workdays per second (random start dates 2004–2026, n in 1..60),
- full case deadlines per second (receipt, consultation sent and answered, fee notice and payment,
  extension, with the explanation),
- the same add_workdays done by a day-by-day loop over chinese_calendar.is_workday, as the baseline.
Prints human lines, then one JSON line: {"add_workdays_per_s", "case_deadline_per_s", "loop_per_s", "ratio"}.
Targets: ≥ 1,000,000 add_workdays/s and ≥ 50× the loop.
"""

from __future__ import annotations

import json
import random
import time
from datetime import date, timedelta

import chinese_calendar

from gongkai.core.calendar import Calendar
from gongkai.core.clock import (
    ConsultationAnswered,
    ConsultationSent,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    Received,
    compute_deadline,
)

FIRST, LAST = date(2004, 1, 1), date(2026, 9, 30)


def loop_add_workdays(d: date, n: int) -> date:
    """The baseline: step one day at a time, asking chinesecalendar about each."""
    while n:
        d += timedelta(days=1)
        if chinese_calendar.is_workday(d):
            n -= 1
    return d


def per_second(fn, items, repeat: int = 3) -> float:
    """Best of `repeat` runs of fn over items, in calls per second."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(items)
        best = min(best, time.perf_counter() - start)
    return len(items) / best


def main() -> None:
    rng = random.Random(4)
    span = (LAST - FIRST).days
    start = time.perf_counter()
    cal = Calendar.from_chinesecalendar()
    build_ms = (time.perf_counter() - start) * 1000

    pairs = [(FIRST + timedelta(days=rng.randrange(span)), rng.randint(1, 60)) for _ in range(500_000)]
    assert all(cal.add_workdays(d, n) == loop_add_workdays(d, n) for d, n in pairs[:2000])

    add = cal.add_workdays

    def run_add(items):
        for d, n in items:
            add(d, n)

    def run_loop(items):
        for d, n in items:
            loop_add_workdays(d, n)

    cases = []
    for _ in range(20_000):
        received = FIRST + timedelta(days=rng.randrange(span - 200))
        sent = cal.add_workdays(received, rng.randint(1, 10))
        answered = cal.add_workdays(sent, rng.randint(1, 15))
        notice = cal.add_workdays(answered, rng.randint(1, 3))
        paid = cal.add_workdays(notice, rng.randint(1, 20))
        approved = cal.add_workdays(paid, 1)
        events = [
            Received(received),
            ConsultationSent(sent),
            ConsultationAnswered(answered),
            FeeNoticeSent(notice),
            FeePaid(paid),
            ExtensionApproved(approved, 20),
        ]
        cases.append((events, approved + timedelta(days=3)))

    def run_cases(items):
        for events, today in items:
            compute_deadline(events, cal, today=today)

    add_rate = per_second(run_add, pairs)
    loop_rate = per_second(run_loop, pairs[:2_000], repeat=1)
    case_rate = per_second(run_cases, cases)
    ratio = add_rate / loop_rate

    print(f"calendar built from chinesecalendar in {build_ms:.1f} ms")
    print(f"add_workdays:            {add_rate:12,.0f} /s")
    print(f"full case deadline:      {case_rate:12,.0f} /s (6 events, with explanation)")
    print(f"day-by-day loop:         {loop_rate:12,.0f} /s (chinese_calendar.is_workday)")
    print(f"ratio add_workdays/loop: {ratio:12,.1f} ×")
    print(
        json.dumps(
            {
                "add_workdays_per_s": round(add_rate),
                "case_deadline_per_s": round(case_rate),
                "loop_per_s": round(loop_rate),
                "ratio": round(ratio, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
