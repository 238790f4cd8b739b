"""The state machine, without the database: which step may follow which, and what the clock is given."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import lifecycle
from gongkai.applications.choices import OUTCOMES, EventKind, Status
from gongkai.applications.steps import STEPS, available
from gongkai.core import clock
from gongkai.core.errors import Refused
from gongkai.core.report import formats

E = lifecycle.StoredEvent
D = date


def test_outcomes_are_the_result_rows_of_table_3():
    spec = formats.get_template(formats.TEMPLATE_2021)
    assert list(OUTCOMES) == list(spec.result_row_keys)
    assert OUTCOMES["withheld.third_party"] == "（三）不予公开 4.保护第三方合法权益"


def test_every_step_but_submission_is_on_the_desk():
    assert {s.kind for s in STEPS.values()} == set(EventKind) - {EventKind.SUBMITTED}


def test_replay_of_a_full_case():
    events = [
        E("submitted", D(2025, 3, 1), {}),
        E("received", D(2025, 3, 3), {}),
        E("consultation_sent", D(2025, 3, 5), {"key": "1"}),
        E("consultation_sent", D(2025, 3, 6), {"key": "2"}),
        E("consultation_answered", D(2025, 3, 7), {"key": "1"}),
    ]
    assert lifecycle.replay(events).status == Status.CONSULTING
    events += [
        E("consultation_answered", D(2025, 3, 10), {"key": "2"}),
        E("decided", D(2025, 3, 11), {"outcome": "granted", "basis": "x"}),
    ]
    state = lifecycle.replay(events)
    assert (state.status, state.outcome, state.decided_on) == (Status.DECIDED, "granted", D(2025, 3, 11))
    assert state.received_on == D(2025, 3, 3)


@pytest.mark.parametrize(
    "kinds,message",
    [
        (["received", "received"], "不能进行“确认收到申请”"),
        (["submitted", "submitted"], "不能重复登记"),
        (["received", "decided", "decided"], "已决定待答复"),
        (["received", "fee_paid"], "不能进行“缴纳费用”"),
        (["received", "withdrawn", "replied"], "已撤回"),
    ],
)
def test_invalid_sequences(kinds, message):
    events = [E(k, D(2025, 3, 3), {"outcome": "granted"}) for k in kinds]
    with pytest.raises(Refused, match=message):
        lifecycle.replay(events)


def test_steps_offered_follow_the_status():
    assert [s.key for s in available(Status.SUBMITTED)] == ["confirm", "withdraw"]
    assert [s.key for s in available(Status.AWAITING_FEE)] == ["paid", "unpaid", "withdraw"]
    assert [s.key for s in available(Status.CLOSED)] == ["reopen"]
    assert available(Status.WITHDRAWN) == []


def test_clock_events_from_stored_events():
    events = [
        E("received", D(2025, 3, 3), {}),
        E("extended", D(2025, 3, 10), {"days": 10, "approver": "主任"}),
        E("decided", D(2025, 3, 20), {"outcome": "granted"}),
        E("replied", D(2025, 3, 20), {}),
    ]
    got = lifecycle.clock_events(events, "letter")
    assert got == [
        clock.Received(D(2025, 3, 3), clock.Channel.LETTER),
        clock.ExtensionApproved(D(2025, 3, 10), 10, "主任"),
        clock.Replied(D(2025, 3, 20)),
    ]
