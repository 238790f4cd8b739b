"""Scoring of a disclosure-work evaluation (政务公开考核), pure arithmetic: an indicator's points from what the
records measured, and the ranking of agencies by their total.

A *share* (per cent) earns full points at or above ``full_at``, none at or below ``zero_at``, linearly between;
a *count* (overdue replies, open rectification past its deadline) loses ``per_item`` points each, never below 0.
A share with nothing to count (no items published) is not measured: the indicator is then scored by hand.

What other rooms hand to the evaluation (the annual report's publication, the public's feedback) travels in the
plain values below, so that neither side imports the other."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class Method(StrEnum):
    """How an indicator is scored: by hand, or measured from the platform's records."""

    label: str

    def __new__(cls, value: str, label: str, kind: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.kind = kind
        return member

    MANUAL = "manual", "人工评分", "manual"
    TIMELY_PUBLICATION = "timely_publication", "20个工作日内公开信息的比例", "share"
    RECTIFICATION_ON_TIME = "rectification_on_time", "整改按期完成的比例", "share"
    TASKS_DONE = "tasks_done", "工作要点任务完成的比例", "share"
    OVERDUE_REPLIES = "overdue_replies", "逾期答复的依申请公开件数", "count"
    CORRECTED = "corrected", "行政复议、行政诉讼中被纠正的件数", "count"
    RECTIFICATION_OVERDUE = "rectification_overdue", "超过期限仍未整改的问题个数", "count"
    REPORT_DEFECTS = "report_defects", "年度报告逾期发布及发布时检查出的错误个数", "count"
    WORDING_UNRESOLVED = "wording_unresolved", "未经确认的错敏词命中个数", "count"


@dataclass(frozen=True)
class ReportRecord:
    """An agency's annual report for a year as the evaluation reads it: the statutory date (条例第四十九条), the
    day it was published (None: not yet) and the error findings the report check had at publication (the
    ``late`` finding left out: lateness is ``due`` against ``published_on``)."""

    due: date
    published_on: date | None
    errors: int = 0

    def defects(self, today: date) -> int | None:
        """1 for a report published after ``due`` (or not published once ``due`` has passed), plus its errors at
        publication; None while an unpublished report is not yet due (nothing to judge)."""
        if self.published_on is None:
            return 1 if today > self.due else None
        return (1 if self.published_on > self.due else 0) + self.errors


@dataclass(frozen=True)
class FeedbackEntry:
    """One piece of the public's feedback (意见建议、投诉) as the report's 社会评议 counts it."""

    pk: int
    number: str
    complaint: bool
    answered: bool


_TENTH = Decimal("0.1")


def score(
    method: Method,
    measured: Decimal | int | None,
    points: Decimal,
    *,
    full_at: Decimal = Decimal(100),
    zero_at: Decimal = Decimal(0),
    per_item: Decimal = Decimal(1),
) -> Decimal | None:
    """The points a measured value earns (one decimal), or None when it cannot be scored from the records."""
    if method.kind == "manual" or measured is None:
        return None
    value = Decimal(measured)
    if method.kind == "count":
        result = max(Decimal(0), points - per_item * value)
    elif value >= full_at:
        result = points
    elif value <= zero_at:
        result = Decimal(0)
    else:
        result = points * (value - zero_at) / (full_at - zero_at)
    return result.quantize(_TENTH, rounding=ROUND_HALF_UP)


def share(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in per cent (two decimals), None when there is nothing to count."""
    if whole <= 0:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ranking(totals: Mapping[str, Decimal]) -> list[tuple[int, str, Decimal]]:
    """(rank, name, total) from the highest total; equal totals share a rank (1, 2, 2, 4)."""
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    result: list[tuple[int, str, Decimal]] = []
    for index, (name, total) in enumerate(ordered, 1):
        rank = result[-1][0] if result and result[-1][2] == total else index
        result.append((rank, name, total))
    return result


def total(points: Iterable[Decimal | None]) -> Decimal:
    return sum((p for p in points if p is not None), Decimal(0))
