"""Find the report's skeleton: title, section headings (with their numbering), signature and date.

Headings are recognised by their words, not their position or numbering, so that a heading numbered `4、`
is still section 四; the numbering is then checked against the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from gongkai.core.report.formats import SECTIONS

from .document import Paragraph
from .normalize import CHINESE_NUMERALS, compact

_HEADING = re.compile(
    r"^\s*(?P<number>[一二三四五六七八九十]{1,2}|[0-9０-９]{1,2})\s*(?P<sep>[、.．，,:：]|\s)\s*(?P<rest>\S.*)$"
)
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "overview": ("总体情况", "基本情况", "概述"),
    "proactive": ("主动公开政府信息", "主动公开情况"),
    "requests": ("收到和处理政府信息公开申请", "收到和处理", "依申请公开情况", "依申请公开政府信息情况"),
    "appeals": ("行政复议",),
    "problems": ("存在的主要问题", "主要问题", "存在问题"),
    "other": ("其他需要报告的事项", "其他需要报告", "其它需要报告"),
}
# every heading holds one of the words: one search for them all passes over the many lines that hold none
_ANY_KEYWORD = re.compile("|".join(re.escape(w) for words in _KEYWORDS.values() for w in words))
MAX_HEADING = 80
_SPACED_DIGITS = re.compile(r"\d\s+\d")
_DIGIT_OR_STOP = re.compile(r"[\d，。；]")
_PARENTHESES = re.compile(r"[（(][^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]")


@dataclass
class Heading:
    index: int  # position in the blocks
    key: str | None  # section key, None for a numbered heading of no known section
    number: str  # as written: 一, 4, "" when absent
    separator: str
    text: str  # the heading without its number
    line: str  # the whole line


@lru_cache(maxsize=4096)
def section_key(rest: str) -> str | None:
    text = compact(_PARENTHESES.sub("", rest))
    if not _ANY_KEYWORD.search(text):
        return None
    for key, words in _KEYWORDS.items():
        if any(text.startswith(w) or (w in text and len(text) <= 40) for w in words):
            if key == "appeals" and "诉讼" not in text:
                continue
            return key
    return None


def find_headings(blocks: list) -> list[Heading]:
    """Known section headings, then unknown numbered headings that follow the last known one."""
    headings: list[Heading] = []
    unknown: list[Heading] = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or len(block.text) > MAX_HEADING:
            continue
        text = block.text.strip()
        match = _HEADING.match(text)
        if match:
            rest = match.group("rest").strip()
            key = section_key(rest)
            number = match.group("number")
            if key and not _SPACED_DIGITS.search(rest):
                headings.append(Heading(index, key, number, match.group("sep"), rest, text))
            elif (
                number in CHINESE_NUMERALS
                and match.group("sep") == "、"
                and 2 <= len(rest) <= 25
                and not _DIGIT_OR_STOP.search(rest)
            ):
                unknown.append(Heading(index, None, number, "、", rest, text))
        else:
            key = section_key(text)
            if key and len(compact(text)) <= 30 and _is_plain_heading(text, key):
                headings.append(Heading(index, key, "", "", text, text))
    headings = _first_of_each(headings)
    last = max((h.index for h in headings), default=-1)
    numbers_seen = {h.number for h in headings}
    for heading in unknown:
        if heading.index > last and heading.number not in numbers_seen:
            headings.append(heading)
            numbers_seen.add(heading.number)
    return sorted(headings, key=lambda h: h.index)


def _is_plain_heading(text: str, key: str) -> bool:
    spec = next(s for s in SECTIONS if s.key == key)
    flat = compact(text)
    return flat in (compact(spec.heading), *(compact(v) for v in spec.variants))


def _first_of_each(headings: list[Heading]) -> list[Heading]:
    seen: set[str] = set()
    result = []
    for heading in headings:
        if heading.key in seen:
            continue
        seen.add(heading.key)
        result.append(heading)
    return result


_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[年\-/.．]\s*(?P<m>\d{1,2})\s*[月\-/.．]\s*(?P<d>\d{1,2})\s*日?")
_CN_DATE = re.compile(
    r"(?P<y>[〇零一二三四五六七八九○Ｏ0]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
_PUBLISHED = re.compile(r"(?:发布|公开|成文|印发)(?:日期|时间)\s*[:：]?\s*")


def parse_date(text: str) -> date | None:
    """A date in `2021年1月27日`, `2021-01-27`, `二〇二一年一月二十七日` form, or None."""
    match = _DATE.search(text)
    if match:
        try:
            return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            return None
    match = _CN_DATE.search(text)
    if match:
        digits = {
            "〇": 0,
            "零": 0,
            "○": 0,
            "Ｏ": 0,
            "0": 0,
            **{k: v for k, v in CHINESE_NUMERALS.items() if v < 10},
        }
        try:
            year = int("".join(str(digits[c]) for c in match.group("y")))
            return date(year, _cn_number(match.group("m")), _cn_number(match.group("d")))
        except (KeyError, ValueError):
            return None
    return None


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CHINESE_NUMERALS[text[1]]
    if text.endswith("十"):
        return CHINESE_NUMERALS[text[0]] * 10
    if "十" in text:
        return CHINESE_NUMERALS[text[0]] * 10 + CHINESE_NUMERALS[text[2]]
    return CHINESE_NUMERALS[text]


@dataclass
class Ending:
    """The signature block at the end: the agency that signs and the date."""

    signature: str | None
    published_on: date | None
    indexes: tuple[int, ...]


def find_ending(blocks: list) -> Ending:
    paragraphs = [(i, b.text.strip()) for i, b in enumerate(blocks) if isinstance(b, Paragraph)]
    for i, text in paragraphs:
        match = _PUBLISHED.search(text)
        if match:
            published = parse_date(text[match.end() :])
            if published:
                return Ending(None, published, (i,))
    tail = paragraphs[-3:]
    for position in range(len(tail) - 1, -1, -1):
        index, text = tail[position]
        if len(text) <= 24 and parse_date(text) and not re.search(r"[，。；]", text):
            signature = None
            used = [index]
            if position > 0:
                prev_index, prev = tail[position - 1]
                if len(prev) <= 30 and not re.search(r"[，。；：:\d]", prev):
                    signature = prev
                    used.insert(0, prev_index)
            return Ending(signature, parse_date(text), tuple(used))
    return Ending(None, None, ())


def find_title(blocks: list, first_heading: int) -> tuple[str | None, list[int]]:
    """The title: the first paragraph mentioning 报告 before the first heading, with an agency line above it."""
    candidates = [
        (i, b.text.strip())
        for i, b in enumerate(blocks[: max(first_heading, 0) if first_heading >= 0 else 8])
        if isinstance(b, Paragraph)
    ][:6]
    for position, (index, text) in enumerate(candidates):
        if "报告" not in text and position + 1 < len(candidates):
            # a title wrapped inside 报告 (a PDF line ends with 报, the next line is 告)
            next_index, following = candidates[position + 1]
            if text.endswith("报") and following.startswith("告") and len(text + following) <= 60:
                return re.sub(r"\s+", "", text + following), [index, next_index]
        if "报告" in text and len(text) <= 60:
            used = [index]
            title = text
            if position > 0:
                prev_index, prev = candidates[position - 1]
                if len(prev) <= 30 and not re.search(r"[，。；：:]", prev):
                    title = prev + text
                    used.insert(0, prev_index)
            if position + 1 < len(candidates):
                next_index, following = candidates[position + 1]
                if len(following) <= 20 and "年度报告" in title + following and not title.endswith("报告"):
                    title += following
                    used.append(next_index)
            return re.sub(r"\s+", "", title), used
    return None, []
