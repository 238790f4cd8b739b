"""What the annual report's drafted sections say about the disclosure work itself, from the year's work records:
一 gets one paragraph on the organisation, the rules and the meetings and training (placed after its opening
paragraph), 五 the year's inspections, the state of their rectification and what became of the problems carried
in from earlier years, and any rule that contradicts the configured sign-off chain; 六 the 建议提案 handled and their results published.

Every number stated is also returned by `stated` with the records behind it (`Source`s, like a table cell's), so
the prose can be traced and checked against the records. Nothing is added for a year without work records: the
draft then reads as before. Plain statements only (no slogans: see reports.prose.BANNED_PHRASES).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.report.model import format_number
from gongkai.core.report.tables import Source

from .models import GroupMember, MeetingKind, MemberRole, Rectification, RectificationStatus
from .summary import YearRecords, year_records


@dataclass(frozen=True)
class Stated:
    """A number the prose states: which section, what it counts, the value, the records behind it."""

    section: str
    label: str
    value: int | Decimal
    sources: tuple[Source, ...] = field(default_factory=tuple)


class _Writer:
    def __init__(self, section: str, out: list[Stated]):
        self.section, self.out = section, out

    def n(self, label: str, records: list, kind: str, value=None, name=str) -> str:
        """The number (``len(records)`` unless ``value``) as stated, recorded with its sources."""
        value = len(records) if value is None else value
        sources = tuple(Source(kind, r.pk, name(r), 1) for r in records)
        self.out.append(Stated(self.section, label, value, sources))
        return format_number(value)


def _member_name(member: GroupMember) -> str:
    return f"{member.display_name}（{member.position}）" if member.position else member.display_name


def _organisation(records: YearRecords, w: _Writer) -> str:
    parts = []
    for group, members in records.groups:
        leaders = [m for m in members if m.role == MemberRole.LEADER]
        text = f"{group.name}"
        details = []
        if leaders:
            details.append("组长" + "、".join(_member_name(m) for m in leaders))
        if members:
            details.append(f"成员{w.n(f'{group.name}成员', members, 'group_member', name=_member_name)}人")
        if details:
            text += "（" + "，".join(details) + "）"
        text += f"，负责{group.duties.rstrip('。；;')}"
        parts.append(text)
    if not parts:
        return ""
    return f"本机关设有{'；'.join(parts)}。"


def _rules(records: YearRecords, w: _Writer) -> str:
    rules = [row.rule for row in records.rules]
    if not rules:
        return ""
    steps: list[str] = []
    roles: list[str] = []
    for rule in rules:
        steps += [s for s in rule.step_labels() if s not in steps]
        roles += [r for r in rule.role_labels() if r not in roles]
    titles = "".join(f"《{r.title}》" for r in rules)
    text = (
        f"{records.year}年施行的政务公开工作制度{w.n('施行的工作制度', rules, 'rule', name=str)}项：{titles}"
    )
    if steps:
        text += f"，涵盖{'、'.join(steps)}等环节"
    if roles:
        text += f"，明确了{'、'.join(roles)}的责任"
    return text + "。"


def _meetings(records: YearRecords, w: _Writer) -> str:
    meetings = records.meetings
    if not meetings:
        return ""
    counted = []
    for kind in MeetingKind:
        of_kind = [m for m in meetings if m.kind == kind]
        if of_kind:
            label = "组织培训" if kind == MeetingKind.TRAINING else f"开展{kind.label}"
            counted.append(f"{label}{w.n(f'{kind.label}次数', of_kind, 'meeting', name=str)}次")
    text = f"全年{'、'.join(counted)}"
    attended = sum(m.participant_count for m in meetings)
    text += f"，参加{w.n('会议和培训参加人次', meetings, 'meeting', attended, str)}人次"
    trained = [m for m in meetings if m.hours]
    if trained:
        hours = sum((m.hours * m.participants.count() for m in trained), Decimal(0))
        if hours:
            text += (
                f"，平台人员累计取得学时{w.n('培训学时合计', trained, 'meeting', hours.normalize(), str)}学时"
            )
    topics = [m.title for m in meetings][:6]
    text += f"；议题包括{'、'.join(topics)}" + ("等" if len(meetings) > len(topics) else "")
    return text + "。"


def overview_paragraph(records: YearRecords, out: list[Stated]) -> str:
    w = _Writer("overview", out)
    parts = [p for p in (_organisation(records, w), _rules(records, w), _meetings(records, w)) if p]
    return "组织和制度。" + "".join(parts) if parts else ""


def _state(item: Rectification, today: date) -> str:
    if item.status == RectificationStatus.OPEN and item.due_on < today:
        return f"正在整改，已超过整改期限（{item.due_on.isoformat()}）"
    return {
        RectificationStatus.OPEN: f"正在整改，期限为{item.due_on.isoformat()}",
        RectificationStatus.CLOSED: "已整改，待检查方确认",
        RectificationStatus.CONFIRMED: "已整改并经检查方确认",
    }[item.status]


def problems_paragraphs(records: YearRecords, out: list[Stated], today: date) -> list[str]:
    w = _Writer("problems", out)
    lines = []
    if records.inspections:
        own = [i for i in records.inspections if i.kind == "self"]
        supervised = [i for i in records.inspections if i.kind != "self"]
        done = []
        if own:
            done.append(f"开展自查{w.n('自查次数', own, 'inspection', name=str)}次")
        if supervised:
            done.append(f"接受督导检查{w.n('督导检查次数', supervised, 'inspection', name=str)}次")
        items = records.rectifications
        text = f"检查和整改。本年度{'、'.join(done)}"
        if not items:
            lines.append(text + "，未发现需要整改的问题。")
        else:
            text += f"，发现问题{w.n('检查发现的问题', items, 'rectification')}个"
            confirmed = [i for i in items if i.status == RectificationStatus.CONFIRMED]
            closed = [i for i in items if i.status == RectificationStatus.CLOSED]
            open_ = [i for i in items if i.status == RectificationStatus.OPEN]
            states = []
            if confirmed:
                states.append(f"已整改并确认{w.n('整改已确认', confirmed, 'rectification')}个")
            if closed:
                states.append(f"已整改待确认{w.n('整改待确认', closed, 'rectification')}个")
            if open_:
                states.append(f"正在整改{w.n('正在整改', open_, 'rectification')}个")
            lines.append(text + "，" + "、".join(states) + "：")
            lines += [
                f"（{i}）{item.problem.rstrip('。')}。整改措施：{item.measure.rstrip('。')}。{_state(item, today)}。"
                for i, item in enumerate(items, 1)
            ]
    if records.previous_open:
        carried = records.previous_open
        finished = [i for i in carried if i.status == RectificationStatus.CONFIRMED]
        still = [i for i in carried if i.status != RectificationStatus.CONFIRMED]
        text = f"以前年度检查发现、结转至本年度整改的问题{w.n('结转整改的问题', carried, 'rectification')}个"
        if finished:
            text += f"，本年度整改完成并确认{w.n('结转问题整改已确认', finished, 'rectification')}个"
        if still:
            text += f"，仍在整改{w.n('结转问题仍在整改', still, 'rectification')}个：" + "；".join(
                f"{i.problem.rstrip('。')}（{_state(i, today)}）" for i in still
            )
        lines.append(text + "。")
    mismatched = [row for row in records.rules if row.mismatched]
    for row in mismatched:
        clash = "；".join(c.explanation for c in row.comparisons if not c.matches)
        lines.append(f"制度与实际流程不符：{row.rule}{clash}，需修订制度或调整平台的审核流程。")
    return lines


def other_paragraphs(records: YearRecords, out: list[Stated]) -> list[str]:
    """六: the 人大代表建议 and 政协委员提案 handled and the results published."""
    w = _Writer("other", out)
    parts = []
    for count in records.proposals:
        kind = count.get_kind_display()
        handled = w.n(f"{kind}办理件数", [count], "proposal_count", count.handled, str)
        published = w.n(f"{kind}公开办理结果件数", [count], "proposal_count", count.published, str)
        parts.append(f"办理{kind}{handled}件，公开办理结果{published}件")
    return [f"建议提案办理。本年度{'；'.join(parts)}。"] if parts else []


@dataclass
class Additions:
    overview: str = ""
    problems: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    stated: list[Stated] = field(default_factory=list)


def additions(agency: Agency, year: int, today: date | None = None) -> Additions:
    records = year_records(agency, year)
    if records.is_empty:
        return Additions()
    stated: list[Stated] = []
    overview = overview_paragraph(records, stated)
    problems = problems_paragraphs(records, stated, today or timezone.localdate())
    other = other_paragraphs(records, stated)
    return Additions(overview, problems, other, stated)


def extend(agency: Agency, year: int, drafted: dict[str, str]) -> dict[str, str]:
    """The drafted sections with what the work records add: 一's paragraph after its opening one, 五's
    and 六's paragraphs after the drafted ones. Unchanged for a year without work records."""
    added = additions(agency, year)
    result = dict(drafted)
    if added.overview:
        lines = result.get("overview", "").split("\n")
        result["overview"] = "\n".join([*lines[:1], added.overview, *lines[1:]])
    for key, lines in (("problems", added.problems), ("other", added.other)):
        if lines:
            result[key] = "\n".join([*filter(None, [result.get(key, "")]), *lines])
    return result


def stated(agency: Agency, year: int) -> list[Stated]:
    """Every number the work records add to the drafted prose, with the records behind it."""
    return additions(agency, year).stated
