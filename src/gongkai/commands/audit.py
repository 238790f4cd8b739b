"""`gongkai audit PATH...`: read published annual reports and list what is wrong with them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "审核政府信息公开工作年度报告（TXT、HTML、DOCX、XLSX、PDF，文件或网址），列出发现的问题"

EXIT_OK, EXIT_ERRORS, EXIT_MISUSE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="报告文件或目录（目录下按扩展名递归查找）")
    web = parser.add_argument_group("网上的报告")
    web.add_argument("--url", action="append", default=[], metavar="URL", help="审核网页或附件（可重复）")
    web.add_argument("--urls", metavar="FILE", help="审核文件中列出的网址（每行一个，# 开头为注释）")
    web.add_argument("--crawl", metavar="URL", help="从年报栏目页出发，沿同一网站的链接找到并审核每份报告")
    web.add_argument("--depth", type=int, default=2, metavar="N", help="抓取时沿链接的最大层数（默认 2）")
    web.add_argument(
        "--max-pages", type=int, default=100, metavar="N", help="抓取时最多请求的页面数（默认 100）"
    )
    web.add_argument(
        "--delay", type=float, default=1.0, metavar="SECONDS", help="两次请求之间的间隔秒数（默认 1）"
    )
    web.add_argument(
        "--timeout", type=float, default=20.0, metavar="SECONDS", help="每次请求的超时秒数（默认 20）"
    )
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
    problem = _misuse(args)
    if problem:
        err.print(f"gongkai audit: {problem}")
        return EXIT_MISUSE
    try:
        paths = collect_paths(args.paths)
        urls = _urls(args)
    except FileNotFoundError as exc:
        err.print(f"gongkai audit: 找不到文件或目录：{exc}")
        return EXIT_MISUSE
    if not paths and not urls and not args.crawl:
        err.print("gongkai audit: 给定的目录中没有可审核的文件（.txt .html .htm .docx .xlsx .pdf）")
        return EXIT_MISUSE
    previous = None
    if args.previous:
        if not Path(args.previous).is_file():
            err.print(f"gongkai audit: 找不到上一年度报告：{args.previous}")
            return EXIT_MISUSE
        previous = read_file(args.previous)
    reports = _audit(paths, previous, args.jobs, err) if paths else []
    if urls or args.crawl:
        reports += _audit_web(args, urls, previous)
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


def _misuse(args: argparse.Namespace) -> str | None:
    if args.jobs < 1:
        return "--jobs 必须是正整数"
    if not (args.paths or args.url or args.urls or args.crawl):
        return "请给出要审核的文件、目录，或 --url / --urls / --crawl"
    if args.depth < 0 or args.max_pages < 1 or args.delay < 0 or args.timeout <= 0:
        return "--depth、--max-pages、--delay、--timeout 的取值不对（不能为负，页数和超时须大于 0）"
    return None


def _urls(args: argparse.Namespace) -> list[str]:
    urls = list(args.url)
    if args.urls:
        if not Path(args.urls).is_file():
            raise FileNotFoundError(args.urls)
        lines = Path(args.urls).read_text(encoding="utf-8", errors="replace").splitlines()
        urls += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return urls


def _audit_web(args, urls, previous):
    """Reports fetched over HTTP(S); the shared checks as for files, with consecutive years paired."""
    from gongkai.core.audit.api import finish_safely
    from gongkai.core.audit.batch import previous_in_batch
    from gongkai.core.audit.crawl import Auditor, Politeness

    auditor = Auditor(Politeness(args.delay, args.timeout, args.depth, args.max_pages))
    reports = auditor.audit_urls(urls)
    if args.crawl:
        reports += auditor.crawl(args.crawl)
    pairs = previous_in_batch(reports)
    return [finish_safely(report, previous or pair) for report, pair in zip(reports, pairs, strict=True)]
