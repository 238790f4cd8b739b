"""The command's outputs: a terminal summary (rich), CSV rows and the HTML page of re-drawn tables."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from html import escape

from rich.console import Console
from rich.markup import escape as escape_markup
from rich.table import Table

from gongkai.core.render.html import TABLE_CSS, render_tables
from gongkai.core.report.model import AnnualReport

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_NAME = {"error": "错误", "warning": "警告", "info": "提示"}
CSV_FIELDS = ("source", "agency", "year", "template", "errors", "warnings", "codes")


def counts(report: AnnualReport) -> Counter[str]:
    return Counter(f.severity for f in report.findings)


def print_summary(reports: Sequence[AnnualReport], console: Console) -> None:
    for report in reports:
        found = counts(report)
        console.rule(f"[bold]{escape_markup(report.source or '')}")
        console.print(
            f"机关：{escape_markup(report.agency or '（未识别）')}　年度：{report.year or '（未识别）'}　"
            f"格式：{report.template or '（未识别）'}　公开日期：{report.published_on or '（未识别）'}"
        )
        if not report.findings:
            console.print("[green]未发现问题。[/green]")
            continue
        table = Table(show_lines=False, expand=True)
        table.add_column("级别", no_wrap=True)
        table.add_column("代码", no_wrap=True)
        table.add_column("位置", overflow="fold", ratio=2)
        table.add_column("说明", overflow="fold", ratio=4)
        for finding in report.findings:
            style = SEVERITY_STYLE.get(finding.severity, "")
            table.add_row(
                f"[{style}]{SEVERITY_NAME.get(finding.severity, finding.severity)}[/{style}]",
                finding.code,
                escape_markup(finding.where + (f"（第{finding.page}页）" if finding.page else "")),
                escape_markup(finding.message),
            )
        console.print(table)
        console.print(
            f"错误 {found['error']} 项，警告 {found['warning']} 项，提示 {found['info']} 项",
            style="bold red" if found["error"] else None,
        )
    if len(reports) > 1:
        total = sum((counts(r) for r in reports), Counter())
        console.rule("[bold]合计")
        console.print(
            f"共 {len(reports)} 份报告：错误 {total['error']} 项，警告 {total['warning']} 项，提示 {total['info']} 项"
        )


def write_csv(reports: Sequence[AnnualReport], path: str) -> None:
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_FIELDS)
        for report in reports:
            found = counts(report)
            codes = sorted({f.code for f in report.findings})
            writer.writerow(
                [
                    report.source,
                    report.agency or "",
                    report.year or "",
                    report.template or "",
                    found["error"],
                    found["warning"],
                    " ".join(codes),
                ]
            )


_PAGE_CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 24px; color: #222; }
section.report { margin-bottom: 48px; border-top: 3px solid #444; padding-top: 12px; }
.audit-table { display: flex; gap: 16px; align-items: flex-start; margin: 12px 0; }
.audit-table .grid { flex: 3; } .audit-table aside { flex: 2; font-size: 13px; }
li.error { color: #a93226; } li.warning { color: #9a6a00; } li.info { color: #1f618d; }
table.findings { border-collapse: collapse; width: 100%; font-size: 13px; }
table.findings td, table.findings th { border: 1px solid #bbb; padding: 3px 6px; text-align: left; }
tr.error td { background: #fbe3e1; } tr.warning td { background: #fdf3d8; }
"""


def write_html(reports: Sequence[AnnualReport], path: str) -> None:
    parts = []
    for report in reports:
        found = counts(report)
        rows = "".join(
            f'<tr class="{f.severity}"><td>{SEVERITY_NAME.get(f.severity, f.severity)}</td><td>{escape(f.code)}</td>'
            f"<td>{escape(f.where)}{f'（第{f.page}页）' if f.page else ''}</td><td>{escape(f.message)}</td><td>{escape(f.evidence or '')}</td></tr>"
            for f in report.findings
        )
        tables = render_tables(report) if report.spec is not None else ""
        parts.append(
            f'<section class="report"><h2>{escape(report.title or report.source or "")}</h2>'
            f"<p>文件：{escape(report.source or '')}　机关：{escape(report.agency or '（未识别）')}　"
            f"年度：{report.year or '（未识别）'}　格式：{report.template or '（未识别）'}　"
            f"错误 {found['error']} 项，警告 {found['warning']} 项，提示 {found['info']} 项</p>"
            f'{tables}<h3>全部问题</h3><table class="findings"><tr><th>级别</th><th>代码</th><th>位置</th>'
            f"<th>说明</th><th>原文</th></tr>{rows}</table></section>"
        )
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>政府信息公开工作年度报告审核结果</title>'
        f"<style>{_PAGE_CSS}{TABLE_CSS}</style></head><body><h1>政府信息公开工作年度报告审核结果</h1>"
        + "".join(parts)
        + "</body></html>\n"
    )
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(page)
