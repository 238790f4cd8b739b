"""The other lists offices keep in Excel: 建议提案 counts and a work plan's tasks imported from XLSX (bounded like
the meetings ledger: size and rows are checked before the rows are read; every row is checked, a bad one refuses
the file with its line), their blank templates, and an evaluation's results exported."""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import load_workbook

from gongkai.core.render.sheet import render_sheets

from .ledger import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, ImportRefused, _date, _sheet
from .models import ProposalKind

PROPOSAL_COLUMNS = ("年度", "类型", "办理件数", "公开办理结果件数")
TASK_COLUMNS = ("序号", "任务", "责任单位", "完成时限")
SEPARATORS = ("、", "，", ",", "；", ";", "\n")


@dataclass
class Row:
    values: dict
    line: int


def _rows(data: bytes, title: str, required: tuple[str, ...]):
    """(line, cells by header) of the sheet named ``title`` (else the first), after the limits are checked."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused(f"文件超过 {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImportRefused(f"无法读取该文件，请上传 XLSX 格式的{title}") from exc
    try:
        sheet = book[title] if title in book.sheetnames else book.worksheets[0]
        if (sheet.max_row or 0) > MAX_IMPORT_ROWS + 1:
            raise ImportRefused(f"一次最多导入 {MAX_IMPORT_ROWS} 行")
        rows = sheet.iter_rows(values_only=True)
        header = [str(c or "").strip() for c in next(rows, ())]
        missing = [c for c in required if c not in header]
        if missing:
            raise ImportRefused(f"缺少列：{'、'.join(missing)}")
        result = []
        for line, row in enumerate(rows, start=2):
            if line > MAX_IMPORT_ROWS + 1:
                raise ImportRefused(f"一次最多导入 {MAX_IMPORT_ROWS} 行")
            cells = dict(zip(header, row, strict=False))
            if any(v not in (None, "") for v in cells.values()):
                result.append((line, cells))
        return result
    finally:
        book.close()


def _count(value, line: int, column: str) -> int:
    try:
        number = int(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        number = None
    if number is None or number < 0 or number > 10**6:
        raise ImportRefused(f"第 {line} 行：{column}“{value}”不是有效的件数")
    return number


def _collect(rows, read) -> list[Row]:
    result, errors = [], []
    for line, cells in rows:
        try:
            result.append(Row(read(line, cells), line))
        except ImportRefused as error:
            errors.append(str(error))
    if errors:
        raise ImportRefused("；".join(errors[:20]))
    return result


def read_proposals(data: bytes) -> list[Row]:
    """The rows of a 建议提案 sheet: 年度、类型（人大代表建议/政协委员提案）、办理件数、公开办理结果件数."""
    kinds = {kind.label: kind.value for kind in ProposalKind}

    def read(line: int, cells: dict) -> dict:
        kind = kinds.get(str(cells.get("类型") or "").strip())
        if kind is None:
            raise ImportRefused(f"第 {line} 行：类型应为{'、'.join(kinds)}之一")
        year = _count(cells.get("年度"), line, "年度")
        return {
            "year": year,
            "kind": kind,
            "handled": _count(cells.get("办理件数"), line, "办理件数"),
            "published": _count(cells.get("公开办理结果件数"), line, "公开办理结果件数"),
        }

    rows = _collect(_rows(data, "建议提案", PROPOSAL_COLUMNS), read)
    seen = set()
    for row in rows:
        key = (row.values["year"], row.values["kind"])
        if key in seen:
            raise ImportRefused(f"第 {row.line} 行：同一年度同一类型只能有一行")
        seen.add(key)
    return rows


def read_tasks(data: bytes) -> list[Row]:
    """The rows of a work plan's task sheet: 序号、任务、责任单位（名称或代码，多个用“、”分隔）、完成时限（可空）."""

    def read(line: int, cells: dict) -> dict:
        text = str(cells.get("任务") or "").strip()
        if not text:
            raise ImportRefused(f"第 {line} 行：任务为空")
        names = str(cells.get("责任单位") or "")
        for sep in SEPARATORS:
            names = names.replace(sep, "、")
        agencies = [n.strip() for n in names.split("、") if n.strip()]
        if not agencies:
            raise ImportRefused(f"第 {line} 行：请填写责任单位")
        due = cells.get("完成时限")
        return {
            "order": _count(cells.get("序号") or line - 1, line, "序号"),
            "text": text[:2000],
            "due_on": _date(due, line) if due not in (None, "") else None,
            "agencies": agencies,
        }

    return _collect(_rows(data, "工作任务", TASK_COLUMNS), read)


def _book(title: str, header: tuple[str, ...], rows) -> bytes:
    return render_sheets([_sheet(title, header, rows)])


TEMPLATES = {
    "proposals": (
        "建议提案",
        PROPOSAL_COLUMNS,
        [(2020, ProposalKind.DEPUTIES.label, 12, 12), (2020, ProposalKind.MEMBERS.label, 8, 7)],
    ),
    "tasks": (
        "工作任务",
        TASK_COLUMNS,
        [(1, "（示例）推进决策公开，年底前完成重大决策预公开", "区人社局、区住建局", None)],
    ),
}


def template(kind: str) -> bytes:
    """The blank sheet to fill in (one example row), with the columns the import reads."""
    return _book(*TEMPLATES[kind])


def results_workbook(scheme, rows) -> bytes:
    """An evaluation's results: rank, agency, each indicator's points, total, and the reasons."""
    indicators = list(scheme.indicators.all())
    header = ("名次", "机关", *(f"{i.name}（{i.points}分）" for i in indicators), "总分", "评分说明")
    lines = []
    for row in rows:
        notes = "；".join(f"{i.name}：{s.note}" for i, s in zip(indicators, row.scores, strict=True) if s)
        points = [s.points if s else None for s in row.scores]
        lines.append((row.rank, row.agency.name, *points, row.total, notes))
    return _book("考核结果", header, lines)
