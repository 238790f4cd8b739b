"""Who and when: year, agency (and whether it is a government or a department), deadline, title checks."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from gongkai.core.report import deadlines
from gongkai.core.report.model import INFO, Finding

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_REPORT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?\s*(?:政府)?(?:信息公开|政务公开)")
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TITLE_TAIL = re.compile(r"((?:19|20)\d{2}\s*年度?)?\s*(?:政府信息公开|政务公开|信息公开).*$")


def title_year(title: str | None) -> int | None:
    match = _YEAR_IN_TITLE.search(title or "")
    return int(match.group(1)) if match else None


def body_year(text: str, published_on: date | None) -> int | None:
    """The year the body reports on: `2020年政府信息公开…`, else the most frequent year, else publication − 1."""
    match = _REPORT_YEAR.search(text[:3000])
    if match:
        return int(match.group(1))
    years = Counter(int(y) for y in _ANY_YEAR.findall(text))
    if published_on:
        years = Counter({y: n for y, n in years.items() if y < published_on.year + 1})
    if years:
        return years.most_common(1)[0][0]
    return published_on.year - 1 if published_on else None


def title_agency(title: str | None) -> str | None:
    if not title:
        return None
    agency = _TITLE_TAIL.sub("", title).strip()
    return agency or None


def crawled_agency(name: str | None) -> str | None:
    """The publisher named by a crawler's line, when it names an agency rather than a website."""
    name = re.sub(r"\s+", "", name or "")
    if not name or len(name) > 40 or re.search(r"网站|门户|网$|平台|频道|栏目", name):
        return None
    return name


def agency_kind(agency: str | None) -> str | None:
    """``government``, ``department`` or ``None``: the level read from how the name ends (deadlines.py)."""
    return deadlines.level_from_name(agency)


def check_late(year: int | None, published_on: date | None, kind: str | None, guessed: bool) -> list[Finding]:
    """``late`` against the statutory date; when no 发布日期 or 落款日期 was found, a ``deadline`` info (a code
    outside the spec's table, built with its severity) that says lateness could not be checked."""
    if year is not None and published_on is None:
        due = deadlines.statutory_date(year, kind)
        return [
            Finding(
                "deadline",
                INFO,
                "发布日期",
                f"未找到发布日期或落款日期，无法核对是否逾期公开（{year}年度报告应于"
                f"{due.year}年{due.month}月{due.day}日前公开，条例第四十九条）",
            )
        ]
    return deadlines.late_findings(year, published_on, kind, where="落款日期", guessed=guessed)


def check_title(title: str | None, year: int | None, agency: str | None) -> list[Finding]:
    if not title:
        return [Finding.make("title", "标题", "未找到报告标题（应为“××××年政府信息公开工作年度报告”）")]
    problems = []
    found_year = title_year(title)
    if found_year is None:
        problems.append("标题中没有年份")
    elif year is not None and found_year != year:
        problems.append(f"标题年份 {found_year} 与正文所报告的年度 {year} 不一致")
    if agency and not _names_agency(title, agency):
        problems.append(f"标题未写明发布机关（落款为“{agency}”）")
    elif not title_agency(title):
        problems.append("标题中没有机关名称")
    if not problems:
        return []
    return [Finding.make("title", "标题", "；".join(problems), title)]


def _names_agency(title: str, agency: str) -> bool:
    core = re.sub(r"^.*?(?:市|县|区|省|州|旗)", "", agency) or agency
    return agency in title or core in title
