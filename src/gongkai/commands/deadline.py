"""`gongkai deadline`: the reply deadline of an application from its dates, with the explanation."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from gongkai.commands._calendar import load_calendar
from gongkai.core.calendar import Calendar
from gongkai.core.clock import (
    STATE_NAMES,
    Channel,
    ClockError,
    ConsultationAnswered,
    ConsultationSent,
    CorrectionReceived,
    CorrectionRequested,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    Received,
    State,
    compute_deadline,
)

HELP = "计算依申请公开的答复期限（工作日、补正、征求意见、延期、收费），并说明计算过程。"

EXIT_MISUSE = 2


def parse_date(text: str) -> date:
    """argparse type: an existing date written YYYY-MM-DD."""
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”无效：应为实际存在的日期，格式 YYYY-MM-DD") from None


def parse_consultation(text: str) -> tuple[date, date | None]:
    """argparse type: FROM:TO (letter sent, answer received); FROM or FROM: while no answer has come."""
    sent, _, answered = text.partition(":")
    first = parse_date(sent)
    second = parse_date(answered) if answered else None
    if second and second < first:
        raise argparse.ArgumentTypeError(f"征求意见“{text}”：收到意见之日早于发出之日")
    return first, second


def parse_days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"延长天数“{text}”无效：应为 1 至 20 的整数") from None
    if days < 1:
        raise argparse.ArgumentTypeError(f"延长天数“{text}”无效：应为 1 至 20 的整数")
    return days


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--received", type=parse_date, required=True, metavar="DATE", help="收到申请之日（第三十一条）"
    )
    parser.add_argument(
        "--channel",
        choices=[c.value for c in Channel],
        default=Channel.IN_PERSON.value,
        help="提交方式（默认：当面）",
    )
    parser.add_argument("--correction-requested", type=parse_date, metavar="DATE", help="告知补正之日")
    parser.add_argument("--correction-received", type=parse_date, metavar="DATE", help="收到补正材料之日")
    parser.add_argument(
        "--consultation",
        type=parse_consultation,
        action="append",
        default=[],
        metavar="FROM:TO",
        help="征求意见：发出之日:收到意见之日（尚未答复写 FROM:）；可重复",
    )
    parser.add_argument(
        "--extension",
        type=parse_days,
        metavar="DAYS",
        help="批准延长的工作日数（最多 20；视为在原答复期限届满前批准）",
    )
    parser.add_argument("--fee-notice", type=parse_date, metavar="DATE", help="发出收费通知之日")
    parser.add_argument("--fee-paid", type=parse_date, metavar="DATE", help="申请人缴费之日")
    parser.add_argument("--today", type=parse_date, metavar="DATE", help="按哪一天判断状态（默认：今天）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def _events(args: argparse.Namespace, calendar: Calendar, today: date) -> list:
    if args.fee_paid and not args.fee_notice:
        raise ClockError("给出了 --fee-paid，但没有 --fee-notice（缴费前应先发出收费通知）")
    if bool(args.correction_requested) != bool(args.correction_received):
        raise ClockError("--correction-requested 与 --correction-received 须同时给出")
    events: list = [Received(args.received, Channel(args.channel))]
    if args.correction_requested:
        if args.correction_received < args.correction_requested:
            raise ClockError("收到补正材料之日早于告知补正之日")
        events += [
            CorrectionRequested(args.correction_requested),
            CorrectionReceived(args.correction_received),
        ]
    for i, (sent, answered) in enumerate(args.consultation):
        events.append(ConsultationSent(sent, key=str(i)))
        if answered:
            events.append(ConsultationAnswered(answered, key=str(i)))
    if args.fee_notice:
        events.append(FeeNoticeSent(args.fee_notice))
        if args.fee_paid:
            if args.fee_paid < args.fee_notice:
                raise ClockError("缴费之日早于发出收费通知之日")
            events.append(FeePaid(args.fee_paid))
    if args.extension:
        # The command has no approval date: the extension is taken as approved on the last day of the
        # period as it stands (or today, if that is later than today), the latest day it can lawfully be.
        before = compute_deadline(events, calendar, today=today).due
        events.append(ExtensionApproved(min(before, today), args.extension))
    return events


def _latest(args: argparse.Namespace) -> date:
    """The latest date given: for planning, the state is stated as of that day when it is after today."""
    dates = [
        args.received,
        args.correction_requested,
        args.correction_received,
        args.fee_notice,
        args.fee_paid,
    ]
    dates += [d for pair in args.consultation for d in pair]
    return max(d for d in dates if d)


def run(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    planning = _latest(args) > today
    if planning:  # a receipt date to come: answer as a planning tool, the state as of the latest date
        today = _latest(args)
    try:
        calendar = load_calendar()
        deadline = compute_deadline(_events(args, calendar, today), calendar, today=today)
    except (ClockError, ValueError) as exc:
        print(f"gongkai deadline: 错误：{exc}", file=sys.stderr)
        return EXIT_MISUSE
    if args.json:
        print(json.dumps({**deadline.to_dict(), "planning": planning}, ensure_ascii=False, indent=2))
        return 0
    due = deadline.due.isoformat() if deadline.due else "尚未起算"
    print(f"答复期限：{due}{'（暂定）' if deadline.provisional else ''}")
    if planning:
        print(f"（测算：所给日期晚于今天，状态按 {today} 计算）")
    status = f"状态（{today}）：{STATE_NAMES[deadline.state]}"
    if deadline.workdays_left is not None and deadline.state is not State.OVERDUE:
        status += f"，剩余 {deadline.workdays_left} 个工作日"
    elif deadline.state is State.OVERDUE:
        status += f"，已超过 {-deadline.workdays_left} 个工作日"
    print(status)
    print("计算过程：")
    for step in deadline.explain:
        print(f"  {step.text}")
    return 0
