"""The words that structure a report — section headings, table captions, headers and row labels — as regular
expressions that find them anywhere in a text, whatever the widths, brackets, quotes or spaces.

Built once from the templates in core/report/formats.py, as one compiled alternation per purpose, so that a
document is scanned once per purpose instead of once per label.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gongkai.core.report import formats

_VARIANTS = {
    "（": "[（(]",
    "）": "[）)]",
    "(": "[（(]",
    ")": "[）)]",
    ".": "[.．、，,]",
    "、": "[、，,.．]",
    "，": "[，,]",
    "：": "[：:]",
    "/": "[/／]",
    "“": "[“”\"'‘’「」]?",
    "”": "[“”\"'‘’「」]?",
}
_DIGITS = {str(d): f"[{d}{chr(0xFF10 + d)}]" for d in range(10)}
CHINESE_ORDINAL = r"(?:[（(]\s*[一二三四五六七八九十]{1,2}\s*[）)]|[一二三四五六七八九十]{1,2}\s*[、.．，,])"
# one digit only: a run such as `00011.属于…` is `0001` then the ordinal `1.`
ARABIC_ORDINAL = r"(?:\d\s*[.．、，,])"


def fuzzy(text: str) -> str:
    """A pattern for ``text`` that allows whitespace between characters and the usual variant characters."""
    parts = []
    for char in text:
        if char.isspace():
            continue
        parts.append(_VARIANTS.get(char) or _DIGITS.get(char) or re.escape(char))
    return r"\s*".join(parts)


def _strip_number(label: str) -> str:
    return re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)", "", label)


def section_headings() -> list[tuple[str, str]]:
    """(section key, pattern) for every heading wording the template accepts, numbered as in the template."""
    result = []
    for spec in formats.SECTIONS:
        for wording in (spec.heading, *spec.variants):
            result.append((spec.key, f"{spec.number}\\s*[、.．，,]\\s*{fuzzy(wording)}"))
    return result


def table_words() -> list[str]:
    """Captions, headers and labels of tables 二, 三 and 四 in both templates: where a flattened table is cut."""
    words: set[str] = {
        formats.REQUESTS_CORNER,
        formats.APPLICANT_HEADER,
        formats.ORGANISATION_HEADER,
        formats.PROACTIVE_LABEL_HEADER,
        formats.RESULTS_LABEL,
        formats.REVIEW_HEADER,
        formats.LITIGATION_HEADER,
    }
    words |= {c.label for c in formats.REQUEST_COLUMNS}
    words |= {c.label for c in (*formats.APPEAL_GROUPS, *formats.APPEAL_COLUMNS)}
    for spec in formats.TEMPLATES.values():
        for sub in spec.proactive:
            words.add(sub.caption)
            words |= {c.label for c in sub.columns}
            words |= {r.label for r in sub.rows}
        for row in spec.request_rows:
            words.add(row.label)
            if row.group:
                words.add(row.group)
    return sorted(words, key=len, reverse=True)


def label_pattern(label: str) -> str:
    """A row label with its numbering optional and spaces allowed: ``（一）予以公开``, ``5.属于三类内部事务信息``."""
    core = _strip_number(label)
    if core == label:
        return fuzzy(label)
    ordinal = ARABIC_ORDINAL if label[:1].isdigit() else CHINESE_ORDINAL
    if len(core) < 4:
        return fuzzy(label)  # `3.其他`, `（七）总计`: the number is part of what tells the row
    return f"(?:{ordinal}\\s*)?{fuzzy(core)}"


def _word_patterns() -> list[str]:
    """Full labels first (longest first); then the first six characters of long row labels, so that a label
    with a misprint further on (其他法律行政止公开) is still cut at its start."""
    words = table_words()
    patterns = [label_pattern(w) for w in words]
    for word in words:
        core = _strip_number(word)
        if len(core) >= 8 and core != word:
            ordinal = ARABIC_ORDINAL if word[:1].isdigit() else CHINESE_ORDINAL
            patterns.append(f"(?:{ordinal}\\s*)?{fuzzy(core[:6])}")
    return patterns


@lru_cache(maxsize=1)
def flattened_table_words() -> re.Pattern[str]:
    """Every table word, numbering included, as one alternation (full labels before their prefixes)."""
    return re.compile("|".join(f"(?:{p})" for p in _word_patterns()))


@lru_cache(maxsize=1)
def inline_headings() -> re.Pattern[str]:
    """Section headings written inside a longer text, each in a named group ``s<index>``."""
    parts = [f"(?P<s{i}>{pattern})" for i, (_, pattern) in enumerate(section_headings())]
    return re.compile("|".join(parts))


def heading_key(match: re.Match[str]) -> str:
    return section_headings()[int(match.lastgroup[1:])][0]
