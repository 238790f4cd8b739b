"""Checks on the prose: leftover template text, misprints, sections, content the law requires, sameness."""

from __future__ import annotations

import re
from functools import lru_cache

from gongkai.core.report import formats
from gongkai.core.report.formats import KNOWN_MISPRINTS, SECTIONS, TEMPLATE_TEXT_PATTERNS
from gongkai.core.report.model import Finding, Section

from .normalize import compact
from .structure import Heading

_EXTRA_TEMPLATE_TEXT = (
    re.compile(r"[（(]\s*建议咨询.{0,40}?填报\s*[）)]"),
    re.compile(r"[（(]\s*文字描述[^）)]{0,40}[）)]"),
    re.compile(r"此项为历年公开的累计数[^0-9]{0,80}"),
)
_TEMPLATE_TEXT = (*_EXTRA_TEMPLATE_TEXT, *TEMPLATE_TEXT_PATTERNS)
_ANY_TEMPLATE_TEXT = re.compile("|".join(f"(?:{p.pattern})" for p in _TEMPLATE_TEXT))
_DUPLICATED = re.compile(r"(工作|公开|信息|情况|政府|申请|管理|进一步|服务|制度|建设)\1")


def template_text(text: str) -> list[str]:
    """The pieces of template text found in `text`, longest first, without overlaps."""
    result: list[str] = []
    for line in text.split("\n"):
        if not _ANY_TEMPLATE_TEXT.search(line):
            continue
        spans: list[tuple[int, int]] = []
        for pattern in _TEMPLATE_TEXT:
            for match in pattern.finditer(line):
                if match.end() - match.start() >= 4:
                    spans.append((match.start(), match.end()))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        end = -1
        for start, stop in spans:
            if start >= end:
                result.append(line[start:stop].strip())
                end = stop
    return [r for r in result if r]


def strip_template_text(text: str) -> str:
    for piece in template_text(text):
        text = text.replace(piece, "")
    return text.strip()


def template_text_findings(where: str, text: str) -> list[Finding]:
    return list(_template_text_findings(where, text))


@lru_cache(maxsize=4096)  # labels and stock sentences recur in every report
def _template_text_findings(where: str, text: str) -> tuple[Finding, ...]:
    return tuple(
        Finding.make("template-text", where, f"{where} 中保留了模板的说明文字，发布前应删除", piece)
        for piece in template_text(text)
    )


def typo_findings(where: str, text: str) -> list[Finding]:
    return list(_typo_findings(where, text))


@lru_cache(maxsize=4096)
def _typo_findings(where: str, text: str) -> tuple[Finding, ...]:
    found = []
    seen: set[str] = set()
    for wrong, right in KNOWN_MISPRINTS.items():
        if wrong in text and wrong not in seen:
            seen.add(wrong)
            found.append(
                Finding.make("typo", where, f"{where} 中“{wrong}”应为“{right}”", _context(text, wrong))
            )
    for match in _DUPLICATED.finditer(text):
        if match.group(0) not in seen:
            seen.add(match.group(0))
            found.append(
                Finding.make(
                    "typo", where, f"{where} 中“{match.group(0)}”重复", _context(text, match.group(0))
                )
            )
    return tuple(found)


def _context(text: str, word: str) -> str:
    index = text.find(word)
    return text[max(0, index - 8) : index + len(word) + 8]


def section_findings(headings: list[Heading], sections: list[Section]) -> list[Finding]:
    """section-missing, section-numbering (wrong numeral or order) and section-heading (deviating wording)."""
    findings = []
    by_key = {h.key: h for h in headings if h.key}
    last_order = -1
    for spec in SECTIONS:
        heading = by_key.get(spec.key)
        if heading is None:
            instead = next((h for h in headings if h.key is None and h.number == spec.number), None)
            extra = f"；该位置是“{instead.line}”" if instead else ""
            findings.append(
                Finding.make(
                    "section-missing",
                    spec.title,
                    f"缺少第{spec.number}部分“{spec.title}”{extra}",
                    instead.line if instead else None,
                )
            )
            continue
        if heading.number != spec.number or heading.separator not in ("、",):
            written = f"{heading.number}{heading.separator}" if heading.number else "（无编号）"
            findings.append(
                Finding.make(
                    "section-numbering",
                    spec.title,
                    f"“{spec.heading}”的编号写为“{written.strip()}”，应为“{spec.number}、”",
                    heading.line,
                )
            )
        position = [h.key for h in headings if h.key].index(spec.key)
        if position < last_order:
            findings.append(
                Finding.make("section-numbering", spec.title, f"第{spec.number}部分的顺序不对", heading.line)
            )
        last_order = max(last_order, position)
        wording = compact(strip_template_text(heading.text)).rstrip("。")
        if wording != compact(spec.heading):
            variant = wording in {compact(v) for v in spec.variants}
            note = "（常见的变体写法）" if variant else ""
            findings.append(
                Finding.make(
                    "section-heading",
                    spec.title,
                    f"标题“{heading.text}”与模板“{spec.heading}”不一致{note}",
                    heading.text,
                )
            )
    return findings


def empty_section_findings(sections: list[Section]) -> list[Finding]:
    findings = []
    for spec in SECTIONS:
        if not spec.prose:
            continue
        found = next((s for s in sections if s.key == spec.key and s.found), None)
        if found is None:
            continue
        if len(compact(strip_template_text(found.text))) < 4:
            findings.append(
                Finding.make(
                    "section-empty",
                    spec.title,
                    f"“{spec.title}”没有内容" + ("（只有模板的说明文字）" if found.text.strip() else ""),
                    found.text.strip() or None,
                )
            )
    return findings


def content_findings(sections: list[Section], kind: str | None, guessed: bool) -> list[Finding]:
    findings = []
    problems = next((s for s in sections if s.key == "problems" and s.found), None)
    has_text = problems is not None and problems.text.strip()
    if kind == "government" and has_text and not re.search(r"考核|评议|责任追究", problems.text):
        note = "（机关类型根据名称推断）" if guessed else ""
        findings.append(
            Finding.make(
                "content-missing",
                formats.section("problems").title,
                f"人民政府的年度报告应在第五部分说明工作考核、社会评议和责任追究结果情况，未找到{note}",
            )
        )
    other = next((s for s in sections if s.key == "other" and s.found), None)
    if (
        other is not None
        and other.text.strip()
        and not re.search(r"信息处理费|收费|收取.{0,10}费", other.text)
    ):
        findings.append(
            Finding.make(
                "content-missing",
                formats.section("other").title,
                "第六部分未说明本年度收取信息处理费的情况（收取的金额和件数，或未收取的说明）",
            )
        )
    return findings


_SENTENCE = re.compile(r"[^。！？；!?;\n]+")


def sentences(text: str) -> list[str]:
    return [s for s in (compact(m.group(0)) for m in _SENTENCE.finditer(text)) if len(s) >= 8]


def similarity_findings(
    sections: list[Section], previous_sections: list[Section], previous_year
) -> list[Finding]:
    now = [s for sec in sections for s in sentences(sec.text)]
    before = {s for sec in previous_sections for s in sentences(sec.text)}
    if len(now) < 5 or not before:
        return []
    same = sum(1 for s in now if s in before)
    share = same / len(now)
    if share < 0.5:
        return []
    year = f"{previous_year}年" if previous_year else "上一年度"
    return [
        Finding.make(
            "similar-to-previous",
            "全文",
            f"正文 {len(now)} 句中有 {same} 句（{share:.0%}）与{year}报告完全相同",
            f"{share:.0%}",
        )
    ]
