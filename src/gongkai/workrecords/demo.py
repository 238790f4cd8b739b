"""Demo work records: 经开区人社局's 2020 as the sample report describes it — a 督导小组 of the leaders and section
heads and a 工作小组 of the staff, the six written rules (信息发布、审核、监督、投诉、维护清理、保密审查), routine study
meetings, forums and reports, the special meeting on re-sorting the power list (its 2020 list has 42 items of
第（五）项, see powers.demo), one training, a self-inspection and the government's 督导检查 with their rectification
confirmed. Idempotent: an agency that has groups is left as it is. Loaded before the reports, whose drafted 一 and
五 state these records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from gongkai.agencies.models import Agency, Person

from . import services
from .models import InspectionKind, WorkGroup

AGENCY = "jingkai-rsj"
DUTIES_SUPERVISION = "政务公开的督导、审核"
DUTIES_WORK = "信息的采集和具体发布、网络平台的运营维护"

# title, 文号, steps, responsible roles, approvals
RULES = [
    ("政务信息发布管理制度", "经开人社〔2020〕1号", ["publishing"], ["staff", "section_head"], {}),
    (
        "政务信息审核制度",
        "经开人社〔2020〕2号",
        ["signoff"],
        ["section_head", "division_leader", "principal_leader"],
        {"check": ["section_head", "division_leader"], "approve": ["principal_leader"]},
    ),
    (
        "政务公开监督检查制度",
        "经开人社〔2020〕3号",
        ["supervision"],
        ["principal_leader", "disclosure_office"],
        {},
    ),
    ("政务公开投诉处理制度", "经开人社〔2020〕4号", ["complaints"], ["disclosure_office"], {}),
    ("公开信息维护清理制度", "经开人社〔2020〕5号", ["maintenance"], ["staff", "disclosure_office"], {}),
    (
        "政务信息保密审查制度",
        "经开人社〔2020〕6号",
        ["confidentiality"],
        ["confidentiality_reviewer", "section_head"],
        {"confidentiality": ["confidentiality_reviewer"]},
    ),
]

# date, kind, title, organiser, count, topics, hours, participants (usernames)
MEETINGS = [
    (
        date(2020, 3, 12),
        "study",
        "政务公开督导审核业务学习",
        "督导小组",
        9,
        "政务公开工作的督导和审核要求",
        0,
        [],
    ),
    (
        date(2020, 5, 14),
        "special",
        "权责事项梳理调整专题会议",
        "督导小组",
        8,
        "权责事项全面梳理、细分并纳入网办事项",
        0,
        [],
    ),
    (date(2020, 6, 11), "study", "政务信息更新业务学习", "工作小组", 6, "公开信息的更新、调整和清理", 0, []),
    (
        date(2020, 7, 9),
        "forum",
        "政务公开工作座谈会",
        "督导小组",
        10,
        "公开工作情况梳理，确保信息及时准确",
        0,
        [],
    ),
    (date(2020, 9, 10), "study", "公开平台管理业务学习", "工作小组", 6, "公开平台的管理和运营维护", 0, []),
    (
        date(2020, 10, 15),
        "briefing",
        "政务公开工作汇报会",
        "督导小组",
        8,
        "各科室政务公开工作情况汇报",
        0,
        [],
    ),
    (
        date(2020, 11, 19),
        "training",
        "政府信息公开条例培训",
        "办公室",
        12,
        "政府信息公开条例和依申请公开办理",
        Decimal("3"),
        ["rsj-yewu", "rsj-kezhang", "rsj-gkb", "rsj-baomi"],
    ),
    (date(2020, 12, 17), "briefing", "年度政务公开工作汇报", "督导小组", 9, "全年政务公开工作总结", 0, []),
]


def _person(username: str) -> Person:
    return Person.objects.select_related("user").get(user__username=username)


def load() -> None:
    agency = Agency.objects.filter(code=AGENCY).first()
    if agency is None or WorkGroup.objects.filter(agency=agency).exists():
        return
    office = _person("rsj-gkb").user
    supervision = services.save_group(
        agency,
        by=office,
        kind="supervision",
        name="政务公开工作督导小组",
        duties=DUTIES_SUPERVISION,
        formed_on=date(2019, 2, 20),
        basis="经开人社〔2019〕5号",
    )
    work = services.save_group(
        agency,
        by=office,
        kind="work",
        name="政务公开工作小组",
        duties=DUTIES_WORK,
        formed_on=date(2019, 2, 20),
    )
    for group, username, role in (
        (supervision, "rsj-juzhang", "leader"),
        (supervision, "rsj-fenguan", "deputy"),
        (supervision, "rsj-kezhang", "member"),
        (work, "rsj-gkb", "leader"),
        (work, "rsj-yewu", "member"),
        (work, "rsj-baomi", "member"),
    ):
        member = _person(username)
        services.save_member(
            agency,
            by=office,
            group=group,
            person=member,
            position=member.position,
            role=role,
            from_on=date(2019, 2, 20),
        )
    services.save_member(
        agency,
        by=office,
        group=supervision,
        name="张华",
        position="原副局长",
        role="deputy",
        from_on=date(2019, 2, 20),
        until_on=date(2019, 12, 31),
    )
    for title, number, steps, roles, approvals in RULES:
        services.save_rule(
            agency,
            by=office,
            title=title,
            number=number,
            effective_on=date(2020, 1, 1),
            steps=steps,
            responsible_roles=roles,
            approvals=approvals,
            document=ContentFile(f"{title}\n{number}\n".encode(), name=f"{number}.txt"),
        )
    for held_on, kind, title, organiser, count, topics, hours, usernames in MEETINGS:
        services.save_meeting(
            agency,
            by=office,
            held_on=held_on,
            kind=kind,
            title=title,
            organiser=organiser,
            participant_count=count,
            topics=topics,
            hours=hours,
            participants=[_person(u) for u in usernames],
        )
    _inspections(agency, office)


def _inspections(agency: Agency, office) -> None:
    leader = _person("rsj-juzhang").user
    own = services.create_inspection(
        agency, InspectionKind.SELF, by=office, inspected_on=date(2020, 7, 20), title="政务公开工作半年自查"
    )
    for problem, measure, username, due, closed in (
        (
            "部分栏目信息更新不及时",
            "各科室每月核对本科室公开信息，工作小组汇总更新",
            "rsj-kezhang",
            date(2020, 8, 31),
            date(2020, 8, 25),
        ),
        (
            "个别公开信息未标注索引号",
            "发布前由工作小组核对索引号",
            "rsj-yewu",
            date(2020, 8, 31),
            date(2020, 8, 20),
        ),
    ):
        item = services.save_rectification(
            own, by=office, problem=problem, measure=measure, responsible=_person(username), due_on=due
        )
        services.close_rectification(
            item,
            by=office,
            closed_on=closed,
            note="已按措施整改",
            evidence=ContentFile(b"evidence", name="zhenggai.txt"),
        )
        services.confirm_rectification(item, by=leader, accept=True, on=date(2020, 9, 10))
    supervisor = _person("gkb").user
    visit = services.create_inspection(
        agency,
        InspectionKind.SUPERVISION,
        by=supervisor,
        inspected_on=date(2020, 11, 10),
        title="政务公开工作督导检查",
    )
    item = services.save_rectification(
        visit,
        by=supervisor,
        problem="政策解读材料与文件同步发布不够及时",
        measure="政策文件与解读材料同步审核、同步发布",
        responsible=_person("rsj-gkb"),
        due_on=date(2020, 12, 31),
    )
    services.close_rectification(
        item,
        by=office,
        closed_on=date(2020, 12, 20),
        note="已建立同步发布要求",
        evidence=ContentFile(b"evidence", name="zg.txt"),
    )
    services.confirm_rectification(item, by=supervisor, accept=True, on=date(2020, 12, 28))
