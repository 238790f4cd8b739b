"""The page a finding points at, for documents whose reader knows pages (PDF): shown as 第N页.

The page is looked up in the text as read (before segmentation), joined page by page so that a label broken over
lines is still found: first the finding's evidence when it is text (a misprint, a leftover instruction), then the
parts of its place from the most specific (a row label, then its group) to the least, within the table it names (表二/表三/表四
start where their first row labels stand). A finding about the whole file (its date, its title) gets no page.
Lookups are bounded: repeated ones are answered once, and at most `MAX_LOCATED` findings of a document are
looked up.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from gongkai.core.report.model import Finding

from .document import Block, Paragraph
from .normalize import compact

_TABLE_ANCHORS = {
    "表二": ("第二十条",),
    "表三": ("本年新收", "申请人情况"),
    "表四": ("结果维持", "未经复议"),
}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
_MIN_NEEDLE = 4
MAX_LOCATED = 300
"""Findings looked up per document at most (each lookup scans the text; the rest keep no page)."""


class _Text:
    """The compacted text of the pages, one string, with where each page starts."""

    def __init__(self, blocks: list[Block]):
        starts, pieces, pages, length = [], [], [], 0
        for block in blocks:
            if isinstance(block, Paragraph) and block.page is not None:
                piece = compact(block.text)
                starts.append(length)
                pages.append(block.page)
                pieces.append(piece)
                length += len(piece)
        self.text, self.starts, self.pages = "".join(pieces), starts, pages
        self._found: dict[tuple[str, int], int | None] = {}

    def page_at(self, offset: int) -> int:
        return self.pages[bisect_right(self.starts, offset) - 1]

    def find(self, needle: str, start: int = 0) -> int | None:
        if len(needle) < _MIN_NEEDLE and not (_CJK.search(needle) and len(needle) >= 2):
            return None
        key = (needle, start)
        if key not in self._found:
            at = self.text.find(needle, start)
            self._found[key] = None if at < 0 else at
        return self._found[key]


def locate(findings: list[Finding], blocks: list[Block]) -> list[Finding]:
    """The findings with the page each points at, where it can be found (unchanged without page numbers)."""
    text = _Text(blocks)
    if not text.pages:
        return findings
    return [
        f if f.page is not None or i >= MAX_LOCATED else replace(f, page=_page(f, text))
        for i, f in enumerate(findings)
    ]


def _page(finding: Finding, text: _Text) -> int | None:
    if finding.evidence and _CJK.search(finding.evidence):
        at = text.find(compact(finding.evidence))
        if at is not None:
            return text.page_at(at)
    parts = [p for p in finding.where.split("/") if p]
    start, fallback = 0, None
    if parts and parts[0] in _TABLE_ANCHORS:
        found = [at for a in _TABLE_ANCHORS[parts[0]] if (at := text.find(a)) is not None]
        if not found:
            return None
        start = min(found)
        fallback = text.page_at(start)
        parts = parts[1:]
    for part in reversed(parts):
        for piece in (part, *part.split()):
            needle = compact(_LEADING_NUMBER.sub("", compact(piece)))
            at = text.find(needle, start)
            if at is not None:
                return text.page_at(at)
    return fallback
