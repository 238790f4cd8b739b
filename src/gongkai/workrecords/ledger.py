"""The year's work records as an XLSX ledger (台账) — the lists offices keep in Excel: members of the groups,
rules, meetings and training, training hours per person, rectification, last year's measures and what became of
them, the work-plan tasks carried — and the meetings imported back from such a sheet (bounded before it is
loaded)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook

from gongkai.core.render.sheet import Sheet, render_sheets

from .models import MeetingKind
from .summary import YearRecords

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 500
MEETING_COLUMNS = ("日期", "类型", "名称", "组织者", "参加人数", "议题或内容", "培训学时（每人）", "纪要")


def _sheet(title: str, header: tuple[str, ...], rows) -> Sheet:
    """One sheet of the ledger; decimals (training hours) go out as numbers."""
    return title, header, [[float(v) if isinstance(v, Decimal) else v for v in row] for row in rows]


def workbook(records: YearRecords) -> bytes:
    """The ledger as XLSX, written by `core.render.sheet` (text XML-safe, formulas kept as text)."""
    sheets = [
        _sheet(
            "小组成员",
            ("小组", "类型", "姓名", "职务", "组内职务", "分工", "起始日期", "截止日期"),
            [
                (
                    g.name,
                    g.get_kind_display(),
                    m.display_name,
                    m.position,
                    m.get_role_display(),
                    m.duties,
                    m.from_on,
                    m.until_on,
                )
                for g, members in records.groups
                for m in members
            ],
        ),
        _sheet(
            "工作制度",
            ("名称", "文号", "施行日期", "废止日期", "规范的环节", "明确责任的角色", "与审核流程对照"),
            [
                (
                    r.rule.title,
                    r.rule.number,
                    r.rule.effective_on,
                    r.rule.repealed_on,
                    "、".join(r.rule.step_labels()),
                    "、".join(r.rule.role_labels()),
                    "；".join(c.explanation for c in r.comparisons),
                )
                for r in records.rules
            ],
        ),
        _sheet(
            "会议和培训",
            (*MEETING_COLUMNS, "参加人员（平台人员）"),
            [
                (
                    m.held_on,
                    m.get_kind_display(),
                    m.title,
                    m.organiser,
                    m.participant_count,
                    m.topics,
                    m.hours,
                    m.minutes,
                    "、".join(p.name for p in m.participants.all()),
                )
                for m in records.meetings
            ],
        ),
        _sheet("培训学时", ("姓名", "学时", "次数"), records.hours),
        _sheet(
            "整改台账",
            ("检查", "问题", "整改措施", "责任人", "整改期限", "状态", "完成日期", "确认日期"),
            [
                (
                    str(r.inspection),
                    r.problem,
                    r.measure,
                    r.responsible_label,
                    r.due_on,
                    r.status.label,
                    r.closed_on,
                    r.confirmed_on,
                )
                for r in [*records.previous_open, *records.rectifications]
            ],
        ),
        _sheet(
            "上年度措施落实",
            ("提出年度", "所在部分", "措施", "落实情况", "说明"),
            [
                (m.year, m.get_section_display(), m.text, m.get_outcome_display() or "未登记", m.outcome_note)
                for m in records.carried
            ],
        ),
        _sheet(
            "工作要点任务",
            ("工作要点", "序号", "任务", "完成时限", "进展", "进展情况"),
            [
                (str(a.task.plan), a.task.order, a.task.text, a.task.due_on, a.get_state_display(), a.note)
                for a in records.assignments
            ],
        ),
    ]
    return render_sheets(sheets)


@dataclass
class MeetingRow:
    values: dict
    line: int


class ImportRefused(ValueError):
    """The file cannot be imported (message in Chinese, lists the rows at fault)."""


def _date(value, line: int) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ImportRefused(f"第 {line} 行：日期“{value}”无法识别（应为 2020-03-05）") from None


def read_meetings(data: bytes) -> list[MeetingRow]:
    """The rows of a 会议和培训 sheet (the ledger's columns, header in the first row); every row is checked before
    any is kept, and a file over the limits is refused before it is opened."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused(f"文件超过 {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImportRefused("无法读取该文件，请上传 XLSX 格式的会议和培训台账") from exc
    sheet = book["会议和培训"] if "会议和培训" in book.sheetnames else book.worksheets[0]
    if (sheet.max_row or 0) > MAX_IMPORT_ROWS + 1:
        raise ImportRefused(f"一次最多导入 {MAX_IMPORT_ROWS} 行")
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, ())]
    missing = [c for c in MEETING_COLUMNS[:6] if c not in header]
    if missing:
        raise ImportRefused(f"缺少列：{'、'.join(missing)}")
    kinds = {kind.label: kind.value for kind in MeetingKind}
    result, errors = [], []
    for line, row in enumerate(rows, start=2):
        if line > MAX_IMPORT_ROWS + 1:
            raise ImportRefused(f"一次最多导入 {MAX_IMPORT_ROWS} 行")
        cells = dict(zip(header, row, strict=False))
        if not any(v not in (None, "") for v in cells.values()):
            continue
        try:
            kind = kinds.get(str(cells.get("类型") or "").strip())
            if kind is None:
                raise ImportRefused(f"第 {line} 行：类型应为{'、'.join(kinds)}之一")
            try:
                count = int(cells.get("参加人数") or 0)
                hours = Decimal(str(cells.get("培训学时（每人）") or 0))
            except (ValueError, InvalidOperation):
                raise ImportRefused(f"第 {line} 行：参加人数或学时不是数字") from None
            values = {
                "held_on": _date(cells.get("日期"), line),
                "kind": kind,
                "title": str(cells.get("名称") or "").strip()[:200],
                "organiser": str(cells.get("组织者") or "").strip()[:100],
                "participant_count": count,
                "topics": str(cells.get("议题或内容") or "").strip()[:2000],
                "hours": hours,
                "minutes": str(cells.get("纪要") or "").strip()[:10000],
            }
            result.append(MeetingRow(values, line))
        except ImportRefused as error:
            errors.append(str(error))
    book.close()
    if errors:
        raise ImportRefused("；".join(errors[:20]))
    return result
