"""The statutory reply clock of an application, derived from its events (条例 第三十至三十五条, 109号).

Nothing here is stored: `compute_deadline(events, calendar, today=…)` replays a case's events and returns a
`Deadline` with the due date, the state on `today`, the working days left and an explanation a user can read.

The model is a budget of working days (20, plus an extension) counted from an anchor (the day of receipt, or
of the corrected request) over days that are not paused. A pause (consultation, and the fee payment window
where it pauses) covers (sent, end]: the clock stops at the end of the day the letter goes out and runs again
from the day after the answer, the payment or the end of the answer period. Overlapping pauses count once;
separate ones add up. This equals "the working days in between are added to the deadline" for every pause
that starts before the deadline; a pause that starts on or after the deadline does not move it (the period
was used up). An extension adds its days to the budget, which moves the deadline as it stands when approved
by exactly those days. While a pause is open the due date is shown as if it ended today (the earliest date
the deadline can have).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from gongkai.core.calendar import WEEKDAY_NAMES, Calendar
from gongkai.core.clock_events import (
    Channel,
    ConsultationAnswered,
    ConsultationSent,
    CorrectionExpired,
    CorrectionReceived,
    CorrectionRequested,
    Event,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    Party,
    ReasonablePeriodSet,
    Received,
    Replied,
    ReplyOrdered,
)

__all__ = [
    "Channel",
    "ClockError",
    "ClockSettings",
    "ConsultationAnswered",
    "ConsultationSent",
    "CorrectionExpired",
    "CorrectionReceived",
    "CorrectionRequested",
    "Deadline",
    "ExtensionApproved",
    "FeeNoticeSent",
    "FeePaid",
    "Party",
    "ReasonablePeriodSet",
    "Received",
    "Replied",
    "ReplyOrdered",
    "State",
    "Step",
    "compute_deadline",
]


class ClockError(ValueError):
    """Events that the law does not allow (a second extension, an answer with no consultation …)."""


class State(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    STOPPED = "stopped"


STATE_NAMES = {
    State.RUNNING: "计时中",
    State.PAUSED: "暂停计时",
    State.DUE_SOON: "即将到期",
    State.OVERDUE: "已逾期",
    State.STOPPED: "已停止计时",
}


@dataclass(frozen=True)
class ClockSettings:
    """Periods of the law and the choices it leaves open (law.md: "open" points), with their defaults."""

    reply_period: int = 20
    count_event_day: bool = False  # False: the day of receipt is not counted, day 1 is the next working day
    due_soon_threshold: int = 5
    fee_window_pauses: bool = True
    correction_notice_period: int = 7
    consultation_answer_period: int = 15
    fee_payment_period: int = 20
    max_extension: int = 20


# -- result -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One line of the explanation: the dates it concerns and a sentence for the case page."""

    on: date
    until: date | None
    text: str

    def to_dict(self) -> dict:
        return {
            "from": self.on.isoformat(),
            "to": self.until.isoformat() if self.until else None,
            "text": self.text,
        }


@dataclass(frozen=True)
class Deadline:
    """The reply deadline on `today`. `due` is None only while a requested correction has not arrived."""

    due: date | None
    provisional: bool
    state: State
    workdays_left: int | None
    extended: bool
    today: date
    explain: tuple[Step, ...] = ()
    warnings: tuple[str, ...] = ()
    stop_reason: str | None = None  # "replied", "correction_expired", "fee_unpaid"

    def to_dict(self) -> dict:
        return {
            "due": self.due.isoformat() if self.due else None,
            "provisional": self.provisional,
            "state": str(self.state),
            "workdays_left": self.workdays_left,
            "extended": self.extended,
            "stop_reason": self.stop_reason,
            "warnings": list(self.warnings),
            "explain": [s.to_dict() for s in self.explain],
        }


def _day(d: date) -> str:
    return f"{d.isoformat()}（{WEEKDAY_NAMES[d.weekday()]}）"


@dataclass
class _Pause:
    start: date
    end: date | None  # None: still open
    limit: date  # the latest end: the end of the answer period or of the payment window


@dataclass
class _Replay:
    """The state built up while replaying events in date order."""

    cal: Calendar
    settings: ClockSettings
    today: date
    received: date | None = None
    anchor: date | None = None
    budget: int = 0
    pauses: list[_Pause] = field(default_factory=list)
    open_consultations: list[tuple[ConsultationSent, _Pause, date]] = field(default_factory=list)
    correction_requested: date | None = None
    correction_done: bool = False
    extension: ExtensionApproved | None = None
    fee_notice: date | None = None
    fee_window_end: date | None = None
    fee_pause: _Pause | None = None
    fee_paid: bool = False
    fixed_due: date | None = None
    stopped: tuple[date, str] | None = None
    used: list[date] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def step(self, on: date, text: str, until: date | None = None) -> None:
        self.steps.append(Step(on, until, text))

    def warn(self, on: date, text: str) -> None:
        self.warnings.append(text)
        self.step(on, f"注意：{text}")

    def start_anchor(self, on: date) -> date:
        return on - timedelta(days=1) if self.settings.count_event_day else on

    def count_phrase(self) -> str:
        return "自当日起算" if self.settings.count_event_day else "自次日起算"

    def due_now(self, at: date) -> date | None:
        """The deadline as it stands on `at`, open pauses ending that day."""
        if self.fixed_due:
            return self.fixed_due
        if self.anchor is None:
            return None
        return _count(self.cal, self.anchor, self.budget, _merged(self.pauses, at))[0]


def _merged(pauses: Sequence[_Pause], open_end: date) -> list[tuple[date, date]]:
    """Pauses as sorted, disjoint (start, end] intervals; open ones end on `open_end` or their limit."""
    out: list[tuple[date, date]] = []
    for p in sorted(pauses, key=lambda p: p.start):
        end = p.end or max(min(open_end, p.limit), p.start)
        if out and p.start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((p.start, end))
    return out


def _count(
    cal: Calendar, anchor: date, budget: int, pauses: list[tuple[date, date]]
) -> tuple[date, list[tuple[date, date, int]]]:
    """Count `budget` working days after `anchor`, skipping paused days; the due date and counted segments."""
    cur, left = anchor, budget
    segments: list[tuple[date, date, int]] = []
    for start, end in pauses:
        if end <= cur:
            continue
        if start > cur:
            k = cal.workdays_between(cur, start)
            if k >= left:
                break
            segments.append((cur, start, k))
            left -= k
        cur = end
    due = cal.add_workdays(cur, left)
    segments.append((cur, due, left))
    return due, segments


def _apply(r: _Replay, ev: Event) -> None:
    """Apply one event to the replay: one branch per kind of event, each checking the law's order."""
    s, cal = r.settings, r.cal
    if r.stopped:
        raise ClockError(f"{ev.on} 的事件无效：办理已于 {r.stopped[0]} 终止")
    if isinstance(ev, Received | ReplyOrdered):
        raise ClockError("收到申请只能记录一次")
    if r.fixed_due and isinstance(ev, ExtensionApproved | ConsultationSent | FeeNoticeSent):
        raise ClockError(f"{ev.on}：已依第三十五条确定合理期限至 {r.fixed_due}，不再延期或暂停计算")

    if isinstance(ev, CorrectionRequested):
        if r.correction_requested:
            raise ClockError(f"{ev.on}：补正应一次性告知，已于 {r.correction_requested} 告知过")
        r.correction_requested = ev.on
        r.anchor = None
        text = f"{ev.on} 告知申请人补正（第三十条）"
        if ev.respond_by:
            text += f"，补正期限至 {ev.respond_by}"
        r.step(ev.on, text + "；答复期限自收到补正材料之日重新起算")
        limit = cal.add_workdays(r.received, s.correction_notice_period)
        if ev.on > limit:
            r.warn(
                ev.on,
                f"补正告知晚于收到申请后 {s.correction_notice_period} 个工作日（应不晚于 {limit}，第三十条）",
            )
    elif isinstance(ev, CorrectionReceived):
        if not r.correction_requested or r.correction_done:
            raise ClockError(f"{ev.on}：收到补正材料，但此前没有待补正的告知")
        r.correction_done = True
        r.anchor, r.budget, r.pauses = r.start_anchor(ev.on), s.reply_period, []
        r.step(ev.on, f"{ev.on} 收到补正材料；答复期限{r.count_phrase()}，重新计算 {s.reply_period} 个工作日")
    elif isinstance(ev, CorrectionExpired):
        if not r.correction_requested or r.correction_done:
            raise ClockError(f"{ev.on}：补正期限届满，但此前没有待补正的告知")
        r.stopped = (ev.on, "correction_expired")
        r.step(ev.on, f"{ev.on} 补正期限届满，申请人无正当理由未补正，视为放弃申请；停止计时")
    elif isinstance(ev, ConsultationSent):
        answer_due = cal.add_workdays(ev.on, s.consultation_answer_period)
        pause = _Pause(ev.on, None, answer_due)
        r.pauses.append(pause)
        r.open_consultations.append((ev, pause, answer_due))
        article = "第三十二条" if ev.party is Party.THIRD_PARTY else "第三十四条"
        to = f"（{ev.to}）" if ev.to else ""
        r.step(
            ev.on,
            f"{ev.on} 书面征求{ev.party}{to}意见（{article}），答复期限 {s.consultation_answer_period} 个"
            f"工作日，至 {answer_due}；答复期限自次日起暂停计算",
            answer_due,
        )
    elif isinstance(ev, ConsultationAnswered):
        match = [c for c in r.open_consultations if c[0].key == ev.key]
        if not match:
            raise ClockError(f"{ev.on}：收到意见，但没有尚未答复的征求意见")
        sent, pause, answer_due = match[0]
        r.open_consultations.remove(match[0])
        if ev.on > answer_due:
            pause.end = answer_due
            r.step(ev.on, f"{ev.on} 收到{sent.party}意见，已超过答复期限 {answer_due}；暂停已于期满时结束")
        else:
            pause.end = ev.on
            r.used.append(ev.on)
            k = cal.workdays_between(sent.on, ev.on)
            r.step(
                ev.on,
                f"{ev.on} 收到{sent.party}意见，次日起恢复计算；暂停期间（{sent.on} 之后至 {ev.on}）"
                f"{k} 个工作日不计入答复期限",
                ev.on,
            )
    elif isinstance(ev, ExtensionApproved):
        if r.extension:
            raise ClockError(f"{ev.on}：答复期限只能延长一次，已于 {r.extension.on} 延长过（第三十三条）")
        if not (1 <= ev.days <= s.max_extension):
            raise ClockError(
                f"{ev.on}：延长的期限最长不得超过 {s.max_extension} 个工作日（第三十三条），收到 {ev.days}"
            )
        before = r.due_now(ev.on)
        if before is None:
            raise ClockError(f"{ev.on}：尚未收到补正材料，没有可延长的答复期限")
        r.extension = ev
        r.budget += ev.days
        after = r.due_now(ev.on)
        who = f"经{ev.approver}同意" if ev.approver else "经政府信息公开工作机构负责人同意"
        r.step(ev.on, f"{ev.on} {who}延长答复期限 {ev.days} 个工作日（第三十三条）：由 {before} 延至 {after}")
        if ev.on > before:
            r.warn(ev.on, f"延期在原答复期限 {before} 届满之后才批准")
    elif isinstance(ev, FeeNoticeSent):
        if r.fee_notice:
            raise ClockError(f"{ev.on}：已于 {r.fee_notice} 发出收费通知")
        r.fee_notice = ev.on
        r.fee_window_end = cal.add_workdays(ev.on, s.fee_payment_period)
        text = f"{ev.on} 发出收费通知；申请人应自次日起 {s.fee_payment_period} 个工作日内（至 {r.fee_window_end}）缴费"
        if s.fee_window_pauses:
            r.fee_pause = _Pause(ev.on, None, r.fee_window_end)
            r.pauses.append(r.fee_pause)
            text += "；答复期限自次日起暂停计算"
        r.step(ev.on, text, r.fee_window_end)
    elif isinstance(ev, FeePaid):
        if not r.fee_notice or r.fee_paid:
            raise ClockError(f"{ev.on}：缴费，但此前没有待缴费的收费通知")
        r.fee_paid = True
        if ev.on > r.fee_window_end:
            r.warn(ev.on, f"申请人在缴费期限 {r.fee_window_end} 之后才缴费")
        text = f"{ev.on} 申请人缴纳信息处理费"
        if r.fee_pause:
            r.fee_pause.end = ev.on
            r.used.append(ev.on)
            k = cal.workdays_between(r.fee_notice, ev.on)
            text += f"，次日起恢复计算；缴费期间 {k} 个工作日不计入答复期限"
        r.step(ev.on, text)
    elif isinstance(ev, ReasonablePeriodSet):
        if ev.due <= ev.on:
            raise ClockError(f"{ev.on}：第三十五条合理期限 {ev.due} 应晚于确定之日")
        r.fixed_due = ev.due
        r.step(ev.on, f"{ev.on} 依第三十五条确定合理期限并告知申请人：答复期限为 {_day(ev.due)}")
    elif isinstance(ev, Replied):
        r.stopped = (ev.on, "replied")


def _close_expired(r: _Replay) -> None:
    """Close pauses whose waiting period ended before `today` with no answer or payment."""
    s = r.settings
    for sent, pause, answer_due in r.open_consultations:
        if answer_due < r.today:
            pause.end = answer_due
            r.used.append(answer_due)
            outcome = "由行政机关依法决定是否公开" if sent.party is Party.THIRD_PARTY else "视为同意公开"
            r.step(
                answer_due,
                f"{answer_due} {sent.party}在 {s.consultation_answer_period} 个工作日内未提出意见（{outcome}），"
                f"次日起恢复计算；暂停期间 {s.consultation_answer_period} 个工作日不计入答复期限",
            )
    r.open_consultations = [c for c in r.open_consultations if c[2] >= r.today]
    if r.fee_notice and not r.fee_paid and r.fee_window_end < r.today and not r.stopped:
        if r.fee_pause:
            r.fee_pause.end = r.fee_window_end
        r.used.append(r.fee_window_end)
        r.stopped = (r.fee_window_end, "fee_unpaid")
        r.step(r.fee_window_end, f"{r.fee_window_end} 缴费期限届满，申请人未缴费，视为放弃申请；停止计时")


def _segment_steps(r: _Replay, segments: list[tuple[date, date, int]]) -> None:
    for start, end, k in segments:
        if k == 0:
            continue
        notes = "；".join(n.text() for n in r.cal.notes(start, end))
        text = f"{start + timedelta(days=1)} 至 {end} 计 {k} 个工作日"
        r.step(start + timedelta(days=1), text + (f"（{notes}）" if notes else ""), end)


def compute_deadline(
    events: Iterable[Event],
    calendar: Calendar,
    *,
    today: date,
    settings: ClockSettings | None = None,
) -> Deadline:
    """Replay `events` (in date order; same-day events keep their given order) and state the deadline."""
    s = settings or ClockSettings()
    evs = sorted(events, key=lambda e: (e.on, not isinstance(e, Received | ReplyOrdered)))
    if not evs or not isinstance(evs[0], Received | ReplyOrdered):
        raise ClockError("缺少收到申请的记录，或有事件早于收到申请之日")
    first = evs[0]
    if evs[-1].on > today:
        raise ClockError(f"事件日期 {evs[-1].on} 晚于今天 {today}")
    r = _Replay(calendar, s, today, received=first.on)
    if isinstance(first, ReplyOrdered):
        if first.days < 1:
            raise ClockError(f"{first.on}：重新答复的期限应为正数个工作日，收到 {first.days}")
        r.anchor, r.budget = r.start_anchor(first.on), first.days
        named = f"（{first.reference}）" if first.reference else ""
        r.step(
            first.on,
            f"{first.on} 收到责令重新答复的决定{named}；重新答复，自决定送达之日"
            f"{'起算' if s.count_event_day else '的次日起算'} {first.days} 个工作日",
        )
    else:
        r.anchor, r.budget = r.start_anchor(first.on), s.reply_period
        r.step(
            first.on,
            f"{first.on} 收到申请（{first.channel.receipt_rule}）；答复期限{r.count_phrase()} {s.reply_period} 个工作日",
        )
    for ev in evs[1:]:
        _apply(r, ev)
    _close_expired(r)

    due: date | None
    if r.fixed_due:
        due = r.fixed_due
    elif r.anchor is not None:
        due, segments = _count(calendar, r.anchor, r.budget, _merged(r.pauses, today))
        if r.stopped and r.stopped[1] != "replied":
            stop = r.stopped[0]
            segments = [
                (a, min(b, stop), calendar.workdays_between(a, min(b, stop)))
                for a, b, _ in segments
                if a < stop
            ]
        _segment_steps(r, segments)
    else:
        due = None
        r.step(today, f"截至 {today} 尚未收到补正材料，答复期限待收到后起算")
    paused = r.anchor is None or any(p.end is None for p in r.pauses)
    # A date the agency set under 第三十五条 is not counted, so it is never provisional.
    provisional = (
        due is not None and not r.fixed_due and calendar.touches_unknown(first.on, max([due, *r.used]))
    )

    stop_reason = r.stopped[1] if r.stopped else None
    workdays_left = None if r.stopped or due is None else calendar.workdays_between(today, due)
    if r.stopped:
        state = State.STOPPED
    elif due is not None and today > due:
        state = State.OVERDUE  # also when a pause began only after the period was used up
    elif paused:
        state = State.PAUSED
    elif workdays_left <= s.due_soon_threshold:
        state = State.DUE_SOON
    else:
        state = State.RUNNING

    if r.stopped and r.stopped[1] != "replied":
        if due is not None:
            r.step(r.stopped[0], f"办理终止，不再计算答复期限（终止时的答复期限为 {_day(due)}）")
    elif due is not None:
        text = f"答复期限：{_day(due)}"
        if r.extension:
            text += f"，含延长的 {r.extension.days} 个工作日"
        if provisional:
            text += "（暂定：涉及尚未载入节假日安排的年度，按周一至周五计算，载入后重新计算）"
        if state is State.PAUSED and r.anchor is not None:
            text += "；暂停尚未结束，此日期按暂停于今天结束计算，恢复计算后相应顺延"
        r.step(due, text)
    if r.stopped and r.stopped[1] == "replied":
        on = r.stopped[0]
        if due is None or on <= due:
            r.step(on, f"{on} 作出答复，在答复期限内；停止计时")
        else:
            late = calendar.workdays_between(due, on)
            r.step(on, f"{on} 作出答复，超过答复期限 {late} 个工作日；停止计时")
    steps = sorted(r.steps, key=lambda st: st.on)
    return Deadline(
        due=due,
        provisional=provisional,
        state=state,
        workdays_left=workdays_left,
        extended=r.extension is not None,
        today=today,
        explain=tuple(steps),
        warnings=tuple(r.warnings),
        stop_reason=stop_reason,
    )
