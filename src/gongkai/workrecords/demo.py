"""Demo work records: 经开区人社局's 2020 as the sample report describes it — a 督导小组 of the leaders and section
heads and a 工作小组 of the staff, the six written rules (信息发布、审核、监督、投诉、维护清理、保密审查), routine study
meetings, forums and reports, the special meeting on re-sorting the power list (its 2020 list has 42 items of
第（五）项, see powers.demo), one training, a self-inspection and the government's 督导检查 with their rectification
confirmed.

And the year of the reports being written (`YEAR`, the reports demo's 2025): the measures 人社局's 2024 report
announced with what became of them, those its 2025 report announces (one already carried out in 2026, one not
yet: the 2026 report will ask), the government's 工作要点 with tasks for both departments and their progress, and
its 政务公开考核 with the measured indicators computed, the others scored by hand, and a 满意度调查 entered by hand,
so that the 2025 drafts of 管委会, 人社局 and 住建局 state them in 五 and 六.

Idempotent: each part is left as it is once its records exist. Loaded before the reports, whose drafted 一, 五 and
六 state these records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from gongkai.agencies.models import Agency, Person

from . import evaluation, planning, services
from .models import (
    EvaluationScheme,
    InspectionKind,
    Measure,
    SocialRating,
    TaskAssignment,
    WorkGroup,
    WorkPlan,
)

AGENCY = "jingkai-rsj"
GOVERNMENT = "jingkai"
YEAR = 2025
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
    government = Agency.objects.filter(code=GOVERNMENT).first()
    if agency is None or government is None:
        return
    if not WorkGroup.objects.filter(agency=agency).exists():
        _organisation(agency)
    if not Measure.objects.filter(agency=agency).exists():
        _measures(agency, government)
    if not WorkPlan.objects.filter(agency=government, year=YEAR).exists():
        _work_plan(government)
    if not EvaluationScheme.objects.filter(agency=government, year=YEAR).exists():
        _evaluation(government)


def _organisation(agency: Agency) -> None:
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


# (year, section, text, outcome, note): announced in the report of ``year``, what became of it in ``year + 1``
MEASURES = [
    (YEAR - 1, "problems", "建立政策文件与解读材料同步审核、同步发布机制", "done", ""),
    (
        YEAR - 1,
        "other",
        "完成全部公开信息的有效性标注",
        "partly",
        "2020年以前的信息已标注，其余信息的标注延至下一年度完成",
    ),
    (YEAR, "problems", "每季度开展一次公开栏目自查，当月整改发现的问题", "done", ""),
    (YEAR, "other", "将依申请公开答复全部纳入签发流程管理", "", ""),
]

# (order, text, due, {agency code: (state, note)})
TASKS = [
    (
        1,
        "推进政策文件与解读材料同步发布",
        date(YEAR, 6, 30),
        {
            AGENCY: ("done", "本年度发布的政策文件均同步发布解读材料"),
            "jingkai-zjj": ("progress", "已制定同步发布要求，正在补发解读材料"),
        },
    ),
    (2, "规范依申请公开办理，做到按期答复", date(YEAR, 12, 31), {AGENCY: ("done", "全年申请均按期答复")}),
    (3, "开展政务公开业务培训", date(YEAR, 11, 30), {"jingkai-zjj": ("pending", "")}),
]

# (order, name, points, method, per_item, rule)
INDICATORS = [
    (1, "主动公开及时性", "20", "timely_publication", "1", "20个工作日内公开的比例达到100%得满分"),
    (2, "依申请公开按期答复", "15", "overdue_replies", "3", "每逾期答复1件扣3分"),
    (3, "年度报告按期发布且无错误", "10", "report_defects", "5", "逾期发布或每个错误扣5分"),
    (4, "错敏词及时处理", "10", "wording_unresolved", "2", "每个未经确认的错敏词扣2分"),
    (5, "工作要点任务落实", "20", "tasks_done", "1", "承担的任务全部完成得满分"),
    (6, "公开平台建设和政策解读", "25", "manual", "1", "由考核组查看网站后评分"),
]
HAND_SCORES = {
    AGENCY: ("22", "栏目设置规范，解读材料与文件同步发布"),
    "jingkai-zjj": ("18", "部分政策文件缺少解读材料"),
}


def _measures(agency: Agency, government: Agency) -> None:
    office = _person("rsj-gkb").user
    for year, section, text, outcome, note in MEASURES:
        measure = planning.save_measure(agency, by=office, year=year, section=section, text=text)
        if outcome:
            planning.record_outcome(agency, measure, by=office, outcome=outcome, outcome_note=note)
    planning.save_measure(
        government, by=_person("gkb").user, year=YEAR, section="other", text="完善政务公开工作考核指标体系"
    )


def _work_plan(government: Agency) -> None:
    supervisor = _person("gkb").user
    plan = planning.save_plan(
        government,
        by=supervisor,
        year=YEAR,
        title=f"{YEAR}年政务公开工作要点",
        number=f"经开管办〔{YEAR}〕3号",
        issued_on=date(YEAR, 3, 10),
        document=ContentFile(f"{YEAR}年政务公开工作要点\n".encode(), name="gongzuo-yaodian.txt"),
    )
    offices = {AGENCY: _person("rsj-gkb").user, "jingkai-zjj": _person("zjj-gkb").user}
    for order, text, due, progress in TASKS:
        agencies = list(Agency.objects.filter(code__in=progress))
        task = planning.save_task(plan, by=supervisor, agencies=agencies, order=order, text=text, due_on=due)
        for code, (state, note) in progress.items():
            if state == "pending":
                continue
            assignment = TaskAssignment.objects.get(task=task, agency__code=code)
            evidence = ContentFile(b"evidence", name="jinzhan.txt") if state == "done" else None
            planning.report_progress(assignment, by=offices[code], state=state, note=note, evidence=evidence)


def _evaluation(government: Agency) -> None:
    supervisor = _person("gkb").user
    scheme = evaluation.save_scheme(government, by=supervisor, year=YEAR, title=f"{YEAR}年度政务公开工作考核")
    indicators = [
        evaluation.save_indicator(
            scheme,
            by=supervisor,
            order=order,
            name=name,
            points=Decimal(points),
            method=method,
            full_at=Decimal(100),
            zero_at=Decimal(0),
            per_item=Decimal(per_item),
            rule=rule,
        )
        for order, name, points, method, per_item, rule in INDICATORS
    ]
    evaluation.compute(scheme, by=supervisor)
    manual = next(i for i in indicators if i.method == "manual")
    for agency in evaluation.evaluated_agencies(government):
        points, note = HAND_SCORES.get(agency.code, ("20", "按考核组评议评分"))
        evaluation.score_by_hand(manual, agency, by=supervisor, points=Decimal(points), note=note)
        for indicator in indicators:
            if not indicator.scores.filter(agency=agency).exists():
                evaluation.score_by_hand(
                    indicator,
                    agency,
                    by=supervisor,
                    points=indicator.points,
                    note="本年度平台没有可统计的记录，按考核组核查情况评分",
                )
    if not SocialRating.objects.filter(agency=government, year=YEAR).exists():
        evaluation.save_rating(
            government,
            by=supervisor,
            year=YEAR,
            source="第三方满意度调查",
            participants=320,
            satisfied=296,
            summary="群众对政府信息公开工作总体满意，希望进一步加强政策解读",
        )
