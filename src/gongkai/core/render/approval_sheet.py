"""发布审批表 (审签单): the paper record of one item's sign-off, for the agency's files — the item's title, 索引号
and 文号, who submitted it, each step of 复核 → 保密审查 → 审核 with its person, time and opinion, and the
confidentiality conclusion. HTML for the screen and print, PDF by WeasyPrint with the report's fonts embedded."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from html import escape as _escape

from gongkai.core.render.html import BODY_FONTS, TABLE_FONTS, TITLE_FONTS
from gongkai.core.render.pdf import require_cjk_font
from gongkai.core.render.text import xml_safe


@dataclass(frozen=True)
class Step:
    name: str  # 拟稿 / 复核 / 保密审查 / 审核
    decision: str  # 提交 / 通过 / 退回修改 …
    person: str
    at: datetime.datetime | None
    opinion: str = ""


@dataclass(frozen=True)
class ApprovalSheet:
    agency: str
    title: str
    index_number: str
    document_number: str = ""
    publisher: str = ""
    steps: list[Step] = field(default_factory=list)
    conclusion: str = ""  # the confidentiality conclusion as a sentence, blank while there is none
    status: str = ""  # where the item stands (已发布 …)
    printed_at: datetime.datetime | None = None


SHEET_CSS = f"""
@page {{ size: A4; margin: 25mm 20mm 25mm 20mm;
  @bottom-center {{ content: counter(page) " / " counter(pages); font-family: {TABLE_FONTS}; font-size: 9pt; }} }}
body {{ font-family: {BODY_FONTS}; font-size: 12pt; color: #000; margin: 0; }}
h1 {{ font-family: {TITLE_FONTS}; font-size: 20pt; font-weight: normal; text-align: center; margin: 0 0 4pt; }}
p.agency {{ text-align: center; margin: 0 0 14pt; }}
table.sheet {{ border-collapse: collapse; width: 100%; font-family: {TABLE_FONTS}; font-size: 11pt; }}
table.sheet th, table.sheet td {{ border: 0.75pt solid #000; padding: 5pt 6pt; vertical-align: top; }}
table.sheet th {{ font-weight: normal; text-align: center; white-space: nowrap; }}
table.sheet tr {{ break-inside: avoid; page-break-inside: avoid; }}
p.printed {{ font-size: 9pt; text-align: right; margin-top: 8pt; }}
"""


def escape(text: str) -> str:
    return _escape(xml_safe(text or ""))


def _time(value: datetime.datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def render_article(sheet: ApprovalSheet) -> str:
    """The sheet as an `<article class="approval-sheet">` fragment (style it with `SHEET_CSS`)."""
    rows = [
        f'<tr><th>信息名称</th><td colspan="4">{escape(sheet.title)}</td></tr>',
        f'<tr><th>索引号</th><td colspan="2">{escape(sheet.index_number)}</td>'
        f"<th>文号</th><td>{escape(sheet.document_number) or '—'}</td></tr>",
        f'<tr><th>发布机构</th><td colspan="2">{escape(sheet.publisher)}</td>'
        f"<th>状态</th><td>{escape(sheet.status)}</td></tr>",
        "<tr><th>环节</th><th>办理结果</th><th>办理人</th><th>时间</th><th>意见</th></tr>",
    ]
    for step in sheet.steps:
        rows.append(
            f"<tr><th>{escape(step.name)}</th><td>{escape(step.decision)}</td><td>{escape(step.person)}</td>"
            f"<td>{_time(step.at)}</td><td>{escape(step.opinion)}</td></tr>"
        )
    if not sheet.steps:
        rows.append('<tr><td colspan="5">尚未提交审核。</td></tr>')
    rows.append(
        f'<tr><th>保密审查结论</th><td colspan="4">{escape(sheet.conclusion) or "尚无结论"}</td></tr>'
    )
    printed = f'<p class="printed">打印时间：{_time(sheet.printed_at)}</p>' if sheet.printed_at else ""
    return (
        '<article class="approval-sheet"><h1>政府信息主动公开发布审批表</h1>'
        f'<p class="agency">{escape(sheet.agency)}</p>'
        f'<table class="sheet">{"".join(rows)}</table>{printed}</article>'
    )


def render_html(sheet: ApprovalSheet) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>发布审批表：{escape(sheet.title)}</title>\n<style>{SHEET_CSS}</style>\n</head>\n"
        f"<body>\n{render_article(sheet)}\n</body>\n</html>\n"
    )


def render_pdf(sheet: ApprovalSheet) -> bytes:
    """The sheet as PDF/A4 bytes, fonts embedded (WeasyPrint subsets and embeds every font it uses)."""
    require_cjk_font()
    from weasyprint import HTML

    return HTML(string=render_html(sheet)).write_pdf()
