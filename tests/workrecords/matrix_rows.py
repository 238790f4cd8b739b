"""Rows of the scoping matrix (tests/agencies/test_scoping_matrix.py) for the work records' pages, and the POST rows
that tests/workrecords/test_post_matrix.py sends for each role against each agency."""

from datetime import date

from gongkai.agencies.roles import Role as R

EVERY_ROLE = set(R)
LEADERS = {R.SECTION_HEAD, R.DIVISION_LEADER, R.PRINCIPAL_LEADER}
HOLDERS = {
    "workrecords.view": EVERY_ROLE,
    "workrecords.edit": {R.DISCLOSURE_OFFICE, R.SYSTEM_ADMIN},
    "workrecords.inspect": {R.SUPERVISING_OFFICE, R.SYSTEM_ADMIN},
    "workrecords.evaluate": {R.SUPERVISING_OFFICE, R.SYSTEM_ADMIN},
    "workrecords.confirm|inspect": LEADERS | {R.SUPERVISING_OFFICE, R.SYSTEM_ADMIN},
    # recording findings: the agency's office for a self-inspection
    "workrecords.findings.self": {R.DISCLOSURE_OFFICE, R.SYSTEM_ADMIN},
}

_A = "/admin/gongkai/work/{code}"
_Y = _A + "/2020"
_I = _A + "/inspections/{wr_inspection}"
_P = _A + "/plans/{wr_plan}"
_S = _A + "/evaluation/{wr_scheme}"
STAFF_URLS = [
    ("workrecords:year", f"{_Y}/", "workrecords.view"),
    ("workrecords:export", f"{_Y}/ledger.xlsx", "workrecords.view"),
    ("workrecords:import", f"{_Y}/import/", "workrecords.edit"),
    ("workrecords:record_new", f"{_Y}/groups/new/", "workrecords.edit"),
    ("workrecords:record_edit", _Y + "/groups/{wr_group}/", "workrecords.edit"),
    ("workrecords:record_edit", _Y + "/members/{wr_member}/", "workrecords.edit"),
    ("workrecords:record_edit", _Y + "/rules/{wr_rule}/", "workrecords.edit"),
    ("workrecords:record_edit", _Y + "/meetings/{wr_meeting}/", "workrecords.edit"),
    ("workrecords:record_edit", _Y + "/proposals/{wr_proposals}/", "workrecords.edit"),
    ("workrecords:file", _A + "/files/rules/{wr_rule}/", "workrecords.view"),
    ("workrecords:self_inspection_new", f"{_A}/inspections/self/", "workrecords.edit"),
    ("workrecords:supervision_new", f"{_A}/inspections/supervision/", "workrecords.inspect"),
    ("workrecords:inspection", f"{_I}/", "workrecords.view"),
    ("workrecords:item_new", f"{_I}/items/new/", "workrecords.findings.self"),
    ("workrecords:item_edit", _I + "/items/{wr_item}/", "workrecords.findings.self"),
    ("workrecords:item_close", _I + "/items/{wr_item}/close/", "workrecords.edit"),
    ("workrecords:item_confirm", _I + "/items/{wr_item}/confirm/", "workrecords.confirm|inspect"),
    ("workrecords:import_proposals", f"{_Y}/import/proposals/", "workrecords.edit"),
    ("workrecords:record_new", f"{_Y}/measures/new/", "workrecords.edit"),
    ("workrecords:record_edit", _Y + "/outcomes/{wr_measure}/", "workrecords.edit"),
    ("workrecords:record_new", f"{_Y}/ratings/new/", "workrecords.edit"),
    ("workrecords:record_new", f"{_Y}/accountability/new/", "workrecords.edit"),
    ("workrecords:scores", f"{_Y}/scores/", "workrecords.view"),
    ("workrecords:plans", f"{_A}/plans/", "workrecords.view"),
    ("workrecords:plan_new", f"{_A}/plans/new/", "workrecords.inspect"),
    ("workrecords:plan", f"{_P}/", "workrecords.view"),
    ("workrecords:plan_edit", f"{_P}/edit/", "workrecords.inspect"),
    ("workrecords:task_new", f"{_P}/tasks/new/", "workrecords.inspect"),
    ("workrecords:task_edit", _P + "/tasks/{wr_task}/", "workrecords.inspect"),
    ("workrecords:task_import", f"{_P}/import/", "workrecords.inspect"),
    ("workrecords:progress", _A + "/tasks/{wr_assignment}/", "workrecords.edit"),
    ("workrecords:file", _A + "/files/tasks/{wr_assignment}/", "workrecords.view"),
    ("workrecords:schemes", f"{_A}/evaluation/", "workrecords.evaluate"),
    ("workrecords:scheme_new", f"{_A}/evaluation/new/", "workrecords.evaluate"),
    ("workrecords:scheme", f"{_S}/", "workrecords.evaluate"),
    ("workrecords:indicator_new", f"{_S}/indicators/new/", "workrecords.evaluate"),
    ("workrecords:compute", f"{_S}/compute/", "workrecords.evaluate"),
    ("workrecords:scheme_export", f"{_S}/results.xlsx", "workrecords.evaluate"),
    ("workrecords:hand_score", _S + "/score/{wr_indicator}/{code}/", "workrecords.evaluate"),
]
UNSCOPED_STAFF_URLS = {
    "workrecords:index": "/admin/gongkai/work/",
    "workrecords:template": "/admin/gongkai/work/templates/tasks.xlsx",
}

# (name, path template, permission, form data): a POST by a holder is answered (200 with the form, or a redirect
# to the page it goes back to); by anyone else it is refused and changes nothing.
POST_URLS = [
    (
        "workrecords:record_new",
        f"{_Y}/groups/new/",
        "workrecords.edit",
        {"kind": "work", "name": "POST 小组", "duties": "发布", "formed_on": "2020-01-01"},
    ),
    ("workrecords:record_edit", _Y + "/groups/{wr_group}/", "workrecords.edit", {"delete": "1"}),
    (
        "workrecords:record_new",
        f"{_Y}/meetings/new/",
        "workrecords.edit",
        {
            "held_on": "2020-05-01",
            "kind": "study",
            "title": "POST 会议",
            "organiser": "办公室",
            "participant_count": "3",
            "topics": "学习",
            "hours": "0",
        },
    ),
    ("workrecords:import", f"{_Y}/import/", "workrecords.edit", {}),
    (
        "workrecords:record_new",
        f"{_Y}/proposals/new/",
        "workrecords.edit",
        {"year": "2020", "kind": "deputies", "handled": "5", "published": "5"},
    ),
    (
        "workrecords:self_inspection_new",
        f"{_A}/inspections/self/",
        "workrecords.edit",
        {"inspected_on": "2020-06-01", "title": "POST 自查"},
    ),
    (
        "workrecords:supervision_new",
        f"{_A}/inspections/supervision/",
        "workrecords.inspect",
        {"inspected_on": "2020-06-01", "title": "POST 督导"},
    ),
    (
        "workrecords:item_new",
        f"{_I}/items/new/",
        "workrecords.findings.self",
        {"problem": "POST 问题", "measure": "整改", "responsible_name": "某人", "due_on": "2020-12-31"},
    ),
    (
        "workrecords:item_close",
        _I + "/items/{wr_item}/close/",
        "workrecords.edit",
        {"closed_on": "2020-07-01"},
    ),
    (
        "workrecords:item_confirm",
        _I + "/items/{wr_item}/confirm/",
        "workrecords.confirm|inspect",
        {"decision": "x"},
    ),
]


POST_URLS += [
    ("workrecords:import_proposals", f"{_Y}/import/proposals/", "workrecords.edit", {}),
    (
        "workrecords:record_new",
        f"{_Y}/measures/new/",
        "workrecords.edit",
        {"year": "2020", "section": "other", "text": "POST 措施"},
    ),
    ("workrecords:record_edit", _Y + "/outcomes/{wr_measure}/", "workrecords.edit", {"outcome": "done"}),
    (
        "workrecords:record_new",
        f"{_Y}/accountability/new/",
        "workrecords.edit",
        {"year": "2020", "decided_on": "2020-05-01", "matter": "POST", "outcome": "约谈", "persons": "1"},
    ),
    (
        "workrecords:plan_new",
        f"{_A}/plans/new/",
        "workrecords.inspect",
        {"year": "2020", "title": "POST 要点", "issued_on": "2020-03-01"},
    ),
    ("workrecords:task_new", f"{_P}/tasks/new/", "workrecords.inspect", {"order": "1", "text": "POST 任务"}),
    ("workrecords:task_import", f"{_P}/import/", "workrecords.inspect", {}),
    (
        "workrecords:progress",
        _A + "/tasks/{wr_assignment}/",
        "workrecords.edit",
        {"state": "progress", "note": "POST 进展"},
    ),
    (
        "workrecords:scheme_new",
        f"{_A}/evaluation/new/",
        "workrecords.evaluate",
        {"year": "2020", "title": "POST"},
    ),
    ("workrecords:indicator_new", f"{_S}/indicators/new/", "workrecords.evaluate", {}),
    ("workrecords:compute", f"{_S}/compute/", "workrecords.evaluate", {}),
    (
        "workrecords:hand_score",
        _S + "/score/{wr_indicator}/{code}/",
        "workrecords.evaluate",
        {"points": "1", "note": "POST 理由"},
    ),
]


def _plan(agency):
    from gongkai.workrecords.models import WorkPlan

    plan = WorkPlan.objects.filter(agency=agency).first() or WorkPlan.objects.create(
        agency=agency, year=2020, title="2020年政务公开工作要点", issued_on=date(2020, 3, 1)
    )
    return plan.pk


def _task(agency):
    from gongkai.workrecords.models import WorkTask

    task = WorkTask.objects.filter(plan_id=_plan(agency)).first() or WorkTask.objects.create(
        agency=agency, plan_id=_plan(agency), order=1, text="推进决策公开"
    )
    return task.pk


def _assignment(agency):
    from django.core.files.base import ContentFile

    from gongkai.workrecords.models import TaskAssignment

    assignment = TaskAssignment.objects.filter(agency=agency).first()
    if assignment is None:
        assignment = TaskAssignment(agency=agency, task_id=_task(agency))
        assignment.evidence.save("proof.pdf", ContentFile(b"%PDF-1.4 proof"), save=False)
        assignment.save()
    return assignment.pk


def _scheme(agency):
    from gongkai.workrecords.models import EvaluationScheme

    scheme = EvaluationScheme.objects.filter(agency=agency).first() or EvaluationScheme.objects.create(
        agency=agency, year=2020, title="2020年度考核"
    )
    return scheme.pk


def _indicator(agency):
    from gongkai.workrecords.models import Indicator

    indicator = Indicator.objects.filter(scheme_id=_scheme(agency)).first() or Indicator.objects.create(
        agency=agency, scheme_id=_scheme(agency), name="平台建设", points=5, method="manual"
    )
    return indicator.pk


def _measure(agency):
    from gongkai.workrecords.models import Measure

    measure = Measure.objects.filter(agency=agency).first() or Measure.objects.create(
        agency=agency, year=2019, section="other", text="开展培训"
    )
    return measure.pk


def _group(agency):
    from gongkai.workrecords.models import WorkGroup
    from gongkai.workrecords.services import save_group

    group = WorkGroup.objects.filter(agency=agency, name="督导小组").first() or save_group(
        agency, kind="supervision", name="督导小组", duties="督导", formed_on=date(2019, 1, 1)
    )
    return group.pk


def _member(agency):
    from gongkai.workrecords.models import GroupMember, WorkGroup
    from gongkai.workrecords.services import save_member

    member = GroupMember.objects.filter(agency=agency).first() or save_member(
        agency,
        group=WorkGroup.objects.get(pk=_group(agency)),
        name="外聘专家",
        role="member",
        from_on=date(2019, 1, 1),
    )
    return member.pk


def _rule(agency):
    from django.core.files.base import ContentFile

    from gongkai.workrecords.models import Rule
    from gongkai.workrecords.services import save_rule

    rule = Rule.objects.filter(agency=agency).first() or save_rule(
        agency,
        title="信息发布审核制度",
        effective_on=date(2019, 1, 1),
        steps=["signoff"],
        approvals={"approve": ["principal_leader"]},
        document=ContentFile(b"%PDF-1.4 rule", name="rule.pdf"),
    )
    return rule.pk


def _meeting(agency):
    from gongkai.workrecords.models import Meeting
    from gongkai.workrecords.services import save_meeting

    meeting = Meeting.objects.filter(agency=agency).first() or save_meeting(
        agency,
        held_on=date(2020, 3, 1),
        kind="study",
        title="业务学习",
        organiser="办公室",
        participant_count=5,
        topics="条例",
    )
    return meeting.pk


def _inspection(agency):
    from gongkai.workrecords.models import Inspection

    inspection = Inspection.objects.filter(agency=agency, kind="self").first() or Inspection.objects.create(
        agency=agency, kind="self", inspector=agency, inspected_on=date(2020, 6, 1), title="半年自查"
    )
    return inspection.pk


def _item(agency):
    from gongkai.workrecords.models import Rectification

    item = Rectification.objects.filter(agency=agency).first() or Rectification.objects.create(
        agency=agency,
        inspection_id=_inspection(agency),
        problem="目录更新不及时",
        measure="每月核对",
        responsible_name="某人",
        due_on=date(2020, 9, 30),
        closed_on=date(2020, 9, 1),
        evidence_note="已核对",
    )
    return item.pk


def _proposals(agency):
    from gongkai.workrecords.models import ProposalCount
    from gongkai.workrecords.services import save_proposals

    count = ProposalCount.objects.filter(agency=agency).first() or save_proposals(
        agency, year=2020, kind="members", handled=3, published=2
    )
    return count.pk


PLACEHOLDERS = {
    "wr_proposals": _proposals,
    "wr_group": _group,
    "wr_member": _member,
    "wr_rule": _rule,
    "wr_meeting": _meeting,
    "wr_inspection": _inspection,
    "wr_item": _item,
    "wr_plan": _plan,
    "wr_task": _task,
    "wr_assignment": _assignment,
    "wr_scheme": _scheme,
    "wr_indicator": _indicator,
    "wr_measure": _measure,
}
