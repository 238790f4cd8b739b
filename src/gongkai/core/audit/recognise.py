"""From a read Document to an AnnualReport with every finding the document allows."""

from __future__ import annotations

import re

from gongkai.core.report import formats
from gongkai.core.report.checks import check_report
from gongkai.core.report.formats import APPEALS, PROACTIVE, REQUESTS, TABLE_NAMES, template_for_year
from gongkai.core.report.model import AnnualReport, Finding, Section

from . import metadata, prose
from .crosscheck import text_vs_table
from .document import Document, Paragraph
from .normalize import compact
from .segment import prepare
from .structure import Heading, find_ending, find_headings, find_title
from .tables import (
    TableResult,
    appeal_row_spec,
    proactive_row_specs,
    read_table,
    request_row_specs,
    resolve_requests,
)

_MARKERS = {
    formats.TEMPLATE_2021: (
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "逾期不补正",
        "缴纳费用",
        "本年收费金额",
    ),
    formats.TEMPLATE_2019: (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "其他对外管理服务事项",
        "采购项目数量",
        "政府集中采购",
        "本年增/减",
    ),
}
_ANCHORS = {PROACTIVE: ("第二十条",), REQUESTS: ("申请人情况", "本年新收"), APPEALS: ("结果维持", "未经复议")}
_SPACED_DIGITS = re.compile(r"\d\s+\d")  # a line of a table's numbers, not prose
_TABLE_SECTION = {PROACTIVE: "proactive", REQUESTS: "requests", APPEALS: "appeals"}
_MESSAGES = {
    "placeholder": "{where} 填的是模板的占位文字“{evidence}”，而不是数字",
    "template-text": "{where} 的数字前后保留了模板的说明文字（读取的数值为 {value}）",
    "not-a-number": "{where} 的内容“{evidence}”不是数字",
}


def recognise(document: Document, source: str | None = None) -> AnnualReport:
    blocks, crawled = prepare(document.blocks)
    headings = find_headings(blocks)
    first_heading = headings[0].index if headings else -1
    title, title_indexes = find_title(blocks, first_heading)
    if crawled.title:
        title = re.sub(r"\s+", "", crawled.title)
    ending = find_ending(blocks)
    skip = set(title_indexes) | set(ending.indexes)
    sections = _sections(blocks, headings, skip)
    spans = _regions(blocks, headings)
    regions = {table: blocks[a:b] for table, (a, b) in spans.items()}
    in_tables = {i for a, b in spans.values() for i in range(a, b)}
    full_text = "\n".join(b.text for b in blocks if isinstance(b, Paragraph))
    body_text = "\n".join(
        b.text for i, b in enumerate(blocks) if isinstance(b, Paragraph) and i not in title_indexes
    )

    detected = _detect_template(regions)
    published_on = crawled.published_on or ending.published_on
    year = metadata.title_year(title) or metadata.body_year(full_text, published_on)
    expected = template_for_year(year) if year else None
    template = detected or (expected if expected != formats.TEMPLATE_OLDER else None)
    if detected is None and expected == formats.TEMPLATE_OLDER:
        template = formats.TEMPLATE_OLDER
    agency = metadata.crawled_agency(crawled.agency) or ending.signature or metadata.title_agency(title)
    kind = metadata.agency_kind(agency)

    report = AnnualReport(
        source=source,
        title=title,
        agency=agency,
        agency_kind=kind,
        year=year,
        template=template,
        published_on=published_on,
        sections=sections,
    )
    findings: list[Finding] = []
    findings += metadata.check_title(title, metadata.body_year(body_text, published_on), ending.signature)
    if detected and expected and expected != formats.TEMPLATE_OLDER and detected != expected:
        findings.append(
            Finding.make(
                "template-mismatch",
                "表格",
                f"{year}年度报告应使用{expected}年版格式（{formats.get_template(expected).document}），"
                f"但表格使用的是{detected}年版格式",
                detected,
            )
        )
    findings += prose.section_findings(headings, sections)
    findings += prose.empty_section_findings(sections)
    findings += _prose_text_findings(blocks, headings, title_indexes, in_tables)
    if report.spec is not None:
        findings += _read_tables(report, regions)
        findings += text_vs_table(
            report, "\n".join(s.text for s in sections if s.key in ("overview", "other"))
        )
    findings += prose.content_findings(sections, kind, guessed=True)
    findings += metadata.check_late(year, published_on, kind, guessed=True)
    report.findings = findings
    return report


def finish(report: AnnualReport, previous: AnnualReport | None = None, children=None) -> AnnualReport:
    """Add the shared figure checks (identities, blanks, C1, H1) and, given the previous report, sameness."""
    findings = list(report.findings)
    if report.spec is not None:
        findings += check_report(report, previous, children)
    if previous is not None:
        findings += prose.similarity_findings(report.sections, previous.sections, previous.year)
    report.findings = findings
    return report


def _sections(blocks: list, headings: list[Heading], skip: set[int]) -> list[Section]:
    bounds = [h.index for h in headings] + [len(blocks)]
    texts: dict[str, tuple[Heading, str]] = {}
    for position, heading in enumerate(headings):
        if heading.key is None:
            continue
        lines = [
            b.text
            for i, b in enumerate(blocks[heading.index + 1 : bounds[position + 1]], heading.index + 1)
            if isinstance(b, Paragraph) and i not in skip
        ]
        if heading.key in ("proactive", "requests", "appeals"):
            lines = [line for line in lines if not _SPACED_DIGITS.search(line)]
        texts[heading.key] = (heading, "\n".join(lines))
    result = []
    for spec in formats.SECTIONS:
        if spec.key in texts:
            heading, text = texts[spec.key]
            result.append(Section(spec.key, heading.number or "", heading.text, True, text))
        else:
            result.append(Section(spec.key, spec.number, spec.heading, False, ""))
    return result


def _regions(blocks: list, headings: list[Heading]) -> dict[str, tuple[int, int]]:
    """Where each table is: the blocks under its section heading (or from an anchor label when it is missing)."""
    bounds = sorted({h.index for h in headings} | {len(blocks)})
    by_key = {h.key: h for h in headings if h.key}
    regions = {}
    for table, key in _TABLE_SECTION.items():
        start = by_key[key].index + 1 if key in by_key else _anchor(blocks, _ANCHORS[table])
        if start is None:
            regions[table] = (0, 0)
            continue
        end = next((b for b in bounds if b >= start), len(blocks))
        if end == start:
            end = next((b for b in bounds if b > start), len(blocks))
        regions[table] = (start, end)
    return regions


def _anchor(blocks: list, phrases: tuple[str, ...]) -> int | None:
    for index, block in enumerate(blocks):
        text = compact(block.text if isinstance(block, Paragraph) else "".join(block.cells))
        if any(p in text for p in phrases):
            return index
    return None


def _detect_template(regions: dict[str, list]) -> str | None:
    text = compact(
        "".join(
            b.text if isinstance(b, Paragraph) else "".join(b.cells)
            for table in (PROACTIVE, REQUESTS)
            for b in regions[table]
        )
    )
    scores = {name: sum(1 for m in markers if compact(m) in text) for name, markers in _MARKERS.items()}
    best = max(scores, key=lambda n: scores[n])
    return best if scores[best] else None


def _prose_text_findings(
    blocks: list, headings: list[Heading], title_indexes, in_tables: set[int]
) -> list[Finding]:
    """Template text and misprints in every paragraph outside the tables, placed under its section."""
    findings = []
    owner: Heading | None = None
    starts = {h.index: h for h in headings}
    for index, block in enumerate(blocks):
        if index in starts:
            owner = starts[index]
        if not isinstance(block, Paragraph) or index in in_tables:
            continue
        if index in title_indexes:
            where = "标题"
        elif owner is None:
            where = "正文开头"
        elif owner.key:
            where = formats.section(owner.key).title
        else:
            where = owner.line
        if owner is not None and index == owner.index and owner.key is None:
            where = f"{owner.line}（标题）"
        findings += prose.template_text_findings(where, block.text)
        findings += prose.typo_findings(where, block.text)
    return findings


def _read_tables(report: AnnualReport, regions: dict[str, list]) -> list[Finding]:
    spec = report.spec
    findings: list[Finding] = []
    plans = {
        PROACTIVE: proactive_row_specs(spec),
        REQUESTS: request_row_specs(spec),
        APPEALS: [appeal_row_spec()],
    }
    for table, specs in plans.items():
        result = read_table(table, regions[table], specs)
        if table == REQUESTS:
            resolve_requests(result, spec)
        name = TABLE_NAMES[table]
        if not result.found:
            findings.append(
                Finding.make(
                    "table-missing", name, f"未找到{name}（{formats.section(_TABLE_SECTION[table]).title}）"
                )
            )
            continue
        report.tables[table] = result.cells
        findings += _table_findings(table, name, specs, result, spec)
    return findings


def _table_findings(table, name, specs, result: TableResult, spec) -> list[Finding]:
    findings = []
    for row in specs:
        label = result.labels.get(row.key, "")
        if row.key in result.short_rows:
            findings.append(
                Finding.make(
                    "row-missing",
                    row.where,
                    f"{row.where} 只读到 {result.short_rows[row.key]} 个值，应有 {len(row.columns)} 个",
                    label or None,
                )
            )
        elif table != APPEALS and row.key not in result.labels and row.key not in result.inferred_rows:
            findings.append(Finding.make("row-missing", row.where, _missing_row_message(name, row, result)))
        if row.key in result.uncertain_rows:
            glued = result.candidates[row.key][2]
            reading = " | ".join(_reading(result, table, row))
            findings.append(
                Finding.make(
                    "uncertain",
                    row.where,
                    f"{row.where} 的数字连在一起（{glued}），有多种拆分方式，采用最可能的读法 {reading}，请人工核对",
                    glued,
                )
            )
        if row.key in result.inferred_rows:
            findings.append(
                Finding.make(
                    "uncertain",
                    row.where,
                    f"{row.where} 在原文中没有行名，按模板的行序推断为这一行（{' | '.join(_reading(result, table, row))}），请人工核对",
                )
            )
        if label:
            findings += prose.template_text_findings(row.where, label)
            findings += prose.typo_findings(row.where, label)
    for label in result.other_labels:
        findings += prose.template_text_findings(f"{name}/表头", label)
        findings += prose.typo_findings(f"{name}/表头", label)
    for issue in result.issues:
        where = spec.where(issue.table, issue.key, issue.column)
        cell = _result_cell(result, issue)
        message = _MESSAGES[issue.problem.code].format(
            where=where, evidence=issue.problem.evidence, value=cell.value if cell else ""
        )
        findings.append(Finding.make(issue.problem.code, where, message, issue.problem.evidence))
    return findings


def _reading(result: TableResult, table: str, row) -> list[str]:
    if table == REQUESTS:
        cells = result.cells.get(row.key, {})
        return [str(cells[c].value) for c, _, _ in row.columns if c in cells]
    return [str(result.cells[c].value) for c, _, _ in row.columns if c in result.cells]


def _missing_row_message(name: str, row, result: TableResult) -> str:
    message = f"{name}中未找到“{row.where.split('/', 1)[-1]}”一行"
    if row.key.startswith("other.") and any("其他处理" in compact(label) for label in result.other_labels):
        message += "；表中只有一行“（六）其他处理”，是2019年版格式的写法，2021年版应分列三项"
    return message


def _result_cell(result: TableResult, issue):
    if issue.table == REQUESTS:
        return result.cells.get(issue.key, {}).get(issue.column)
    return result.cells.get(issue.key)
