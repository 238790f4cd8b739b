"""Service functions of work records: each saves one record (or takes one step of a rectification) in one
transaction with one audit event (``history.record``). Views check permissions with the scoping helper first;
the steps that depend on who acts (confirming a rectification) re-check it here.
"""

from __future__ import annotations

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from gongkai.agencies import history, scoping
from gongkai.agencies.models import Agency, Person
from gongkai.agencies.roles import Perm
from gongkai.core.errors import Refused

from .models import (
    GroupKind,
    GroupMember,
    Inspection,
    InspectionKind,
    Meeting,
    MemberRole,
    ProposalCount,
    Rectification,
    Rule,
    WorkGroup,
)

logger = logging.getLogger(__name__)

GROUP_FIELDS = ("kind", "name", "duties", "formed_on", "dissolved_on", "basis")
MEMBER_FIELDS = ("group", "person", "name", "position", "role", "duties", "from_on", "until_on")
RULE_FIELDS = (
    "title",
    "number",
    "effective_on",
    "repealed_on",
    "steps",
    "responsible_roles",
    "approvals",
    "summary",
    "document",
)
MEETING_FIELDS = (
    "held_on",
    "kind",
    "title",
    "organiser",
    "participant_count",
    "topics",
    "minutes",
    "hours",
    "attachment",
)
INSPECTION_FIELDS = ("inspected_on", "title", "summary")
PROPOSAL_FIELDS = ("year", "kind", "handled", "published")
RECTIFICATION_FIELDS = ("problem", "measure", "responsible", "responsible_name", "due_on")


def _snapshot(instance: Model) -> dict:
    """``history.snapshot`` with files as their stored names (a file is not a JSON value)."""
    return {
        k: (v.name or None) if isinstance(v, FieldFile) else v for k, v in history.snapshot(instance).items()
    }


def _save(instance: Model, fields: tuple[str, ...], values: dict, by, extra: dict | None = None) -> Model:
    """Set ``values``, validate, save, and write one audit event (``extra``: changes of related rows the caller
    makes in the same step, named in the same event)."""
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    creating = instance.pk is None
    before = {} if creating else _snapshot(type(instance).objects.select_for_update().get(pk=instance.pk))
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    changed = {**history.diff(before, _snapshot(instance)), **(extra or {})}
    if creating or changed:
        history.record(instance, "wagtail.create" if creating else "wagtail.edit", by, changes=changed)
    return instance


@transaction.atomic
def save_group(agency: Agency, group: WorkGroup | None = None, *, by=None, **values) -> WorkGroup:
    return _save(group or WorkGroup(agency=agency), GROUP_FIELDS, values, by)


@transaction.atomic
def save_member(agency: Agency, member: GroupMember | None = None, *, by=None, **values) -> GroupMember:
    """Add a member to a group or change a membership; leaving is setting ``until_on``."""
    return _save(member or GroupMember(agency=agency), MEMBER_FIELDS, values, by)


@transaction.atomic
def save_rule(agency: Agency, rule: Rule | None = None, *, by=None, **values) -> Rule:
    return _save(rule or Rule(agency=agency), RULE_FIELDS, values, by)


@transaction.atomic
def save_meeting(
    agency: Agency, meeting: Meeting | None = None, *, by=None, participants=None, **values
) -> Meeting:
    """A meeting with the platform's people who took part (``participants``: people of the agency, at most the
    number present)."""
    people = list(participants) if participants is not None else None
    if people is not None:
        if any(p.agency_id != agency.pk for p in people):
            raise Refused("参加人员只能选择本机关的人员")
        count = values.get("participant_count", meeting.participant_count if meeting else 0)
        if len(people) > (count or 0):
            raise Refused(f"选择的参加人员（{len(people)} 人）多于参加人数（{count} 人）")
    meeting = _save(meeting or Meeting(agency=agency), MEETING_FIELDS, values, by)
    if people is not None:
        before = sorted(p.name for p in meeting.participants.all())
        meeting.participants.set(people)
        after = sorted(p.name for p in people)
        if before != after:
            history.record(
                meeting, "wagtail.edit", by, changes={"参加人员": ("、".join(before), "、".join(after))}
            )
    return meeting


@transaction.atomic
def save_proposals(agency: Agency, count: ProposalCount | None = None, *, by=None, **values) -> ProposalCount:
    """The year's 人大代表建议 or 政协委员提案 handled and their results published (one row per kind)."""
    return _save(count or ProposalCount(agency=agency), PROPOSAL_FIELDS, values, by)


@transaction.atomic
def delete_record(record: Model, *, by=None) -> None:
    """Delete a record entered by mistake (a group that ended has a date instead); the event names what went."""
    if isinstance(record, WorkGroup) and record.members.exists():
        raise Refused("小组还有成员记录，不能删除；小组撤销请填写撤销日期")
    gone = f"{record._meta.verbose_name}：{record}"
    history.record(record, "wagtail.delete", by, changes={"删除": (gone, None)})
    record.delete()


# --- inspections and rectification -----------------------------------------------------------------------------


def inspector_of(user, agency: Agency) -> Agency:
    """The agency a supervising officer inspects for: their own agency, or (a system administrator without one)
    the inspected agency's government."""
    person = scoping.person_of(user)
    if person is not None and person.agency_id != agency.pk:
        return person.agency
    return agency.parent or agency


@transaction.atomic
def create_inspection(agency: Agency, kind: InspectionKind, *, by, **values) -> Inspection:
    """Register a self-inspection (the agency's office) or a 督导检查 (the supervising office)."""
    if kind == InspectionKind.SELF:
        scoping.require(by, Perm.EDIT_WORK_RECORDS, agency)
        inspector = agency
    else:
        scoping.require(by, Perm.INSPECT, agency)
        inspector = inspector_of(by, agency)
        if inspector == agency:
            raise Refused("督导检查只能由上级主管部门登记")
    inspection = Inspection(agency=agency, kind=kind, inspector=inspector, created_by=by)
    return _save(inspection, INSPECTION_FIELDS, values, by)


def may_manage_findings(user, inspection: Inspection) -> bool:
    """Who records an inspection's findings: the agency's office for a 自查, the supervising office otherwise."""
    perm = Perm.EDIT_WORK_RECORDS if inspection.kind == InspectionKind.SELF else Perm.INSPECT
    return scoping.can(user, perm, inspection.agency)


@transaction.atomic
def save_rectification(
    inspection: Inspection, item: Rectification | None = None, *, by, **values
) -> Rectification:
    """A finding of ``inspection`` with its measure, person responsible and deadline (changeable while open)."""
    if not may_manage_findings(by, inspection):
        raise Refused("无权登记该检查发现的问题")
    if item is not None and item.closed_on:
        raise Refused("已整改的事项不能再修改；如整改不到位，请由检查方退回")
    return _save(
        item or Rectification(agency=inspection.agency, inspection=inspection),
        RECTIFICATION_FIELDS,
        values,
        by,
    )


@transaction.atomic
def close_rectification(
    item: Rectification, *, by, closed_on: date, note: str, evidence=None
) -> Rectification:
    """The agency reports the item rectified, with what was done and the evidence; it then waits for the
    inspector's confirmation."""
    item = Rectification.objects.select_for_update().get(pk=item.pk)
    scoping.require(by, Perm.EDIT_WORK_RECORDS, item.agency)
    if item.closed_on:
        raise Refused("该事项已报整改完成，等待确认")
    if not (note or "").strip() or evidence is None and not item.evidence:
        raise Refused("报整改完成须写明整改情况并上传证明材料")
    if closed_on > timezone.localdate():
        raise Refused("整改完成日期不能晚于今天")
    item.closed_on, item.evidence_note = closed_on, note.strip()
    if evidence is not None:
        item.evidence = evidence
    item.full_clean()
    item.save()
    history.record(
        item, "wagtail.edit", by, changes={"状态": ("整改中", f"已整改（{closed_on}），待确认")}, note=note
    )
    return item


def may_confirm(user, item: Rectification, on: date | None = None) -> bool:
    """A 督导检查's items are confirmed by the supervising office; a 自查's by the leader of the agency's
    督导小组 on that day. Nobody confirms an item whose closing they recorded."""
    if item.inspection.kind == InspectionKind.SUPERVISION:
        return scoping.can(user, Perm.INSPECT, item.agency)
    if not scoping.can(user, Perm.CONFIRM_RECTIFICATION, item.agency):
        return False
    return leads_supervision(scoping.person_of(user), item.agency, on or timezone.localdate())


def leads_supervision(person: Person | None, agency: Agency, day: date) -> bool:
    if person is None:
        return False
    memberships = GroupMember.objects.filter(
        person=person, agency=agency, role=MemberRole.LEADER, group__kind=GroupKind.SUPERVISION
    ).select_related("group")
    return any(
        m.serves_on(day) and (m.group.dissolved_on is None or m.group.dissolved_on >= day)
        for m in memberships
    )


@transaction.atomic
def confirm_rectification(
    item: Rectification, *, by, accept: bool, note: str = "", on: date | None = None
) -> Rectification:
    """The inspector confirms the rectification (on ``on``, default today: a confirmation recorded late keeps its
    day), or sends it back (it is open again, the evidence kept)."""
    item = Rectification.objects.select_for_update().select_related("inspection").get(pk=item.pk)
    if not may_confirm(by, item, on):
        who = "主管部门" if item.inspection.kind == InspectionKind.SUPERVISION else "本机关督导小组组长"
        raise Refused(f"该事项的整改由{who}确认")
    if not item.closed_on or item.confirmed_on:
        raise Refused("只有已报整改完成、尚未确认的事项可以确认或退回")
    on = on or timezone.localdate()
    if accept:
        if not item.closed_on <= on <= timezone.localdate():
            raise Refused("确认日期应在整改完成日期和今天之间")
        item.confirmed_on, item.confirmed_by = on, by
        change = ("已整改，待确认", "整改已确认")
    else:
        if len((note or "").strip()) < 4:
            raise Refused("退回须写明理由（至少 4 个字）")
        item.closed_on = None
        change = ("已整改，待确认", "退回继续整改")
    item.save()
    history.record(item, "wagtail.edit", by, changes={"状态": change}, note=note)
    logger.info(
        "rectification %s of %s: %s", item.pk, item.agency.code, "confirmed" if accept else "sent back"
    )
    return item


@transaction.atomic
def import_meetings(agency: Agency, rows, *, by=None) -> int:
    """Meetings read from an XLSX ledger (`ledger.read_meetings`): all or none; a row that fails its checks
    refuses the whole file with its line number."""
    for row in rows:
        try:
            _save(Meeting(agency=agency), MEETING_FIELDS, row.values, by)
        except ValidationError as error:
            raise Refused(f"第 {row.line} 行：{'；'.join(error.messages)}") from None
    logger.info("%s meetings imported for %s", len(rows), agency.code)
    return len(rows)
