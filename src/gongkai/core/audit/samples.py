"""Random annual reports with realistic, identity-consistent figures, for the flattening harness and the benchmark.

Figures follow what published reports show rather than a uniform spread: most agencies receive a handful of
applications, a few receive thousands; natural persons dominate, research institutes and public-interest
organisations rarely apply; most result rows are zero; appeals are few. Agencies are of every level the
deadline rule distinguishes (governments, zone committees, departments, a zone committee's bureaux), and each
report is published on a date its level allows.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from gongkai.core.report.deadlines import DEPARTMENT, GOVERNMENT, statutory_date
from gongkai.core.report.formats import APPEAL_GROUPS, APPLICANT_COLUMN_KEYS, get_template
from gongkai.core.report.model import AnnualReport

_PLACES = (
    "淮安市",
    "盐城市洪泽区",
    "宿迁市",
    "黄山市",
    "清远市",
    "赣州市南康区",
    "泰州市",
    "六安市",
    "铜仁市",
)
_DEPARTMENTS = (
    "市场监督管理局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "生态环境局",
    "住房和城乡建设局",
    "卫生健康委员会",
    "发展和改革委员会",
    "人民政府办公室",
    "教育局",
    "交通运输局",
)
_ZONES = ("经济技术开发区", "高新技术产业开发区", "综合实验区", "新区")
# share of applications per applicant column
_APPLICANTS = {
    "natural_person": 0.82,
    "commercial": 0.1,
    "research": 0.01,
    "public_interest": 0.01,
    "legal_services": 0.04,
    "other_org": 0.02,
}


def agency(rng: random.Random) -> tuple[str, str]:
    """A name and its level, across the kinds of agency that publish reports."""
    place = rng.choice(_PLACES)
    kind = rng.random()
    if kind < 0.2:
        return f"{place}人民政府", GOVERNMENT
    zone = f"{place.rstrip('市')}{rng.choice(_ZONES)}"
    if kind < 0.3:
        return f"{zone}管委会", GOVERNMENT
    if kind < 0.4:
        return f"{zone}管委会{rng.choice(_DEPARTMENTS[:5])}", DEPARTMENT
    return f"{place}{rng.choice(_DEPARTMENTS)}", DEPARTMENT


def _applications(rng: random.Random, government: bool) -> int:
    scale = rng.choice((0, 1, 3, 8, 20, 60)) if not government else rng.choice((20, 80, 300, 1500))
    return int(rng.expovariate(1 / scale)) if scale else 0


def _results(rng: random.Random, spec, handled: int) -> dict[str, int]:
    rows = spec.result_row_keys
    weights = [12 if r == "granted" else 5 if r in ("partial", "unavailable.not_held") else 1 for r in rows]
    counts = dict.fromkeys(rows, 0)
    for row in rng.choices(rows, weights, k=handled):
        counts[row] += 1
    return counts


def random_report(rng: random.Random, number: int = 0) -> AnnualReport:
    """One report of either template, figures consistent with I1–I3 and T4."""
    template = rng.choice(("2019", "2021"))
    year = rng.choice((2019, 2020)) if template == "2019" else rng.randint(2021, 2024)
    spec = get_template(template)
    name, level = agency(rng)
    government = level == GOVERNMENT
    total = _applications(rng, government)
    requests: dict[str, dict[str, int]] = {row: {} for row in spec.request_row_keys}
    for column in APPLICANT_COLUMN_KEYS:
        share = _APPLICANTS[column]
        handled = sum(1 for _ in range(total) if rng.random() < share) if total < 400 else int(total * share)
        carried_over = rng.randint(0, max(0, handled // 10))
        carried_forward = rng.randint(0, max(0, handled // 8))
        handled = max(handled, carried_over)
        for row, value in _results(rng, spec, handled).items():
            requests[row][column] = value
        requests["carried_over"][column] = carried_over
        requests["carried_forward"][column] = carried_forward
        requests["new"][column] = handled + carried_forward - carried_over
    scale = 40 if government else 3
    appeals = {
        f"{g.key}.{c}": int(rng.expovariate(1 / scale)) if rng.random() < 0.5 else 0
        for g in APPEAL_GROUPS
        for c in ("upheld", "corrected", "other", "pending")
    }
    due = statutory_date(year, level)
    published = due - timedelta(days=rng.randint(0, 40 if government else 28))
    if rng.random() < 0.05:
        published = due + timedelta(days=rng.randint(1, 60))
    return AnnualReport.from_figures(
        template,
        year,
        name,
        agency_kind=level,
        published_on=published,
        proactive=_proactive(rng, spec, government),
        requests={r: c for r, c in requests.items() if r != "total"},
        appeals=appeals,
        title=_title(rng, name, year),
        prose=_prose(rng, year, government, sum(requests["new"].values())),
    )


def _proactive(rng: random.Random, spec, government: bool) -> dict:
    figures = {}
    for cell in spec.proactive_cells:
        row, column = cell.key.split(".")
        if cell.decimal:
            value = Decimal(int(rng.expovariate(1 / (2000 if government else 30)) * 100)) / 100
            figures[cell.key] = value.normalize() if value else Decimal(0)
        elif cell.signed:
            figures[cell.key] = rng.choice((0, 0, 0, rng.randint(-30, 40)))
        elif row in ("rules",):
            figures[cell.key] = rng.choice((0, 0, 0, rng.randint(0, 6)))
        elif column in ("decisions",) or row == "procurement":
            figures[cell.key] = int(rng.expovariate(1 / rng.choice((5, 200, 5000, 80000))))
        else:
            figures[cell.key] = int(rng.expovariate(1 / rng.choice((2, 15, 60))))
    return figures


def _title(rng: random.Random, name: str, year: int) -> str:
    return rng.choice(
        (
            f"{name}{year}年政府信息公开工作年度报告",
            f"{name}{year}年度政府信息公开工作年度报告",
            f"{name}{year}年政府信息公开年度报告",
        )
    )


def _prose(rng: random.Random, year: int, government: bool, received: int) -> dict[str, str]:
    return {
        "overview": (
            f"{year}年，本机关深入贯彻《中华人民共和国政府信息公开条例》，全年收到政府信息公开申请{received}件。\n"
            "（一）主动公开。及时发布政策文件、规划计划和财政信息。\n"
            "（二）依申请公开。严格按照法定期限答复，做到依法规范。\n"
            "（三）政府信息管理。严格执行公开前保密审查和复核、审核制度。"
        ),
        "problems": "一是信息发布的及时性有待提高；二是政策解读形式较为单一。改进情况：建立发布台账，丰富解读形式。"
        + ("全年开展政务公开工作考核和社会评议，未发生责任追究情形。" if government else ""),
        "other": rng.choice(("本年度未收取信息处理费。", "本年度收取信息处理费0.02万元，涉及申请1件。"))
        + "\n按照年度政务公开工作要点的要求，逐项落实了各项工作任务。",
    }
