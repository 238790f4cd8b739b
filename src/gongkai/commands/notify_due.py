"""`gongkai notify-due`: the daily e-mail to each disclosure office of its cases due soon or overdue (cron)."""

from __future__ import annotations

import sys

from gongkai.commands.deadline import parse_date

from . import setup_django

HELP = "向各机关公开办发送即将到期和已逾期的依申请公开案件提醒（每日一次，重复执行不重复发送）"


def add_arguments(parser) -> None:
    parser.add_argument(
        "--days", type=int, default=None, help="提前提醒的工作日数（默认见设置 GONGKAI_DUE_SOON_WORKDAYS，3）"
    )
    parser.add_argument("--date", type=parse_date, default=None, help="按哪一天计算（YYYY-MM-DD，默认今天）")
    parser.add_argument("--agency", default=None, help="只处理这个机关（机关代码）")


def run(args) -> int:
    setup_django()
    from gongkai.agencies.models import Agency
    from gongkai.applications import notify, unconfirmed

    if args.days is not None and args.days < 0:
        print("--days 不能为负数", file=sys.stderr)
        return 2
    agencies = Agency.objects.all()
    if args.agency:
        agencies = agencies.filter(code=args.agency)
        if not agencies.exists():
            print(f"没有代码为 {args.agency} 的机关", file=sys.stderr)
            return 2
    result = notify.notify_due(today=args.date, days=args.days, agencies=agencies)
    for entry in result.agencies:
        line = f"{entry.agency.name}：已逾期 {len(entry.overdue)} 件，即将到期 {len(entry.due_soon)} 件"
        if entry.unconfirmed:
            line += f"，超过 {unconfirmed.remind_after()} 个工作日未确认 {len(entry.unconfirmed)} 件"
        print(line)
    for entry in result.unreachable:
        print(
            f"{entry.agency.name}：无法通知（公开办没有留有电子邮箱的在用账号），请在人员信息中补充电子邮箱"
        )
    print(f"发送提醒 {result.sent} 封；今日已发送过、未重复发送 {result.already} 封")
    return 0
