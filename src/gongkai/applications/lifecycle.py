"""The case as a state machine: which step may follow which, and the clock's events from the stored ones.

Pure functions over (kind, date, data) triples, so the status, the outcome and the deadline of a case are
always what replaying its events gives — nothing sets them by hand.

A re-opening (an administrative review or a court ordered the case handled again) takes a case that has a
result back to processing: the current outcome is cleared, and the clock starts afresh from the day the order
was received. The first result stays as the `counted` one: table 三 counts each application once, by it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.core import clock
from gongkai.core.errors import Refused

from .choices import AUTOMATIC_OUTCOMES, CLOCK_CHANNEL, Channel, EventKind, Party, Status

K, S = EventKind, Status
_BEFORE_DECISION = {S.PROCESSING, S.CONSULTING}

# kind → (the statuses it may follow, the status it leads to; None: stays as it is)
TRANSITIONS: dict[EventKind, tuple[frozenset[Status], Status | None]] = {
    K.SUBMITTED: (frozenset(), S.SUBMITTED),
    K.RECEIVED: (frozenset({S.SUBMITTED}), S.PROCESSING),
    K.CORRECTION_REQUESTED: (frozenset({S.PROCESSING}), S.AWAITING_CORRECTION),
    K.CORRECTION_RECEIVED: (frozenset({S.AWAITING_CORRECTION}), S.PROCESSING),
    K.ABANDONED: (frozenset({S.AWAITING_CORRECTION}), S.CLOSED),
    K.CONSULTATION_SENT: (frozenset(_BEFORE_DECISION), S.CONSULTING),
    K.CONSULTATION_ANSWERED: (frozenset({S.CONSULTING}), None),
    K.EXTENDED: (frozenset(_BEFORE_DECISION), None),
    K.FEE_NOTICE: (frozenset({S.PROCESSING}), S.AWAITING_FEE),
    K.FEE_PAID: (frozenset({S.AWAITING_FEE}), S.PROCESSING),
    K.FEE_UNPAID: (frozenset({S.AWAITING_FEE}), S.CLOSED),
    K.REASONABLE_PERIOD: (frozenset(_BEFORE_DECISION), None),
    K.DECIDED: (frozenset(_BEFORE_DECISION), S.DECIDED),
    K.REPLIED: (frozenset({S.DECIDED}), S.REPLIED),
    K.DELIVERED: (frozenset({S.REPLIED}), S.DELIVERED),
    K.CLOSED: (frozenset({S.DELIVERED}), S.CLOSED),
    K.WITHDRAWN: (
        frozenset({S.SUBMITTED, S.PROCESSING, S.AWAITING_CORRECTION, S.CONSULTING, S.AWAITING_FEE}),
        S.WITHDRAWN,
    ),
    K.REOPENED: (frozenset({S.DECIDED, S.REPLIED, S.DELIVERED, S.CLOSED}), S.PROCESSING),
}


@dataclass(frozen=True)
class StoredEvent:
    """An event as the database keeps it."""

    kind: str
    on: date
    data: dict


@dataclass(frozen=True)
class CaseState:
    """What replaying a case's events gives."""

    status: Status
    outcome: str
    decided_on: date | None
    received_on: date | None
    open_consultations: frozenset[str]
    counted_outcome: str
    counted_on: date | None


def replay(events: Iterable[StoredEvent]) -> CaseState:
    """Apply the events in order; raise `Refused` at the first one the status does not allow."""
    status: Status | None = None
    outcome, decided_on, received_on = "", None, None
    counted_outcome, counted_on = "", None
    open_keys: set[str] = set()
    for ev in events:
        kind = EventKind(ev.kind)
        allowed, target = TRANSITIONS[kind]
        if kind is K.SUBMITTED or (kind is K.RECEIVED and status is None):
            if status is not None:
                raise Refused("申请已经登记，不能重复登记")
        elif status not in allowed:
            current = Status(status).label if status else "未登记"
            raise Refused(f"当前状态为“{current}”，不能进行“{kind.label}”")
        if kind is K.RECEIVED:
            received_on = ev.on
        elif kind is K.CONSULTATION_SENT:
            key = ev.data.get("key", "")
            if key in open_keys:
                raise Refused(f"征求意见编号 {key} 已在使用中")
            open_keys.add(key)
        elif kind is K.CONSULTATION_ANSWERED:
            key = ev.data.get("key", "")
            if key not in open_keys:
                raise Refused("没有对应的尚未答复的征求意见")
            open_keys.discard(key)
            target = S.CONSULTING if open_keys else S.PROCESSING
        elif kind is K.DECIDED:
            outcome, decided_on = ev.data["outcome"], ev.on
        elif kind in AUTOMATIC_OUTCOMES and received_on is not None:
            outcome, decided_on = AUTOMATIC_OUTCOMES[kind], ev.on
        elif kind is K.REOPENED:
            outcome, decided_on = "", None
            open_keys.clear()
        if counted_on is None and decided_on is not None:
            counted_outcome, counted_on = outcome, decided_on
        status = target or status
    if status is None:
        raise Refused("没有登记申请的记录")
    return CaseState(
        Status(status), outcome, decided_on, received_on, frozenset(open_keys), counted_outcome, counted_on
    )


def open_consultations(events) -> list[tuple[str, str]]:
    """(key, label) of the consultations still waiting for an answer (events: anything with kind, on, data)."""
    keys = replay(StoredEvent(e.kind, e.on, e.data) for e in events).open_consultations
    return [
        (e.data["key"], f"{e.on} 征求{e.data.get('to', '')}意见（{e.data['key']} 号）")
        for e in events
        if e.kind == K.CONSULTATION_SENT and e.data.get("key") in keys
    ]


def clock_events(events: Iterable[StoredEvent], channel: str) -> list:
    """The core.clock events of a case, from its stored events (the others do not touch the clock).

    A re-opening starts a clock of its own (`clock.ReplyOrdered`): from the day the decision reached the agency,
    over the period it sets, explained with the decision's number; the earlier steps no longer count.
    """
    out: list = []
    for ev in events:
        kind, d = EventKind(ev.kind), ev.data
        if kind is K.RECEIVED:
            out.append(clock.Received(ev.on, CLOCK_CHANNEL[Channel(channel)]))
        elif kind is K.CORRECTION_REQUESTED:
            respond_by = date.fromisoformat(d["respond_by"]) if d.get("respond_by") else None
            out.append(clock.CorrectionRequested(ev.on, respond_by))
        elif kind is K.CORRECTION_RECEIVED:
            out.append(clock.CorrectionReceived(ev.on))
        elif kind is K.ABANDONED:
            out.append(clock.CorrectionExpired(ev.on))
        elif kind is K.CONSULTATION_SENT:
            party = clock.Party.AGENCY if d.get("party") == Party.AGENCY else clock.Party.THIRD_PARTY
            out.append(clock.ConsultationSent(ev.on, party, d.get("to", ""), d.get("key", "")))
        elif kind is K.CONSULTATION_ANSWERED:
            out.append(clock.ConsultationAnswered(ev.on, d.get("key", "")))
        elif kind is K.EXTENDED:
            out.append(clock.ExtensionApproved(ev.on, int(d["days"]), d.get("approver", "")))
        elif kind is K.FEE_NOTICE:
            out.append(clock.FeeNoticeSent(ev.on))
        elif kind is K.FEE_PAID:
            out.append(clock.FeePaid(ev.on))
        elif kind is K.REASONABLE_PERIOD:
            out.append(clock.ReasonablePeriodSet(ev.on, date.fromisoformat(d["due"])))
        elif kind is K.REPLIED:
            out.append(clock.Replied(ev.on))
        elif kind is K.REOPENED:
            out = [clock.ReplyOrdered(ev.on, d.get("reference", ""), int(d.get("days") or 20))]
    return out
