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


@lru_cache(maxsize=1)
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


def _words_for_cutting() -> list[str]:
    """The table words without their numbering (an optional numbering is matched in front of any of them), and
    the first six characters of long row labels, so that a label with a misprint further on (其他法律行政止公开)
    is still cut at its start."""
    words: set[str] = set()
    for word in table_words():
        core = _strip_number(word)
        words.add(core)
        if len(core) >= 8:
            words.add(core[:6])
    return sorted(words, key=len, reverse=True)


def _atom(char: str) -> str:
    return _VARIANTS.get(char) or _DIGITS.get(char) or re.escape(char)


def trie_pattern(words: list[str]) -> str:
    """One regular expression for many words, as a trie: the engine follows one branch per character instead of
    trying every word at every position. Characters are matched with their variants and spaces between them;
    a longer word wins over its prefix."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            if not char.isspace():
                node = node.setdefault(_atom(char), {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [
            atom + (r"\s*" + emit(child) if child.keys() - {""} else "")
            for atom, child in node.items()
            if atom
        ]
        branches.sort(key=len, reverse=True)
        body = "|".join(branches)
        if "" in node:
            return f"(?:{body})?" if branches else ""
        return f"(?:{body})" if len(branches) > 1 else body

    return emit(trie)


@lru_cache(maxsize=1)
def flattened_table_words() -> re.Pattern[str]:
    """Every table word with its numbering, for cutting a flattened table: one trie-shaped pattern."""
    ordinal = f"(?:{CHINESE_ORDINAL}|{ARABIC_ORDINAL})\\s*"
    words = _words_for_cutting()
    # what a match can start with, tested first: the engine leaves most positions after one character
    firsts = sorted({_atom(word.replace(" ", "")[0]) for word in words if word.strip()})
    first = "|".join([r"\d", "[（(一二三四五六七八九十]", *firsts])
    return re.compile(f"(?=(?:{first}))(?:{ordinal})?(?:{trie_pattern(words)})")


@lru_cache(maxsize=1)
def inline_headings() -> re.Pattern[str]:
    """Section headings written inside a longer text, each in a named group ``s<index>``."""
    parts = [f"(?P<s{i}>{pattern})" for i, (_, pattern) in enumerate(section_headings())]
    numbers = "".join(sorted({spec.number for spec in formats.SECTIONS}))
    return re.compile(f"(?=[{numbers}])(?:{'|'.join(parts)})")  # every heading starts with its number


def heading_key(match: re.Match[str]) -> str:
    return section_headings()[int(match.lastgroup[1:])][0]
