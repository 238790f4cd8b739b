"""When the annual report must be published (条例第四十九条), and the `late` finding — one definition for the
platform's own reports and for the auditor.

A department of a county-level-or-higher government publishes its report by 31 January; the government's
consolidated report is published by 31 March. A zone committee (开发区、高新区、新区、综合实验区 … 管委会) that
publishes its own consolidated report is due on 31 March like a government; a bureau under it (…管委会经济发展局,
片区管理局) on 31 January like a department.

The platform knows each agency's level. The auditor has only a name, so it reads the level from how the name
ends (`level_from_name`) and says when it could not tell: then the report is judged against the later date and
the doubt is a ``deadline`` info note — a guess never produces an error, nor a ``late`` of any severity.
"""

from __future__ import annotations

import re
from datetime import date

from gongkai.core.report.model import INFO, Finding

GOVERNMENT = "government"
DEPARTMENT = "department"
LEVEL_NAMES = {
    GOVERNMENT: "人民政府（含开发区、新区等管委会）的本级年度报告",
    DEPARTMENT: "政府部门",
}

_SPACES = re.compile(r"\s+")
# the unit that ends a name decides: 人民政府办公室 is a department of a government, 管委会经济发展局 a bureau
_DEPARTMENT_END = re.compile(
    r"(?:局|厅|办公室|办|委员会|委|中心|署|处|院|所|站|队|室|社|馆|会|部|司|科)(?:[（(][^）)]*[）)])?$"
)
_GOVERNMENT_END = re.compile(
    r"(?:[省市县区州盟旗]人民政府|自治[区州县旗]人民政府|行政公署|市政府|县政府|区政府)$"
)
_TOWNSHIP = re.compile(r"(?:乡|镇|街道|苏木)(?:人民政府|政府|办事处)$")
_ZONE_COMMITTEE = re.compile(
    r"(?:开发区|高新区|新区|实验区|试验区|示范区|合作区|园区|经开区|保税区|自贸区|片区|新城|度假区|港区|工业区)"
    r"(?:党工委)?(?:管委会|管理委员会)$"
)


def level_from_name(agency: str | None) -> str | None:
    """``government``, ``department`` or ``None`` (cannot be told) from an agency's name."""
    name = _SPACES.sub("", agency or "").rstrip("。.，,")
    if not name:
        return None
    if _TOWNSHIP.search(name):
        return None  # a township's report: 第四十九条 names no date of its own
    if _ZONE_COMMITTEE.search(name) or _GOVERNMENT_END.search(name):
        return GOVERNMENT
    if name.endswith(("管委会", "管理委员会")):
        return None  # a committee of an unnamed kind: a zone's (March) or a department's
    if _DEPARTMENT_END.search(name):
        return DEPARTMENT
    return None


def statutory_date(year: int, level: str | None) -> date:
    """The last day to publish the report for ``year``: 31 March for a government's, 31 January for any other
    known level, and the later date (31 March) when the level is unknown."""
    if level in (GOVERNMENT, None):
        return date(year + 1, 3, 31)
    return date(year + 1, 1, 31)


def late_findings(
    year: int | None,
    published_on: date | None,
    level: str | None,
    *,
    where: str,
    guessed: bool = False,
) -> list[Finding]:
    """``late`` (an error) when ``published_on`` is after the statutory date; when the level is unknown and the
    report falls between the two dates, a ``deadline`` info (not ``late``: the report is not late by the rule
    applied; a code outside the spec's table, so it is built here with its severity) that says it was judged
    against the later one. ``guessed``
    says the level was read from the name, which the message then states."""
    if year is None or published_on is None:
        return []
    due = statutory_date(year, level)
    if published_on > due:
        note = f"（机关层级根据名称推断为{LEVEL_NAMES[level]}）" if guessed and level else ""
        if level is None:
            note = "（机关层级无法从名称判断，已按较晚的3月31日判断）"
        return [
            Finding.make(
                "late",
                where,
                f"{year}年度报告应于{_day(due)}前公开（条例第四十九条），实际公开日期为{_day(published_on)}，"
                f"逾期{(published_on - due).days}天{note}",
                published_on.isoformat(),
            )
        ]
    early = statutory_date(year, DEPARTMENT)
    if level is None and published_on > early:
        return [
            Finding(
                "deadline",
                INFO,
                where,
                f"无法从名称判断机关层级，按人民政府本级报告的期限{_day(due)}判断，未逾期；"
                f"如为政府部门的报告，应于{_day(early)}前公开（实际公开日期为{_day(published_on)}）",
                published_on.isoformat(),
            )
        ]
    return []


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
