"""What the annual report's drafted sections say about the disclosure work itself, from the year's work records:
一 gets one paragraph on the organisation, the rules and the meetings and training (placed after its opening
paragraph), 五 the year's inspections, the state of their rectification and what became of the problems carried
in from earlier years, and any rule that contradicts the configured sign-off chain; 六 the 建议提案 handled and their results published.

Every number stated is also returned by `stated` with the records behind it (`Source`s, like a table cell's), so
the prose can be traced and checked against the records. Nothing is added for a year without work records: the
draft then reads as before. Plain statements only (no slogans: see reports.prose.BANNED_PHRASES).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.report import formats
from gongkai.core.report.model import ERROR, Finding, format_number
from gongkai.core.report.tables import Source

from . import planning
from .models import (
    Accountability,
    GroupMember,
    MeasureOutcome,
    MeasureSection,
    MeetingKind,
    MemberRole,
    Rectification,
    RectificationStatus,
    SocialRating,
    TaskState,
)
from .summary import YearRecords, public_feedback, year_records


@dataclass(frozen=True)
class Stated:
    """A number the prose states: which section, what it counts, the value, the records behind it."""

    section: str
    label: str
    value: int | Decimal
    sources: tuple[Source, ...] = field(default_factory=tuple)
    lead: str = ""
    """The words the drafted text puts right before the number (how the check finds it again)."""


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
    lines += [
        p for p in (carried_paragraph(records, w), measures_paragraph(records, MeasureSection.PROBLEMS)) if p
    ]
    return lines + assessment_paragraphs(records, w)


def other_paragraphs(records: YearRecords, out: list[Stated]) -> list[str]:
    """六: the 人大代表建议 and 政协委员提案 handled and the results published, the work plan, next year's work."""
    w = _Writer("other", out)
    parts = []
    for count in records.proposals:
        kind = count.get_kind_display()
        handled = w.n(f"{kind}办理件数", [count], "proposal_count", count.handled, str)
        published = w.n(f"{kind}公开办理结果件数", [count], "proposal_count", count.published, str)
        parts.append(f"办理{kind}{handled}件，公开办理结果{published}件")
    lines = [f"建议提案办理。本年度{'；'.join(parts)}。"] if parts else []
    lines += plan_paragraphs(records, w)
    planned = measures_paragraph(records, MeasureSection.OTHER)
    return [*lines, planned] if planned else lines


def _listed(parts: list[str]) -> str:
    return "；".join(f"（{i}）{p.rstrip('。；')}" for i, p in enumerate(parts, 1)) + "。"


def measures_paragraph(records: YearRecords, section: str) -> str:
    """The measures this year's report announces in 五 (改进措施) or 六 (下一年度工作安排)."""
    texts = [m.text for m in records.measures if m.section == section]
    if not texts:
        return ""
    heading = "改进措施。" if section == MeasureSection.PROBLEMS else f"{records.year + 1}年工作安排。"
    return heading + _listed(texts)


def carried_paragraph(records: YearRecords, w: _Writer) -> str:
    """What became of every measure last year's report announced (those without a recorded outcome are counted
    but not described: the report check flags them)."""
    carried = records.carried
    if not carried:
        return ""
    text = f"上年度报告提出措施的落实情况。{records.year - 1}年度报告提出措施{w.n('上年度报告提出的措施', carried, 'measure')}项"
    counted = []
    for outcome in MeasureOutcome:
        of = [m for m in carried if m.outcome == outcome]
        if of:
            counted.append(f"{outcome.label}{w.n(f'上年度措施{outcome.label}', of, 'measure')}项")
    if counted:
        text += "，" + "、".join(counted)
    described = [
        f"{m.text.rstrip('。')}——{m.get_outcome_display()}"
        + (f"，{m.outcome_note.rstrip('。')}" if m.outcome_note else "")
        for m in carried
        if m.outcome
    ]
    return text + ("：" + _listed(described) if described else "。")


def assessment_paragraphs(records: YearRecords, w: _Writer) -> list[str]:
    """The evaluation this government made, the evaluation of this agency, social ratings, accountability."""
    lines = []
    for scheme, rows in records.evaluations:
        scored = [r for r in rows if r.scores and any(r.scores)]
        if not scored:
            continue
        best = scored[0]
        lines.append(
            f"政务公开工作考核。本年度按{scheme.title if scheme.title.startswith('《') else f'《{scheme.title}》'}"
            f"考核所属单位{w.n('参加考核的单位', [r.agency for r in scored], 'agency', name=lambda a: a.name)}个，"
            f"得分最高的是{best.agency.name}（{format_number(best.total.normalize())}分）。"
        )
    for scheme, row, ranked in records.evaluated:
        lines.append(
            f"在{scheme.agency.name}组织的政务公开工作考核中，本机关得{format_number(row.total.normalize())}分，"
            f"在{ranked}个被考核单位中排第{row.rank}名。"
        )
    for rating in records.ratings:
        participants = w.n("社会评议参与人数", [rating], "social_rating", rating.participants)
        satisfied = w.n("社会评议满意人数", [rating], "social_rating", rating.satisfied)
        lines.append(
            f"社会评议。本年度通过{rating.source}开展社会评议，参与评议{participants}人，表示满意{satisfied}人"
            + (f"；{rating.summary.rstrip('。')}" if rating.summary else "")
            + "。"
        )
    if records.feedback:
        complaints = [e for e in records.feedback if e.complaint]
        answered = [e for e in records.feedback if e.answered]
        number = lambda e: e.number  # noqa: E731
        lines.append(
            f"社会评议。本年度公众通过政府信息公开平台提出意见建议和投诉"
            f"{w.n('公众意见建议和投诉', records.feedback, 'feedback', name=number)}件，"
            f"其中投诉{w.n('公众投诉', complaints, 'feedback', name=number)}件，"
            f"已回复{w.n('已回复的公众意见', answered, 'feedback', name=number)}件。"
        )
    cases = records.accountability
    if cases:
        persons = sum(c.persons for c in cases)
        lines.append(
            f"责任追究。本年度因政府信息公开工作追究责任{w.n('责任追究', cases, 'accountability')}起，"
            f"涉及{w.n('责任追究人数', cases, 'accountability', persons)}人："
            + "；".join(f"{c.matter.rstrip('。')}，{c.outcome}" for c in cases)
            + "。"
        )
    return lines


def plan_paragraphs(records: YearRecords, w: _Writer) -> list[str]:
    """六: the work plan this government issued and its tasks' state; the tasks this agency carries."""
    lines = []
    for plan in records.plans:
        tasks = list(plan.tasks.all())
        if not tasks:
            continue
        states = {t.pk: planning.task_state(t) for t in tasks}
        text = f"政务公开工作要点落实情况。本年度印发{plan}" + (f"（{plan.number}）" if plan.number else "")
        text += f"，部署任务{w.n('工作要点任务', tasks, 'work_task')}项"
        parts = [
            f"{state.label}{w.n(f'工作要点任务{state.label}', of, 'work_task')}项"
            for state in TaskState
            if (of := [t for t in tasks if states[t.pk] == state])
        ]
        lines.append(text + "，其中" + "、".join(parts) + "。")
    by_plan: dict[int, list] = {}
    for assignment in records.assignments:
        by_plan.setdefault(assignment.task.plan_id, []).append(assignment)
    for assignments in by_plan.values():
        plan = assignments[0].task.plan
        parts = [
            f"{state.label}{w.n(f'承担任务{state.label}', of, 'task_assignment')}项"
            for state in TaskState
            if (of := [a for a in assignments if a.state == state])
        ]
        lines.append(
            f"承担{plan.agency.name}{plan}任务{w.n('承担的工作要点任务', assignments, 'task_assignment')}项，"
            + "、".join(parts)
            + "。"
        )
    return lines


def _leads(text: str, entries: list[Stated]) -> list[Stated]:
    """The entries with the words before their number in ``text`` (numbers appear in the order stated)."""
    result, position = [], 0
    for entry in entries:
        number = format_number(entry.value)
        found = re.compile(rf"(?<![\d.]){re.escape(number)}(?![\d.])").search(text, position)
        if found is None:
            result.append(entry)
            continue
        start = max(text.rfind(c, 0, found.start()) for c in "。；：\n")
        lead = text[max(start + 1, found.start() - 14) : found.start()]
        result.append(replace(entry, lead=lead))
        position = found.end()
    return result


@dataclass
class Additions:
    overview: str = ""
    problems: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    stated: list[Stated] = field(default_factory=list)
    ratings_recorded: bool = (
        False  # `ratings_recorded` from the records read (a province's feedback is large)
    )


def additions(agency: Agency, year: int, today: date | None = None) -> Additions:
    records = year_records(agency, year)
    if records.is_empty:
        return Additions()
    stated: list[Stated] = []
    overview = overview_paragraph(records, stated)
    problems = problems_paragraphs(records, stated, today or timezone.localdate())
    other = other_paragraphs(records, stated)
    texts = {"overview": overview, "problems": "\n".join(problems), "other": "\n".join(other)}
    traced = [s for key, text in texts.items() for s in _leads(text, [e for e in stated if e.section == key])]
    return Additions(overview, problems, other, traced, bool(records.ratings or records.feedback))


def ratings_recorded(agency: Agency, year: int) -> bool:
    """Whether 五 states social ratings for ``year`` (entered, or the public's feedback to a government): the
    drafted sentence of a government's 五 says which are not recorded (`reports.prose`)."""
    return SocialRating.objects.filter(agency=agency, year=year).exists() or bool(
        public_feedback(agency, year)
    )


def accountability_recorded(agency: Agency, year: int) -> bool:
    return Accountability.objects.filter(agency=agency, year=year).exists()


def extend(
    agency: Agency, year: int, drafted: dict[str, str], added: Additions | None = None
) -> dict[str, str]:
    """The drafted sections with what the work records add (``added``, else read now): 一's paragraph after its
    opening one, 五's and 六's paragraphs after the drafted ones. Unchanged for a year without work records."""
    added = added if added is not None else additions(agency, year)
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


_NUMBER = r"\s*(\d+(?:\.\d+)?)"


def findings(agency: Agency, year: int, sections, added: Additions | None = None) -> list[Finding]:
    """The report check's findings on what the work records give ``year``'s report (``sections``: its
    sections as written now; ``added``: the records' additions when the caller drafted with them): a measure of
    last year's report whose outcome is not recorded (carry-over), and a number the prose states from the records
    that the text now contradicts (text-vs-table, an error like a table cell's contradiction). A stated number
    whose sentence was rewritten beyond recognition is not checked."""
    added = added if added is not None else additions(agency, year)
    result = [
        Finding.make(
            "carry-over",
            formats.section("problems").title,
            f"{year - 1}年度报告提出的措施“{m.text[:40]}”未说明落实情况：请在政务公开工作记录中登记其落实情况",
            m.text[:80],
        )
        for m in planning.carried_measures(agency, year)
        if not m.outcome
    ]
    texts = {s.key: s.text or "" for s in sections}
    for entry in added.stated:
        if not entry.lead:
            continue
        text = texts.get(entry.section, "")
        written = {Decimal(m) for m in re.findall(re.escape(entry.lead) + _NUMBER, text)}
        if written and Decimal(entry.value) not in written:
            result.append(
                replace(
                    Finding.make(
                        "text-vs-table",
                        formats.section(entry.section).title,
                        f"正文“{entry.lead}{'、'.join(format_number(w) for w in sorted(written))}”与平台记录"
                        f"（{entry.label}：{format_number(entry.value)}）不一致",
                        entry.lead,
                    ),
                    severity=ERROR,
                )
            )
    return result
