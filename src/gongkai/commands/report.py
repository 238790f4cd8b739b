"""`gongkai report`: an agency's annual report for a year, assembled from the records, in any output format.

The report is the agency's draft as the office has edited it (or, without a draft, the figures with the drafted
prose); a published report is given as it was published. JSON is the spec's shape with the findings.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from gongkai.core.render import FORMATS

from . import setup_django

HELP = "生成机关的政府信息公开工作年度报告（HTML、DOCX、PDF、XLSX 或 JSON）。"

EXIT_MISUSE = 2


def parse_year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是年份") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--agency", required=True, metavar="CODE", help="机关代码，例如 jingkai-rsj")
    parser.add_argument("--year", required=True, type=parse_year, help="报告年度，例如 2020")
    parser.add_argument(
        "--format", dest="fmt", choices=list(FORMATS), default="json", help="输出格式（默认 json）"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认输出到标准输出）")


def _error(message: str) -> int:
    print(f"gongkai report: 错误：{message}", file=sys.stderr)
    return EXIT_MISUSE


def run(args: argparse.Namespace) -> int:
    setup_django()
    for noisy in ("weasyprint", "fontTools"):  # their progress lines are not for the command's user
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from gongkai.agencies.models import Agency
    from gongkai.core.errors import Refused
    from gongkai.core.render import render
    from gongkai.core.render.pdf import MissingFontError
    from gongkai.reports.assembly import check_year, checked

    agency = Agency.objects.filter(code=args.agency).first()
    if agency is None:
        return _error(f"没有代码为“{args.agency}”的机关")
    try:
        check_year(args.year)
    except Refused as exc:
        return _error(str(exc))
    report = checked(agency, args.year)
    try:
        data = render(report, args.fmt)
    except MissingFontError as exc:
        return _error(str(exc))
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as exc:
            return _error(f"无法写入文件 {args.output}（{exc.strerror or exc}）")
        return 0
    if args.fmt in ("json", "html"):
        sys.stdout.write(data.decode("utf-8"))
        if not data.endswith(b"\n"):
            sys.stdout.write("\n")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    return 0
