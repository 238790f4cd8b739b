"""Demo applications: a year of realistic cases for the demo departments, every state and outcome represented.

Each case is received on a working day of the past year and taken through a scenario by the service functions;
steps that would fall after today are left undone, so recent cases are open in every state. Idempotent: an
agency that already has applications is left as it is. Applicants are invented (valid-looking identifiers).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Role
from gongkai.core.identifiers import resident_id_check_char, uscc_check_char
from gongkai.workdays.services import current_calendar

from . import assignment, services
from .choices import OPEN_STATUSES, Status
from .models import ApplicationSettings

CASES_PER_AGENCY = 72

PREFIXES = {"jingkai-rsj": "经开人社", "jingkai-zjj": "经开住建"}
TOPICS = {
    "jingkai-rsj": [
        ("2025 年度稳岗返还资金发放名单", ""),
        ("关于调整社会保险缴费基数的通知", "经开人社〔2025〕12号"),
        ("本人所在单位工伤认定决定书", ""),
        ("2025 年度就业见习补贴拨付情况", ""),
        ("事业单位公开招聘成绩及体检名单", ""),
        ("劳动保障监察投诉处理结果", ""),
        ("技能提升补贴申领审核材料", ""),
    ],
    "jingkai-zjj": [
        ("某地块国有土地上房屋征收补偿方案", "经开建〔2025〕8号"),
        ("某小区建设工程规划许可证及附图", ""),
        ("2025 年度公共租赁住房分配名单", ""),
        ("老旧小区改造项目招标及验收资料", ""),
        ("某项目施工许可证", ""),
        ("物业专项维修资金使用情况", ""),
        ("建筑工地扬尘治理处罚决定书", ""),
    ],
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超"]
ORG_NAMES = {
    "commercial": "合肥{}建设工程有限公司",
    "research": "安徽{}技术研究院",
    "public_interest": "合肥{}公益服务中心",
    "legal_services": "安徽{}律师事务所",
    "other_org": "经开区{}社区居民委员会",
}
ORG_WORDS = ["恒信", "同创", "泰和", "科达", "明德", "长安", "华瑞", "安康"]
APPLICANT_TYPES = ["natural_person"] * 6 + list(ORG_NAMES)

# Outcomes by decision, in the order scenarios use them (every decidable outcome appears).
OUTCOME_BASIS = {
    "granted": "《条例》第三十六条第（二）项",
    "partial": "《条例》第三十七条",
    "withheld.state_secret": "《条例》第十四条、第三十六条第（三）项",
    "withheld.prohibited_by_law": "《条例》第十四条、第三十六条第（三）项",
    "withheld.security_stability": "《条例》第十四条、第三十六条第（三）项",
    "withheld.third_party": "《条例》第十五条、第三十二条",
    "withheld.internal_affairs": "《条例》第十六条第一款",
    "withheld.process_info": "《条例》第十六条第二款",
    "withheld.enforcement_file": "《条例》第十六条第二款",
    "withheld.query_matter": "《条例》第三十六条第（七）项",
    "unavailable.not_held": "《条例》第三十六条第（四）项",
    "unavailable.needs_creation": "《条例》第三十八条",
    "unavailable.unclear_after_correction": "《条例》第三十条",
    "not_processed.petition": "《条例》第三十九条第一款",
    "not_processed.repeated": "《条例》第三十六条第（六）项",
    "not_processed.publication": "《条例》第三十九条第二款",
    "not_processed.excessive": "《条例》第三十五条",
    "not_processed.confirmation": "《条例》第三十九条第二款",
    "other.misc": "《条例》第三十六条第（七）项",
}
OUTCOME_CYCLE = ["granted", *OUTCOME_BASIS]
# Cases received a month or two ago that stop after so many steps, so every open state is on the desk.
OPEN_CASES = (
    ("correct", 1),
    ("plain", 1),
    ("plain", 2),
    ("plain", 3),
    ("consult", 1),
    ("fee", 1),
    ("plain", 0),
    ("online", 0),
)
OPEN_FROM = CASES_PER_AGENCY - 10
SCENARIOS = (
    "plain",
    "consult",
    "extend",
    "correct",
    "abandon",
    "fee",
    "unpaid",
    "withdraw",
    "online",
    "period",
)


def _resident_id(rng: random.Random) -> str:
    birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 40 * 365))
    first17 = f"340111{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + resident_id_check_char(first17)


def _credit_code(rng: random.Random) -> str:
    first17 = f"91340100MA{rng.randrange(0, 10**7):07d}"
    return first17 + uscc_check_char(first17)


def _fields(rng: random.Random, code: str) -> dict:
    kind = rng.choice(APPLICANT_TYPES)
    info, doc = rng.choice(TOPICS[code])
    common = {
        "applicant_type": kind,
        "phone": f"13{rng.randrange(5, 10)}{rng.randrange(0, 10**8):08d}",
        "address": f"合肥市经开区{rng.choice(['繁华大道', '锦绣大道', '芙蓉路', '紫云路'])}{rng.randrange(1, 300)}号",
        "info_name": info,
        "info_document_number": doc,
        "purpose": rng.choice(["", "了解政策", "维护自身合法权益", "学术研究"]),
        "form": rng.choice(["paper", "electronic"]),
        "obtaining": rng.choice(["post", "pickup", "online"]),
    }
    if kind == "natural_person":
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN])
        return {**common, "name": name, "id_type": "resident_id", "id_number": _resident_id(rng)}
    return {
        **common,
        "name": ORG_NAMES[kind].format(rng.choice(ORG_WORDS)),
        "credit_code": _credit_code(rng),
        "legal_representative": rng.choice(SURNAMES) + rng.choice(GIVEN),
        "contact_person": rng.choice(SURNAMES) + rng.choice(GIVEN),
    }


def _run(app, plan, today: date, by, limit: int | None = None) -> None:
    """Apply the planned (date, step, kwargs) while the dates are not after today (at most `limit` steps)."""
    for on, step, kwargs in plan[:limit]:
        if on > today:
            return
        app = step(app, on=on, by=by, **kwargs)


def _plan(scenario: str, received: date, outcome: str) -> list:
    cal = current_calendar()

    def w(n: int) -> date:
        return cal.add_workdays(received, n)

    basis = OUTCOME_BASIS[outcome]
    withheld = "涉及第三方个人信息的部分（《条例》第十五条）" if outcome == "partial" else ""
    finish = [
        (services.decide, {"outcome": outcome, "basis": basis, "withheld": withheld}),
        (services.reply, {}),
        (services.deliver, {"method": "post", "proof": "EMS 回执"}),
        (services.close, {}),
    ]

    def ending(start: int) -> list:
        days = [start, start + 1, start + 3, start + 5]
        return [(w(d), step, kw) for d, (step, kw) in zip(days, finish, strict=True)]

    if scenario == "consult":
        consult = {"party": "third_party", "to": "相关企业"}
        return [
            (w(3), services.send_consultation, consult),
            (w(12), services.answer_consultation, {"key": "1"}),
        ] + ending(18)
    if scenario == "extend":
        return [
            (w(16), services.extend, {"days": 15, "approver": "办公室主任", "reason": "需调取档案"})
        ] + ending(30)
    if scenario == "correct":
        fix = {"what": "请明确所需信息的名称或文号", "respond_by": w(12)}
        return [(w(2), services.request_correction, fix), (w(6), services.receive_correction, {})] + [
            (cal.add_workdays(w(6), d), step, kw)
            for d, (step, kw) in zip((10, 10, 12, 14), finish, strict=True)
        ]
    if scenario == "abandon":
        fix = {"what": "请提供身份证明", "respond_by": w(12)}
        return [(w(2), services.request_correction, fix), (w(13), services.abandon, {})]
    if scenario == "fee":
        return [
            (w(4), services.send_fee_notice, {"quantity": 11, "method": "count"}),
            (w(9), services.record_fee_paid, {}),
        ] + ending(20)
    if scenario == "unpaid":
        notice = w(4)
        return [
            (notice, services.send_fee_notice, {"quantity": 31, "method": "count"}),
            (cal.add_workdays(notice, 21), services.record_fee_unpaid, {}),
        ]
    if scenario == "withdraw":
        return [(w(3), services.withdraw, {"reason": "已通过其他途径获取"})]
    if scenario == "period":
        reason = "申请数量明显超过合理范围，无法在法定期限内答复"
        return [(w(5), services.set_reasonable_period, {"due": w(50), "reason": reason})] + ending(45)
    return ending(8)


def _office_user(agency: Agency):
    person = (
        agency.people.filter(role_assignments__role=Role.DISCLOSURE_OFFICE).select_related("user").first()
    )
    return person.user if person else None


def load(today: date | None = None) -> int:
    """Create the demo cases where missing; return how many were created."""
    today = today or timezone.localdate()
    cal = current_calendar()
    created = 0
    for code, prefix in PREFIXES.items():
        agency = Agency.objects.filter(code=code).first()
        if agency is None or agency.applications.exists():
            continue
        ApplicationSettings.objects.get_or_create(agency=agency, defaults={"number_prefix": prefix})
        rng = random.Random(code)
        by = _office_user(agency)
        start = today - timedelta(days=365)
        decisions = 0
        for i in range(CASES_PER_AGENCY):
            received = cal.add_workdays(start + timedelta(days=i * 365 // CASES_PER_AGENCY), 1)
            if received > today:
                break
            scenario, limit = SCENARIOS[i % len(SCENARIOS)], None
            if 0 <= i - OPEN_FROM < len(OPEN_CASES):
                scenario, limit = OPEN_CASES[i - OPEN_FROM]
            outcome = OUTCOME_CYCLE[decisions % len(OUTCOME_CYCLE)]
            decisions += scenario not in {"abandon", "unpaid", "withdraw"}
            fields = _fields(rng, code)
            if scenario == "online":
                app, _ = services.submit(agency, fields, on=received)
                confirmed = cal.add_workdays(received, 1)
                if limit != 0 and confirmed <= today:
                    app = services.confirm_receipt(app, on=confirmed, by=by)
                    _run(app, _plan("plain", confirmed, outcome), today, by, limit)
            else:
                channel = rng.choice(["in_person", "post", "oral"])
                app, _ = services.intake(agency, fields, channel=channel, arrived_on=received, by=by)
                _run(app, _plan(scenario, received, outcome), today, by, limit)
            created += 1
        _assign_open_cases(agency, by)
    return created


def _assign_open_cases(agency: Agency, by) -> None:
    """Every other confirmed open case goes to the agency's first 业务人员 (the demo's 承办人), if it has one."""
    handler = assignment.handlers(agency).order_by("pk").first()
    if handler is None:
        return
    open_cases = agency.applications.filter(status__in=OPEN_STATUSES).exclude(status=Status.SUBMITTED)
    for app in list(open_cases.order_by("pk"))[::2]:
        assignment.assign(app, handler, by=by)
