"""`gongkai audit PATH...`: read published annual reports and list what is wrong with them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "审核政府信息公开工作年度报告（TXT、HTML、DOCX、PDF），列出发现的问题"

EXIT_OK, EXIT_ERRORS, EXIT_MISUSE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或目录（目录下按扩展名递归查找）")
    parser.add_argument("--json", action="store_true", help="以 JSON 数组输出每份报告的识别结果和问题")
    parser.add_argument("--csv", metavar="FILE", help="把每份报告的汇总写入 CSV 文件")
    parser.add_argument("--html", metavar="FILE", help="生成网页：按官方格式重绘表格并标出有问题的单元格")
    parser.add_argument(
        "--previous", metavar="FILE", help="上一年度的报告，用于跨年核对（上年结转、重复内容）"
    )
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="并行读取的进程数（默认 1）")
    parser.add_argument("--strict", action="store_true", help="发现任何错误时以状态 1 退出")


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from gongkai.core.audit.api import read_file
    from gongkai.core.audit.batch import collect_paths
    from gongkai.core.audit.output import print_summary, write_csv, write_html

    err = Console(stderr=True)
    if args.jobs < 1:
        err.print("gongkai audit: --jobs 必须是正整数")
        return EXIT_MISUSE
    try:
        paths = collect_paths(args.paths)
    except FileNotFoundError as exc:
        err.print(f"gongkai audit: 找不到文件或目录：{exc}")
        return EXIT_MISUSE
    if not paths:
        err.print("gongkai audit: 给定的目录中没有可审核的文件（.txt .html .htm .docx .pdf）")
        return EXIT_MISUSE
    previous = None
    if args.previous:
        if not Path(args.previous).is_file():
            err.print(f"gongkai audit: 找不到上一年度报告：{args.previous}")
            return EXIT_MISUSE
        previous = read_file(args.previous)
    reports = _audit(paths, previous, args.jobs, err)
    if args.json:
        try:
            json.dump([r.to_dict() for r in reports], sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        except BrokenPipeError:
            pass
    else:
        print_summary(reports, Console())
    for path, write in ((args.csv, write_csv), (args.html, write_html)):
        if path:
            try:
                write(reports, path)
            except OSError as exc:
                err.print(f"gongkai audit: 无法写入 {path}：{exc.strerror or exc}")
                return EXIT_MISUSE
    if args.strict and any(f.severity == "error" for r in reports for f in r.findings):
        return EXIT_ERRORS
    return EXIT_OK


def _audit(paths, previous, jobs, err):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from gongkai.core.audit.batch import audit_batch

    if len(paths) < 2 or not err.is_terminal:
        return audit_batch(paths, previous, jobs)
    columns = (TextColumn("审核中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("audit", total=len(paths))
        return audit_batch(paths, previous, jobs, lambda: progress.advance(task))
