"""The reply clock: deadlines derived from a case's events (条例 第三十至三十五条, 109号)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gongkai.core.calendar import Calendar, parse_calendar_text
from gongkai.core.clock import (
    Channel,
    ClockError,
    ClockSettings,
    ConsultationAnswered,
    ConsultationSent,
    CorrectionExpired,
    CorrectionReceived,
    CorrectionRequested,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    Party,
    ReasonablePeriodSet,
    Received,
    Replied,
    State,
    compute_deadline,
)

D = date.fromisoformat
CAL = Calendar.from_chinesecalendar()
SAMPLE_2027 = Path(__file__).parents[2] / "docs" / "calendar-2027-sample.txt"


def deadline(events, today, cal=CAL, **settings):
    return compute_deadline(events, cal, today=D(today), settings=ClockSettings(**settings))


def texts(result):
    return [step.text for step in result.explain]


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2024-01-26", "2024-02-28"),  # 春节 2024
        ("2025-01-24", "2025-02-27"),  # 春节 2025
        ("2020-01-20", "2020-02-25"),  # 春节 2020, extended to 02-02
        ("2019-09-20", "2019-10-23"),  # 国庆 2019 with make-up 09-29 and 10-12
        ("2023-09-22", "2023-10-26"),  # 中秋、国庆 2023, make-up 10-07 and 10-08
        ("2025-09-26", "2025-10-30"),  # 国庆节、中秋 2025, eight days, make-up 09-28 and 10-11
        ("2026-04-30", "2026-06-01"),  # 劳动节 2026 with make-up 05-09
    ],
)
def test_plain_deadlines(received, due):
    result = deadline([Received(D(received))], received)
    assert result.due == D(due)
    assert result.provisional is False
    assert result.state is State.RUNNING
    assert result.workdays_left == 20
    assert result.extended is False


def test_explanation_reads_as_on_the_case_page():
    result = deadline([Received(D("2024-01-26"))], "2024-02-01")
    assert texts(result) == [
        "2024-01-26 收到申请（当面提交，收到申请之日）；答复期限自次日起算 20 个工作日",
        "2024-01-27 至 2024-02-28 计 20 个工作日（2024-02-04（星期日）春节调休上班，计入；"
        "2024-02-10 至 2024-02-17 春节放假不计；2024-02-18（星期日）春节调休上班，计入）",
        "答复期限：2024-02-28（星期三）",
    ]
    assert result.explain[1].on == D("2024-01-27") and result.explain[1].until == D("2024-02-28")
    assert result.to_dict()["explain"][0]["from"] == "2024-01-26"


@pytest.mark.parametrize(
    ("channel", "rule"),
    [
        (Channel.IN_PERSON, "当面提交，收到申请之日"),
        (Channel.POST, "邮寄，机关签收之日"),
        (Channel.LETTER, "平常信函，与申请人确认之日"),
        (Channel.ONLINE, "互联网渠道，双方确认之日"),
        (Channel.FAX, "传真，双方确认之日"),
        (Channel.EMAIL, "电子邮件，双方确认之日"),
    ],
)
def test_channel_states_the_receipt_rule(channel, rule):
    result = deadline([Received(D("2024-03-01"), channel)], "2024-03-01")
    assert texts(result)[0] == f"2024-03-01 收到申请（{rule}）；答复期限自次日起算 20 个工作日"


def test_counting_the_receipt_day_is_a_setting():
    result = deadline([Received(D("2024-01-26"))], "2024-01-26", count_event_day=True)
    assert result.due == D("2024-02-27")
    assert "自当日起算" in texts(result)[0]


@pytest.mark.parametrize(
    ("today", "state", "left"),
    [
        ("2024-01-26", State.RUNNING, 20),
        ("2024-02-20", State.RUNNING, 6),
        ("2024-02-21", State.DUE_SOON, 5),
        ("2024-02-28", State.DUE_SOON, 0),
        ("2024-02-29", State.OVERDUE, -1),
        ("2024-03-04", State.OVERDUE, -3),
    ],
)
def test_states(today, state, left):
    result = deadline([Received(D("2024-01-26"))], today)
    assert (result.state, result.workdays_left) == (state, left)


def test_due_soon_threshold_is_a_setting():
    assert deadline([Received(D("2024-01-26"))], "2024-02-20", due_soon_threshold=6).state is State.DUE_SOON


# -- correction (第三十条) ------------------------------------------------------------------------------


def test_correction_restarts_the_period():
    events = [
        Received(D("2024-03-01")),
        CorrectionRequested(D("2024-03-05")),
        CorrectionReceived(D("2024-03-11")),
    ]
    result = deadline(events, "2024-03-12")
    assert result.due == D("2024-04-09")  # 20 working days after 03-11, 04-04..06 off, 04-07 worked
    assert result.warnings == ()
    assert "2024-03-11 收到补正材料；答复期限自次日起算，重新计算 20 个工作日" in texts(result)


def test_correction_pending_has_no_due_date():
    events = [Received(D("2024-03-01")), CorrectionRequested(D("2024-03-05"), respond_by=D("2024-03-20"))]
    result = deadline(events, "2024-03-12")
    assert (result.due, result.state, result.workdays_left) == (None, State.PAUSED, None)
    assert "补正期限至 2024-03-20" in texts(result)[1]
    assert result.to_dict()["due"] is None


def test_late_correction_request_warns():
    # 7 working days after 2024-03-01 is 2024-03-12
    on_time = deadline([Received(D("2024-03-01")), CorrectionRequested(D("2024-03-12"))], "2024-03-12")
    assert on_time.warnings == ()
    late = deadline([Received(D("2024-03-01")), CorrectionRequested(D("2024-03-13"))], "2024-03-13")
    assert late.warnings == ("补正告知晚于收到申请后 7 个工作日（应不晚于 2024-03-12，第三十条）",)
    assert "注意：补正告知晚于收到申请后 7 个工作日" in "".join(texts(late))


def test_correction_expired_stops_the_clock():
    events = [
        Received(D("2024-03-01")),
        CorrectionRequested(D("2024-03-05")),
        CorrectionExpired(D("2024-03-20")),
    ]
    result = deadline(events, "2024-04-01")
    assert (result.state, result.stop_reason, result.workdays_left) == (
        State.STOPPED,
        "correction_expired",
        None,
    )
    assert "视为放弃申请" in "".join(texts(result))


@pytest.mark.parametrize(
    "events",
    [
        [Received(D("2024-03-01")), CorrectionReceived(D("2024-03-05"))],
        [Received(D("2024-03-01")), CorrectionExpired(D("2024-03-05"))],
        [
            Received(D("2024-03-01")),
            CorrectionRequested(D("2024-03-04")),
            CorrectionRequested(D("2024-03-05")),
        ],
    ],
)
def test_correction_out_of_order_is_refused(events):
    with pytest.raises(ClockError):
        deadline(events, "2024-04-01")


# -- consultation (第三十二、三十四条) ---------------------------------------------------------------------


def test_consultation_pause_adds_the_days_in_between():
    # base due 2024-03-29; paused (03-08, 03-15]: 5 working days → 04-08 (04-04..06 off, 04-07 worked)
    events = [
        Received(D("2024-03-01")),
        ConsultationSent(D("2024-03-08"), to="某公司"),
        ConsultationAnswered(D("2024-03-15")),
    ]
    result = deadline(events, "2024-03-18")
    assert result.due == D("2024-04-08")
    assert result.state is State.RUNNING
    joined = "\n".join(texts(result))
    assert (
        "2024-03-08 书面征求第三方（某公司）意见（第三十二条），答复期限 15 个工作日，至 2024-03-29" in joined
    )
    assert "暂停期间（2024-03-08 之后至 2024-03-15）5 个工作日不计入答复期限" in joined


def test_consultation_without_answer_ends_after_15_working_days():
    events = [Received(D("2024-03-01")), ConsultationSent(D("2024-03-08"), Party.AGENCY)]
    result = deadline(events, "2024-04-10")
    assert result.due == D("2024-04-22")  # 2024-03-29 + the 15 working days of the answer period
    assert "视为同意公开" in "\n".join(texts(result))
    third = deadline([Received(D("2024-03-01")), ConsultationSent(D("2024-03-08"))], "2024-04-10")
    assert third.due == D("2024-04-22")
    assert "由行政机关依法决定是否公开" in "\n".join(texts(third))


def test_open_consultation_is_paused_and_due_is_as_if_it_ended_today():
    events = [Received(D("2024-03-01")), ConsultationSent(D("2024-03-08"))]
    result = deadline(events, "2024-03-20")
    assert result.state is State.PAUSED
    assert result.workdays_left == 15  # 5 of 20 used before the letter went out
    assert result.due == CAL.add_workdays(D("2024-03-20"), 15)
    # the last day of the answer period is still paused
    assert deadline(events, "2024-03-29").state is State.PAUSED
    assert deadline(events, "2024-04-01").state is State.RUNNING


def test_late_answer_does_not_lengthen_the_pause():
    events = [
        Received(D("2024-03-01")),
        ConsultationSent(D("2024-03-08")),
        ConsultationAnswered(D("2024-04-03")),
    ]
    assert deadline(events, "2024-04-03").due == D("2024-04-22")


def test_overlapping_consultations_count_once_and_separate_ones_add_up():
    overlapping = [
        Received(D("2024-03-01")),
        ConsultationSent(D("2024-03-08"), key="a"),
        ConsultationSent(D("2024-03-11"), Party.AGENCY, key="b"),
        ConsultationAnswered(D("2024-03-15"), key="a"),
        ConsultationAnswered(D("2024-03-14"), key="b"),
    ]
    assert deadline(overlapping, "2024-03-18").due == D("2024-04-08")  # union (03-08, 03-15]
    separate = [
        Received(D("2024-03-01")),
        ConsultationSent(D("2024-03-04")),
        ConsultationAnswered(D("2024-03-06")),  # 2 days
        ConsultationSent(D("2024-03-11")),
        ConsultationAnswered(D("2024-03-14")),  # 3 days
    ]
    assert deadline(separate, "2024-03-18").due == CAL.add_workdays(D("2024-03-29"), 5)


def test_pause_starting_after_the_period_was_used_up_does_not_move_it():
    events = [
        Received(D("2024-03-01")),
        ConsultationSent(D("2024-03-29")),
        ConsultationAnswered(D("2024-04-12")),
    ]
    assert deadline(events, "2024-04-12").due == D("2024-03-29")
    still_open = deadline(events[:2], "2024-04-02")
    assert (still_open.due, still_open.state, still_open.workdays_left) == (
        D("2024-03-29"),
        State.OVERDUE,
        -2,
    )


def test_reasonable_period_in_an_unknown_year_is_not_provisional():
    events = [Received(D("2026-12-01")), ReasonablePeriodSet(D("2026-12-10"), D("2027-03-31"))]
    assert deadline(events, "2026-12-10").provisional is False


def test_answer_without_consultation_is_refused():
    with pytest.raises(ClockError, match="没有尚未答复的征求意见"):
        deadline([Received(D("2024-03-01")), ConsultationAnswered(D("2024-03-05"))], "2024-03-05")


# -- extension (第三十三条) ---------------------------------------------------------------------------


def test_extension_adds_its_days_to_the_deadline():
    events = [Received(D("2024-01-26")), ExtensionApproved(D("2024-02-20"), 10, approver="办公室主任")]
    result = deadline(events, "2024-02-21")
    assert result.due == D("2024-03-13")
    assert result.extended is True
    assert (
        "2024-02-20 经办公室主任同意延长答复期限 10 个工作日（第三十三条）：由 2024-02-28 延至 2024-03-13"
        in texts(result)
    )
    assert "含延长的 10 个工作日" in texts(result)[-1]


def test_extension_after_a_pause_extends_the_deadline_as_it_stands():
    events = [
        Received(D("2024-03-01")),
        ConsultationSent(D("2024-03-08")),
        ConsultationAnswered(D("2024-03-15")),
        ExtensionApproved(D("2024-04-01"), 20),
    ]
    assert deadline(events, "2024-04-01").due == CAL.add_workdays(D("2024-04-08"), 20)


@pytest.mark.parametrize(
    ("extensions", "message"),
    [
        ([ExtensionApproved(D("2024-02-01"), 5), ExtensionApproved(D("2024-02-05"), 5)], "只能延长一次"),
        ([ExtensionApproved(D("2024-02-01"), 21)], "最长不得超过 20 个工作日"),
        ([ExtensionApproved(D("2024-02-01"), 0)], "最长不得超过 20 个工作日"),
    ],
)
def test_second_or_long_extension_is_refused(extensions, message):
    with pytest.raises(ClockError, match=message):
        deadline([Received(D("2024-01-26")), *extensions], "2024-02-20")


def test_extension_after_the_deadline_warns():
    result = deadline([Received(D("2024-01-26")), ExtensionApproved(D("2024-02-29"), 5)], "2024-02-29")
    assert result.warnings == ("延期在原答复期限 2024-02-28 届满之后才批准",)


# -- fees (109号) -------------------------------------------------------------------------------------


def test_fee_window_pauses_until_payment():
    events = [Received(D("2024-03-01")), FeeNoticeSent(D("2024-03-08")), FeePaid(D("2024-03-12"))]
    result = deadline(events, "2024-03-12")
    assert result.due == D("2024-04-02")  # 2024-03-29 + 2 working days paused
    assert "申请人应自次日起 20 个工作日内（至 2024-04-08）缴费" in "\n".join(texts(result))


def test_fee_window_pausing_is_a_setting():
    events = [Received(D("2024-03-01")), FeeNoticeSent(D("2024-03-08")), FeePaid(D("2024-03-12"))]
    assert deadline(events, "2024-03-12", fee_window_pauses=False).due == D("2024-03-29")
    open_window = deadline(events[:2], "2024-03-12", fee_window_pauses=False)
    assert open_window.state is State.RUNNING


def test_open_fee_window_is_paused():
    result = deadline([Received(D("2024-03-01")), FeeNoticeSent(D("2024-03-08"))], "2024-04-08")
    assert result.state is State.PAUSED


def test_unpaid_fee_past_the_window_stops_the_clock():
    result = deadline([Received(D("2024-03-01")), FeeNoticeSent(D("2024-03-08"))], "2024-04-09")
    assert (result.state, result.stop_reason) == (State.STOPPED, "fee_unpaid")
    joined = "\n".join(texts(result))
    assert "2024-04-08 缴费期限届满，申请人未缴费，视为放弃申请；停止计时" in joined
    assert "办理终止，不再计算答复期限" in joined
    assert not any(t.startswith("2024-04-09 至") for t in texts(result))  # nothing counted after the stop


def test_late_payment_warns():
    events = [Received(D("2024-03-01")), FeeNoticeSent(D("2024-03-08")), FeePaid(D("2024-04-08"))]
    assert deadline(events, "2024-04-08").warnings == ()
    # a payment after the window only counts if it is recorded before the window is found expired
    with pytest.raises(ClockError):
        deadline([Received(D("2024-03-01")), FeePaid(D("2024-03-08"))], "2024-03-08")


# -- 第三十五条, reply ----------------------------------------------------------------------------------


def test_reasonable_period_sets_a_new_due_date():
    events = [Received(D("2024-03-01")), ReasonablePeriodSet(D("2024-03-20"), D("2024-06-28"))]
    result = deadline(events, "2024-04-01")
    assert result.due == D("2024-06-28")
    assert "2024-03-20 依第三十五条确定合理期限并告知申请人：答复期限为 2024-06-28（星期五）" in texts(result)
    with pytest.raises(ClockError, match="第三十五条"):
        deadline([*events, ExtensionApproved(D("2024-04-01"), 5)], "2024-04-01")
    with pytest.raises(ClockError, match="应晚于"):
        deadline(
            [Received(D("2024-03-01")), ReasonablePeriodSet(D("2024-03-20"), D("2024-03-20"))], "2024-04-01"
        )


def test_reply_stops_the_clock():
    on_time = deadline([Received(D("2024-01-26")), Replied(D("2024-02-27"))], "2024-03-10")
    assert (on_time.state, on_time.stop_reason, on_time.due) == (State.STOPPED, "replied", D("2024-02-28"))
    assert "2024-02-27 作出答复，在答复期限内；停止计时" in texts(on_time)
    late = deadline([Received(D("2024-01-26")), Replied(D("2024-03-01"))], "2024-03-10")
    assert texts(late)[-1] == "2024-03-01 作出答复，超过答复期限 2 个工作日；停止计时"
    with pytest.raises(ClockError, match="终止"):
        deadline(
            [Received(D("2024-01-26")), Replied(D("2024-02-01")), FeeNoticeSent(D("2024-02-02"))],
            "2024-03-10",
        )


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([], "缺少收到申请"),
        ([ConsultationSent(D("2024-03-01"))], "缺少收到申请"),
        ([Received(D("2024-03-01")), Received(D("2024-03-02"))], "只能记录一次"),
        ([Received(D("2024-03-01")), ConsultationSent(D("2024-02-01"))], "早于收到申请"),
        ([Received(D("2024-05-01"))], "晚于今天"),
    ],
)
def test_invalid_event_lists(events, message):
    with pytest.raises(ClockError, match=message):
        deadline(events, "2024-04-01")


# -- unknown years --------------------------------------------------------------------------------


def test_deadline_into_unknown_year_is_provisional_and_recomputed():
    events = [
        Received(D("2026-12-10")),
        ConsultationSent(D("2026-12-15")),
        ConsultationAnswered(D("2026-12-22")),
    ]
    before = deadline(events, "2026-12-23")
    assert before.provisional is True
    assert "暂定" in texts(before)[-1]
    loaded = CAL.with_year(parse_calendar_text(SAMPLE_2027.read_text(encoding="utf-8")))
    after = deadline(events, "2026-12-23", cal=loaded)
    assert after.provisional is False
    assert after.due == before.due + timedelta(days=1)  # 2027-01-01 is off in the (sample) notice
    assert "2027-01-01 至 2027-01-03 元旦放假不计" in "\n".join(texts(after))


def test_deadline_within_a_known_year_is_not_provisional_even_if_today_is_not():
    assert deadline([Received(D("2026-11-02"))], "2027-01-04").provisional is False


# -- properties -----------------------------------------------------------------------------------

days = st.dates(date(2005, 1, 1), date(2026, 6, 30))


@given(days, st.integers(0, 19), st.integers(0, 30))
def test_pause_before_the_deadline_adds_exactly_its_working_days(received, used, length):
    base = CAL.add_workdays(received, 20)
    sent = CAL.add_workdays(received, used) if used else received
    answered = sent + timedelta(days=length)
    assume(answered <= date(2026, 12, 31))
    events = [Received(received), ConsultationSent(sent), ConsultationAnswered(answered)]
    result = compute_deadline(events, CAL, today=answered)
    pause_end = min(answered, CAL.add_workdays(sent, 15))  # a late answer does not lengthen the pause
    assert result.due == CAL.add_workdays(base, CAL.workdays_between(sent, pause_end))


@given(days, st.integers(1, 20), st.integers(0, 19))
def test_extension_moves_the_deadline_as_it_stands(received, extra, used):
    approved = CAL.add_workdays(received, used) if used else received
    base = compute_deadline([Received(received)], CAL, today=approved).due
    result = compute_deadline([Received(received), ExtensionApproved(approved, extra)], CAL, today=approved)
    assert result.due == CAL.add_workdays(base, extra)
