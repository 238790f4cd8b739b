"""A rendered report turned into the forms the web serves it in, for the flattening harness (tests/core and
benchmarks/audit_harness.py).

Each form starts from core/render's HTML of the report, read as a crawler or a converter reads it (lxml, not the
auditor's reader), and applies what those tools do:

- ``strip``: every tag and all whitespace removed — the whole report on one line, labels and numbers glued;
- ``spaces``: the same, but between some cells a single space and between others nothing;
- ``ordinals``: stripped, with the row numbering written in its other forms (`5、`, `5．`, full-width digits),
  the quotes of “三安全一稳定” lost and the group label 三、本年度办理结果 repeated before （四）;
- ``markdown``: a PDF-to-markdown conversion — `#` headings, tables as pipes under a placeholder header
  (`| 数据1 | 数据2 | … |`) or a wrong header row, some rows' labels lost, a cell displaced onto a line of its own;
- ``crawler``: a crawler's metadata lines (`标题:`, `发布时间:`, `发布机构:`, `原文链接:`, `====正文====`) and page
  chrome (breadcrumbs, print and share buttons, 附件下载) around the stripped body.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from lxml import html as lxml_html

from gongkai.core.render.html import render_html
from gongkai.core.report.model import AnnualReport

FORMS = ("strip", "spaces", "ordinals", "markdown", "crawler")
_WHITESPACE = re.compile(r"\s+")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_MARKS = ("row", "table-end")


def flatten(report: AnnualReport, form: str, rng: random.Random) -> bytes:
    """The report in ``form`` as UTF-8 text."""
    pieces = _pieces(render_html(report))
    if form == "markdown":
        return _markdown(pieces, rng).encode("utf-8")
    if form == "ordinals":
        pieces = _renumbered(pieces, rng)
    separator = (lambda: rng.choice(("", " "))) if form == "spaces" else (lambda: "")
    body = "".join(_WHITESPACE.sub("", text) + separator() for kind, text, _ in pieces if kind not in _MARKS)
    if form == "crawler":
        return _crawled(report, body, rng).encode("utf-8")
    return (body + "\n").encode("utf-8")


def _pieces(page: str) -> list[tuple[str, str, int]]:
    """(kind, text, span) in reading order: headings, paragraphs, and each table cell (kind 'cell', 'head' for
    header rows, 'row' marking a row start, 'table-end'); span is the cell's colspan."""
    root = lxml_html.document_fromstring(page)
    out: list[tuple[str, str, int]] = []
    for element in root.iter("h1", "h2", "p", "table"):
        if element.tag == "table":
            for tr in element.iter("tr"):
                header = tr.getparent().tag == "thead" or "caption" in (tr.get("class") or "")
                out.append(("row", "head" if header else "body", 0))
                for cell in tr:
                    out.append(
                        ("head" if header else "cell", cell.text_content(), int(cell.get("colspan", "1")))
                    )
            out.append(("table-end", "", 0))
        elif element.getparent().tag != "td":
            out.append((element.tag, element.text_content(), 0))
    return out


def _renumbered(pieces, rng: random.Random):
    result = []
    for kind, text, span in pieces:
        if kind == "cell" and re.match(r"\d\.\D", text):  # a numbered label, not a value such as 9.24
            text = rng.choice(("、", "．", ".")).join(text.split(".", 1))
            if rng.random() < 0.3:
                text = text[0].translate(_FULL_WIDTH) + text[1:]
        if kind == "cell":
            text = text.replace("“", "").replace("”", "") if rng.random() < 0.5 else text
            if text.startswith("（四）无法提供") and rng.random() < 0.5:
                result.append(("cell", "三、本年度办理结果", 1))
        result.append((kind, text, span))
    return result


def _markdown(pieces, rng: random.Random) -> str:
    lines: list[str] = []
    table: list[tuple[str, list[str]]] = []
    row: list[str] | None = None
    for kind, text, span in pieces:
        if kind == "row":
            row = []
            table.append((text, row))
        elif kind in ("cell", "head") and row is not None:
            row += [_WHITESPACE.sub("", text)] + [""] * (span - 1)
        elif kind == "table-end":
            lines += _markdown_table(table, rng)
            table, row = [], None
        elif kind in ("h1", "h2"):
            lines.append(("# " if kind == "h1" else "## ") + text.strip())
        elif text.strip():
            lines.append(text.strip())
    return "\n\n".join(lines) + "\n"


def _markdown_table(table, rng: random.Random) -> list[str]:
    body = [cells for kind, cells in table if kind == "body"]
    if not body:
        return []
    width = max(len(cells) for cells in body)
    out = []
    if rng.random() < 0.3:
        first = body.pop(0)
        out += [_pipes(first), _pipes(["---"] * len(first))]  # a data row taken for the header
    else:
        out += [_pipes([f"数据{n}" for n in range(1, width + 1)]), _pipes(["---"] * width)]
    for cells in body:
        cells = list(cells)
        values = [i for i, c in enumerate(cells) if re.fullmatch(r"[+\-]?\d+(?:\.\d+)?", c)]
        if values and rng.random() < 0.15:
            for i in range(values[0]):
                cells[i] = ""  # the label was lost; the numbers stand in the template's order
        if values and len(values) > 2 and rng.random() < 0.05:
            out += [_pipes(cells[:-1]), _pipes([cells[-1]])]  # the last cell displaced onto its own line
            continue
        out.append(_pipes(cells))
    return ["\n".join(out)]


def _pipes(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _crawled(report: AnnualReport, body: str, rng: random.Random) -> str:
    published = report.published_on
    stamp = f"{published.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}" if published else ""
    lines = [
        f"标题: {report.title}",
        f"发布时间: {stamp}",
        f"文号: {rng.choice(('', '无'))}",
        f"发布机构: {report.agency}",
        f"原文链接: https://www.example.gov.cn/zwgk/ndbg/{rng.randint(100000, 999999)}.html",
        "====正文====",
    ]
    chrome = "当前位置：首页 > 政务公开 > 法定主动公开内容 > 政府信息公开年报 > "
    tail = rng.choice(
        ("【打印本页】【关闭窗口】", "附件下载 分享到：微信 微博 QQ空间", "扫一扫在手机打开当前页")
    )
    return "\n".join(lines) + "\n" + chrome + body + tail + "\n"


@dataclass
class Tally:
    """Cells of one table class compared with the truth: exact; wrong but marked uncertain; a different number
    unmarked (``wrong``); no number and no mark (``missing`` — a row or table the auditor reports not found)."""

    exact: int = 0
    marked: int = 0
    wrong: int = 0
    missing: int = 0
    marked_exact: int = 0  # exact cells that were marked uncertain all the same

    def add(self, other: Tally) -> None:
        self.exact += other.exact
        self.marked += other.marked
        self.wrong += other.wrong
        self.missing += other.missing
        self.marked_exact += other.marked_exact

    @property
    def cells(self) -> int:
        return self.exact + self.marked + self.wrong + self.missing

    @property
    def share_exact(self) -> float:
        return self.exact / self.cells if self.cells else 1.0


def compare(truth: AnnualReport, got: AnnualReport) -> dict[str, Tally]:
    """Tallies for tables 三/四 together (``requests_appeals``) and for table 二 (``proactive``)."""
    tallies = {"requests_appeals": Tally(), "proactive": Tally()}
    for table, key, column, expected in _cells(truth):
        cell = got.cell(table, key, column)
        tally = tallies["proactive" if table == "proactive" else "requests_appeals"]
        value = cell.value if cell else None
        if value == expected:
            tally.exact += 1
            tally.marked_exact += bool(cell and cell.uncertain)
        elif cell is not None and cell.uncertain:
            tally.marked += 1
        elif value is None:
            tally.missing += 1
        else:
            tally.wrong += 1
    return tallies


def _cells(report: AnnualReport):
    for key, cell in report.proactive.items():
        yield "proactive", key, None, cell.value
    for row, columns in report.requests.items():
        for column, cell in columns.items():
            yield "requests", row, column, cell.value
    for key, cell in report.appeals.items():
        yield "appeals", key, None, cell.value


def harness(form: str, count: int, seed: int = 18) -> dict:
    """Audit ``count`` generated reports (core/audit/samples.py) in ``form``: the tallies per table class, and
    every report whose year, template, title, agency or date came out wrong or that was called late in time."""
    from gongkai.core.audit.api import audit_bytes
    from gongkai.core.audit.samples import random_report
    from gongkai.core.report.deadlines import statutory_date

    rng = random.Random(f"{seed}-{form}")
    tallies = {"requests_appeals": Tally(), "proactive": Tally()}
    misses: list[tuple[int, str]] = []
    for number in range(count):
        truth = random_report(rng, number)
        got = audit_bytes(flatten(truth, form, rng), f"{form}-{number}.txt")
        for key, tally in compare(truth, got).items():
            tallies[key].add(tally)
        for field in ("year", "template", "title", "agency", "published_on"):
            if getattr(got, field) != getattr(truth, field):
                misses.append((number, field))
        in_time = truth.published_on <= statutory_date(truth.year, truth.agency_kind)
        if in_time and any(f.code == "late" for f in got.findings):
            misses.append((number, "false late"))
    return {"tallies": tallies, "misses": misses}
