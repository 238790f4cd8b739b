"""`gongkai calendar`: the platform's working-day calendar (import a year's notice, show a year, list years)."""

from __future__ import annotations

import sys
from pathlib import Path

from . import setup_django

HELP = "工作日历：导入年度节假日安排、查看某一年度、列出已载入的年度"


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="导入一个年度的通知文本（格式见 docs/calendar.md）")
    imp.add_argument("file", type=Path, help="文本文件，UTF-8")
    show = sub.add_parser("show", help="以文本格式显示某一年度的安排")
    show.add_argument("year", type=int)
    sub.add_parser("list", help="列出已载入的年度")


def run(args) -> int:
    from gongkai.core.calendar import CalendarError, format_calendar_text, parse_calendar_text

    if args.action == "import":
        try:
            yc = parse_calendar_text(args.file.read_text(encoding="utf-8"))
        except OSError as exc:
            print(f"无法读取文件 {args.file}：{exc.strerror}", file=sys.stderr)
            return 2
        except UnicodeDecodeError:
            print(f"文件 {args.file} 不是 UTF-8 文本", file=sys.stderr)
            return 2
        except CalendarError as exc:
            print(f"{args.file}：{exc}", file=sys.stderr)
            return 2
    setup_django()
    from gongkai.workdays import services
    from gongkai.workdays.models import CalendarYear

    if args.action == "import":
        try:
            services.load_year(yc)
        except CalendarError as exc:
            print(f"{args.file}：{exc}", file=sys.stderr)
            return 2
        print(f"已载入 {yc.year} 年节假日安排：放假 {len(yc.holidays)} 天，调休上班 {len(yc.workdays)} 天")
        return 0
    if args.action == "show":
        row = CalendarYear.objects.filter(year=args.year).first()
        if row is None:
            print(
                f"{args.year} 年的节假日安排尚未载入；该年度的期限按周一至周五计算（暂定）", file=sys.stderr
            )
            return 1
        sys.stdout.write(format_calendar_text(services.year_calendar(row)))
        return 0
    for row in CalendarYear.objects.order_by("year"):
        print(f"{row.year}  {row.get_source_display():<16} {row.title}")
    return 0
