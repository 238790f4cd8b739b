"""Realistic clean annual reports for tests: rendered and read back by the auditor's tests, checked by ours.

Import with ``from report_samples import ...`` (pytest puts tests/core on the path). Every builder returns a new
report, so tests may mutate what they get.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.core.report.formats import APPLICANT_COLUMN_KEYS, REQUEST_COLUMN_KEYS, get_template
from gongkai.core.report.model import AnnualReport

JINGKAI_AGENCY = "经开区人力资源和社会保障局"

JINGKAI_PROSE = {
    "overview": (
        "2020年，我局认真贯彻《中华人民共和国政府信息公开条例》，成立由主要负责同志任组长的政务公开工作领导小组，"
        "明确一名分管负责同志和专人负责政府信息公开工作。\n"
        "（一）主动公开。全年梳理调整权责事项，由上年的23项调整为42项，其中行政许可7项、其他对外管理服务事项35项；"
        "全年作出其他对外管理服务事项处理决定100290件，作出行政处罚决定32件。\n"
        "（二）依申请公开。全年未收到政府信息公开申请，无上年结转申请。\n"
        "（三）政府信息管理。新文件由承办科室采集，分管负责同志复核、主要负责同志审核后公开，"
        "公开前均经保密审查，并定期对已公开信息进行更新和清理。\n"
        "（四）平台建设。依托区政府门户网站政府信息公开专栏发布信息，做到发布准确、更新及时。\n"
        "（五）监督保障。建立信息发布、审核、监督、投诉、维护清理、保密审查等工作制度，责任落实到人。"
    ),
    "proactive": "",
    "requests": "",
    "appeals": "",
    "problems": (
        "政务公开工作起步时间较短，存在政策掌握不够全面、业务不够熟练的问题。我局通过集中学习和业务培训加强政策掌握，"
        "并与其他部门、其他区交流工作经验，上述问题已基本解决。"
    ),
    "other": (
        "本年度未收取信息处理费。\n"
        "我局按照年度政务公开工作要点的要求，逐项落实了权责事项梳理、办事指南更新等工作任务。"
    ),
}


def jingkai_2020() -> AnnualReport:
    """The sample agency's 2020 report as it should have been published: 2019 template, the sample's figures
    (shared/samples/README.md) with the totals filled in, no template text, dated 2021-01-27."""
    return AnnualReport.from_figures(
        "2019",
        2020,
        JINGKAI_AGENCY,
        agency_kind="department",
        published_on=date(2021, 1, 27),
        proactive={
            "licensing.prev_items": 1,
            "licensing.change": 6,
            "licensing.decisions": 0,
            "other_services.prev_items": 22,
            "other_services.change": 13,
            "other_services.decisions": 100290,
            "penalty.prev_items": 24,
            "penalty.change": 8,
            "penalty.decisions": 32,
        },
        prose=JINGKAI_PROSE,
    )


HUAIAN_AGENCY = "淮安市示范区市场监督管理局"

# Table 三 of the 2021 sample, by column: non-zero cells only; totals are derived.
REQUESTS_2021: dict[str, dict[str, int]] = {
    "natural_person": {
        "new": 74,
        "carried_over": 1,
        "granted": 30,
        "partial": 10,
        "withheld.third_party": 2,
        "withheld.process_info": 3,
        "unavailable.not_held": 15,
        "not_processed.repeated": 3,
        "other.no_correction": 2,
        "other.misc": 5,
        "carried_forward": 5,
    },
    "commercial": {
        "new": 12,
        "granted": 6,
        "partial": 2,
        "withheld.enforcement_file": 1,
        "unavailable.not_held": 3,
    },
    "research": {"new": 2, "granted": 2},
    "public_interest": {"new": 1, "unavailable.needs_creation": 1},
    "legal_services": {
        "new": 5,
        "carried_over": 1,
        "granted": 2,
        "partial": 1,
        "not_processed.petition": 1,
        "unavailable.unclear_after_correction": 1,
        "carried_forward": 1,
    },
    "other_org": {"new": 3, "granted": 1, "other.unpaid_fee": 1, "carried_forward": 1},
}

PROSE_2021 = {
    "overview": (
        "2022年，我局坚持以公开为常态、不公开为例外，扎实做好政府信息公开工作。\n"
        "（一）主动公开。全年制发行政规范性文件4件，废止1件，现行有效27件；作出行政许可决定1532件、"
        "行政处罚决定87件、行政强制决定5件。\n"
        "（二）依申请公开。全年收到政府信息公开申请97件，上年结转2件；办结92件，结转下年度继续办理7件。\n"
        "（三）政府信息管理。严格执行公开前保密审查和复核、审核制度，定期清理过时信息。\n"
        "（四）平台建设。完善政府信息公开专栏，及时更新公开指南和公开目录。\n"
        "（五）监督保障。将政务公开纳入年度工作考核，全年开展业务培训2次。"
    ),
    "proactive": "",
    "requests": "",
    "appeals": "",
    "problems": (
        "一是部分科室对依申请公开答复的规范性把握不够；二是政策解读形式较为单一。"
        "改进情况：组织答复文书集中评查，统一答复格式；增加图解、问答等解读形式。"
    ),
    "other": (
        "本年度收取信息处理费0.06万元，涉及申请1件。\n"
        "我局按照本年度政务公开工作要点的要求，逐项落实了各项工作任务。"
    ),
}


def requests_2021() -> dict[str, dict[str, int]]:
    """Table 三 of the 2021 sample by row then column, zeros filled, totals derived (I1–I3 hold)."""
    spec = get_template("2021")
    rows: dict[str, dict[str, int]] = {}
    for row in spec.request_row_keys:
        if row == "total":
            continue
        cols = {c: REQUESTS_2021[c].get(row, 0) for c in APPLICANT_COLUMN_KEYS}
        cols["total"] = sum(cols.values())
        rows[row] = cols
    rows["total"] = {c: sum(rows[r][c] for r in spec.result_row_keys) for c in REQUEST_COLUMN_KEYS}
    return rows


def city_department_2022() -> AnnualReport:
    """A 2021-template report with non-zero, identity-consistent figures in every table."""
    return AnnualReport.from_figures(
        "2021",
        2022,
        HUAIAN_AGENCY,
        agency_kind="department",
        published_on=date(2023, 1, 20),
        proactive={
            "rules.issued": 0,
            "rules.repealed": 0,
            "rules.in_force": 0,
            "normative_documents.issued": 4,
            "normative_documents.repealed": 1,
            "normative_documents.in_force": 27,
            "licensing.decisions": 1532,
            "penalty.decisions": 87,
            "coercion.decisions": 5,
            "fees.amount": Decimal("12.35"),
        },
        requests=requests_2021(),
        appeals={
            "review.upheld": 2,
            "review.corrected": 1,
            "review.pending": 1,
            "litigation_direct.upheld": 1,
            "litigation_direct.pending": 1,
            "litigation_after_review.upheld": 1,
        },
        prose=PROSE_2021,
    )


def city_department_2023() -> AnnualReport:
    """The same agency's next year: its 上年结转 equal 2022's 结转下年度 (C1 holds)."""
    previous = city_department_2022()
    carried = {c: previous.value("requests", "carried_forward", c) for c in APPLICANT_COLUMN_KEYS}
    new = {
        "natural_person": 60,
        "commercial": 9,
        "research": 0,
        "public_interest": 2,
        "legal_services": 4,
        "other_org": 1,
    }
    requests = {}
    for col in APPLICANT_COLUMN_KEYS:
        handled = new[col] + carried[col]
        requests.setdefault("new", {})[col] = new[col]
        requests.setdefault("carried_over", {})[col] = carried[col]
        requests.setdefault("granted", {})[col] = handled - handled // 3
        requests.setdefault("unavailable.not_held", {})[col] = handled // 3
        requests.setdefault("carried_forward", {})[col] = 0
    prose = dict(PROSE_2021)
    prose["overview"] = (
        "2023年，我局继续做好政府信息公开工作，全年收到政府信息公开申请76件，上年结转7件，全部办结。"
    )
    return AnnualReport.from_figures(
        "2021",
        2023,
        HUAIAN_AGENCY,
        agency_kind="department",
        published_on=date(2024, 1, 25),
        proactive={"licensing.decisions": 1410, "penalty.decisions": 64, "fees.amount": Decimal("0")},
        requests=requests,
        prose=prose,
    )


def consolidate(name: str, children: list[AnnualReport]) -> AnnualReport:
    """A government's consolidated report whose every cell is the sum of ``children``'s (H1 holds)."""
    first = children[0]
    spec = first.spec

    def total(table: str, key: str, column: str | None = None):
        return sum(child.value(table, key, column) for child in children)

    return AnnualReport.from_figures(
        first.template,
        first.year,
        name,
        agency_kind="government",
        proactive={k: total("proactive", k) for k in spec.proactive_keys},
        requests={
            r: {c: total("requests", r, c) for c in REQUEST_COLUMN_KEYS} for r in spec.request_row_keys
        },
        appeals={k: total("appeals", k) for k in spec.appeal_keys},
        prose=first_prose(first),
    )


def first_prose(report: AnnualReport) -> dict[str, str]:
    return {s.key: s.text for s in report.sections}
