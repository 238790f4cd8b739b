"""Demo power lists, decisions and appeal cases of 经开区人力资源和社会保障局 (agency ``jingkai-rsj``).

2019 and 2020 reproduce the sample report (shared/samples/2020-jingkai-hrss.txt), whose 2020 table 二 reads
行政许可 1 / +6; 其他对外管理服务事项 22 / +13 / 100290; 行政处罚 24 / +8 / 32; 行政强制 0 / 0 / 0; no fees, no
procurement; table 四 all zeros. Numbers the sample does not give are chosen here:

* 行政许可's 2020 decisions (the sample left its placeholder): 26;
* the 2019 figures (that report is not in the sample): every item of the 2019 list was on it before 2019
  (so 2019 shows no change), decisions 行政许可 19, 其他对外管理服务事项 87,412, 行政处罚 27;
* how the 2020 decisions split over the items (only the row totals are in the report).

2021–2025 (2021 template) continue the 2020 list with a few changes each year, plausible decisions, no fees
(amount 0.00) and four review or litigation cases, one of which ends after its year (尚未审结 in that year's
table). ``load()`` is idempotent: a year whose list exists, and a case whose number exists, is left alone.
"""

from __future__ import annotations

from datetime import date

from gongkai.agencies.models import Agency

from . import services
from .categories import Category as C
from .models import AppealCase, AppealKind, AppealResult, PowerList

AGENCY = "jingkai-rsj"

LICENSING_2019 = ["人力资源服务许可"]
LICENSING_2020 = [
    "劳务派遣经营许可",
    "民办职业培训学校设立审批",
    "民办职业培训学校变更审批",
    "民办职业培训学校终止审批",
    "企业实行不定时工作制和综合计算工时工作制审批",
    "人力资源服务许可变更",
]
SERVICES_2019 = [
    (C.PUBLIC_SERVICE, "就业登记"),
    (C.PUBLIC_SERVICE, "失业登记"),
    (C.BENEFIT, "失业保险金申领"),
    (C.PUBLIC_SERVICE, "社会保障卡申领"),
    (C.PUBLIC_SERVICE, "城镇职工基本养老保险参保登记"),
    (C.CONFIRMATION, "工伤认定"),
    (C.CONFIRMATION, "劳动能力鉴定"),
    (C.PUBLIC_SERVICE, "高校毕业生就业报到"),
    (C.PUBLIC_SERVICE, "流动人员人事档案管理"),
    (C.CONFIRMATION, "就业困难人员认定"),
    (C.BENEFIT, "灵活就业人员社会保险补贴"),
    (C.BENEFIT, "创业担保贷款贴息"),
    (C.BENEFIT, "职业培训补贴"),
    (C.PUBLIC_SERVICE, "基本养老保险关系转移接续"),
    (C.CONFIRMATION, "企业职工退休审核"),
    (C.PUBLIC_SERVICE, "养老保险待遇领取资格认证"),
    (C.ADJUDICATION, "劳动人事争议仲裁"),
    (C.CONFIRMATION, "专业技术人员职称评审"),
    (C.OTHER_POWER, "企业年金方案备案"),
    (C.OTHER_POWER, "集体合同审查"),
    (C.INSPECTION, "劳动保障监察"),
    (C.LEVY, "社会保险费征收"),
]
SERVICES_2020 = [
    (C.BENEFIT, "失业补助金申领"),
    (C.BENEFIT, "一次性吸纳就业补贴"),
    (C.BENEFIT, "稳岗返还"),
    (C.BENEFIT, "以工代训补贴"),
    (C.PUBLIC_SERVICE, "就业失业登记证补办"),
    (C.PUBLIC_SERVICE, "职业介绍"),
    (C.PUBLIC_SERVICE, "招聘会场地预约"),
    (C.CONFIRMATION, "职业技能等级认定"),
    (C.BENEFIT, "技能提升补贴"),
    (C.PUBLIC_SERVICE, "社会保障卡挂失与补换"),
    (C.BENEFIT, "工伤保险待遇核定"),
    (C.REWARD, "优秀农民工评选表彰"),
    (C.OTHER_POWER, "劳务派遣单位年度经营情况报告"),
]
_VIOLATIONS = [
    "未按规定办理社会保险登记",
    "未按时足额缴纳社会保险费",
    "骗取社会保险待遇",
    "违法延长劳动者工作时间",
    "克扣或者无故拖欠劳动者工资",
    "支付劳动者工资低于最低工资标准",
    "违法招用未满十六周岁未成年人",
    "违反女职工和未成年工特殊劳动保护规定",
    "未依法订立书面劳动合同",
    "违法解除劳动合同未支付经济补偿",
    "扣押劳动者居民身份证",
    "以担保名义向劳动者收取财物",
    "无理抗拒阻挠劳动保障监察",
    "不按规定报送劳动保障书面材料",
    "未经许可擅自经营劳务派遣业务",
    "劳务派遣单位违法派遣",
    "未经许可从事职业中介活动",
    "职业中介机构提供虚假就业信息",
    "职业中介机构扣押劳动者证件",
    "用人单位招用人员提供虚假招聘信息",
    "用人单位未按规定进行招用人员备案",
    "未按规定建立职工名册",
    "违反工作时间和休息休假规定",
    "未按规定提取使用职工教育经费",
    "人力资源服务机构未按规定公示许可证",
    "人力资源服务机构泄露个人信息",
    "民办职业培训学校违规办学",
    "用人单位违法向劳动者收取押金",
    "未按规定参加工伤保险发生工伤",
    "骗取就业专项资金",
    "冒领养老保险待遇",
    "伪造变造社会保障卡",
]
PENALTY_2019 = [f"对{v}的处罚" for v in _VIOLATIONS[:24]]
PENALTY_2020 = [f"对{v}的处罚" for v in _VIOLATIONS[24:]]

DECISIONS = {
    2019: {"licensing": 19, "other_services": 87412, "penalty": 27},
    2020: {"licensing": 26, "other_services": 100290, "penalty": 32},
    2021: {"licensing": 31, "other_services": 104876, "penalty": 29},
    2022: {"licensing": 35, "other_services": 98231, "penalty": 24, "coercion": 2},
    2023: {"licensing": 28, "other_services": 110542, "penalty": 21, "coercion": 1},
    2024: {"licensing": 33, "other_services": 115307, "penalty": 18, "coercion": 0},
    2025: {"licensing": 30, "other_services": 118964, "penalty": 16, "coercion": 1},
}
"""Decisions per row (2019 rows; 2021+ the 其他对外管理服务事项 items still count, for completeness)."""

CHANGES = {
    2021: {"add": [(C.PUBLIC_SERVICE, "FW-036", "社会保险个人权益记录查询打印", "2021-04-01")], "remove": []},
    2022: {
        "add": [(C.COERCION, "QZ-001", "对用人单位欠缴社会保险费的划拨存款", "2022-03-01")],
        "remove": [("FW-007", "2022-06-30")],
    },
    2023: {
        "add": [(C.LICENSING, "XK-008", "技工学校设立审批", "2023-05-15")],
        "remove": [("CF-013", "2023-09-01")],
    },
    2024: {"add": [(C.BENEFIT, "FW-037", "就业见习补贴", "2024-02-20")], "remove": []},
    2025: {"add": [(C.PENALTY, "CF-033", "对违规使用社会保障卡的处罚", "2025-03-10")], "remove": []},
}

CASES = [
    dict(
        kind=AppealKind.REVIEW,
        case_number="经开复议〔2022〕3号",
        applicant="张某某",
        concerns="申请公开 2021 年度稳岗返还发放名单的答复",
        body="经开区管委会",
        filed_on=date(2022, 5, 9),
        result=AppealResult.UPHELD,
        result_known_on=date(2022, 7, 1),
    ),
    dict(
        kind=AppealKind.LITIGATION_DIRECT,
        case_number="（2023）皖0191行初12号",
        applicant="李某",
        concerns="申请公开工伤认定材料的答复",
        body="经开区人民法院",
        filed_on=date(2023, 3, 20),
        result=AppealResult.CORRECTED,
        result_known_on=date(2023, 9, 18),
    ),
    dict(
        kind=AppealKind.REVIEW,
        case_number="经开复议〔2024〕11号",
        applicant="某某人力资源有限公司",
        concerns="申请公开劳务派遣许可审查意见的答复",
        body="经开区管委会",
        filed_on=date(2024, 11, 25),
        result=AppealResult.OTHER,
        result_known_on=date(2025, 1, 20),
    ),
    dict(
        kind=AppealKind.LITIGATION_AFTER_REVIEW,
        case_number="（2025）皖0191行初5号",
        applicant="王某某",
        concerns="申请公开职业培训补贴审核材料的答复",
        body="经开区人民法院",
        filed_on=date(2025, 4, 2),
    ),
]

_PREFIX = {"licensing": "XK", "other_services": "FW", "penalty": "CF"}


def _add(power_list, row: str, entries, first: int, added_on: date | None) -> None:
    for n, (category, name) in enumerate(entries, start=first):
        services.save_item(
            power_list,
            code=f"{_PREFIX[row]}-{n:03d}",
            name=name,
            category=category,
            online=category in (C.PUBLIC_SERVICE, C.BENEFIT),
            legal_basis="《中华人民共和国就业促进法》《中华人民共和国社会保险法》《劳动保障监察条例》",
            added_on=added_on,
        )


def _enter_decisions(power_list: PowerList, year: int) -> None:
    """Spread each row's total evenly over its items in force and enter the shares by hand."""
    rows = {"licensing": [C.LICENSING], "penalty": [C.PENALTY], "coercion": [C.COERCION]}
    rows["other_services"] = [c for c in C if c not in (C.LICENSING, C.PENALTY, C.COERCION)]
    for row, total in DECISIONS[year].items():
        items = list(
            power_list.items.filter(category__in=rows[row], removed_on__isnull=True).order_by("code")
        )
        left = total
        for n, item in enumerate(items):
            share = left // (len(items) - n)
            if share:
                services.enter_decisions(item, share)
            left -= share


def _year_2019(agency: Agency) -> None:
    power_list = services.start_year(agency, 2019)
    _add(power_list, "licensing", [(C.LICENSING, n) for n in LICENSING_2019], 1, None)
    _add(power_list, "other_services", SERVICES_2019, 1, None)
    _add(power_list, "penalty", [(C.PENALTY, n) for n in PENALTY_2019], 1, None)
    _enter_decisions(power_list, 2019)


def _year_2020(agency: Agency) -> None:
    power_list = services.start_year(agency, 2020)
    _add(power_list, "licensing", [(C.LICENSING, n) for n in LICENSING_2020], 2, date(2020, 3, 1))
    _add(power_list, "other_services", SERVICES_2020, 23, date(2020, 6, 1))
    _add(power_list, "penalty", [(C.PENALTY, n) for n in PENALTY_2020], 25, date(2020, 9, 1))
    _enter_decisions(power_list, 2020)


def _later_year(agency: Agency, year: int) -> None:
    power_list = services.start_year(agency, year)
    change = CHANGES[year]
    for category, code, name, added in change["add"]:
        services.save_item(
            power_list, code=code, name=name, category=category, added_on=date.fromisoformat(added)
        )
    for code, removed in change["remove"]:
        item = power_list.items.get(code=code)
        services.save_item(power_list, item, removed_on=date.fromisoformat(removed))
    _enter_decisions(power_list, year)


def load() -> None:
    """Create what is missing of the demo agency's lists (2019–2025) and cases."""
    agency = Agency.objects.get(code=AGENCY)
    for year in range(2019, 2026):
        if PowerList.objects.filter(agency=agency, year=year).exists():
            continue
        if year == 2019:
            _year_2019(agency)
        elif year == 2020:
            _year_2020(agency)
        else:
            _later_year(agency, year)
    for case in CASES:
        if not AppealCase.objects.filter(agency=agency, case_number=case["case_number"]).exists():
            services.save_case(agency, **case)
