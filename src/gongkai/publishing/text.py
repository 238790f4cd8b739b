"""Plain text of an item for substring search, a search query folded to match it, and rich text compared as the
reader sees it."""

from __future__ import annotations

import html
import re
import unicodedata

from hanziconv import HanziConv

MAX_QUERY = 50
MAX_ATTACHMENTS_CHARS = 200_000  # of all an item's attachments together in its search text
_TAG = re.compile(r"<[^>]*>")
_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|<br/?>)*</p>")


def plain_text(*parts: str) -> str:
    """Lower-cased plain text for substring search (tags dropped, entities decoded, whitespace collapsed).

    A regular expression rather than an HTML parser: the input is Wagtail's own rich text, and this runs for
    every item of a bulk insert."""
    text = " ".join(html.unescape(_TAG.sub(" ", p)) for p in parts if p)
    return " ".join(text.split()).lower()


def normalized_rich_text(value: str) -> str:
    """Rich text as the reader sees it: the editor's block keys dropped, an empty paragraph is nothing.

    Draftail sends an empty body as one empty block, which Wagtail stores as ``<p data-block-key="…"></p>``; the
    next save of the same form sends it back as empty. Without this every save of an item with no body would be
    an edit.
    """
    value = _EMPTY_PARAGRAPH.sub("", _BLOCK_KEY.sub("", value or ""))
    return value.strip()


def fold(text: str) -> str:
    """The query as the stored text has it: NFKC (full-width forms to ASCII), traditional characters to
    simplified (社會保障 → 社会保障; the items are written in simplified Chinese), lower case, single spaces."""
    text = HanziConv.toSimplified(unicodedata.normalize("NFKC", text or "")[: MAX_QUERY * 2])
    return " ".join(text.lower().split())[:MAX_QUERY]


def own_text(title: str, document_number: str, summary: str, body: str) -> str:
    """The item's own part of its search text (its index number is matched on its own)."""
    return plain_text(title, document_number, summary, body)


def joined(own: str, texts: list[str]) -> str:
    left, parts = MAX_ATTACHMENTS_CHARS, [own]
    for text in texts:
        if text and left > 0:
            parts.append(text[:left])
            left -= len(parts[-1])
    return " ".join(p for p in parts if p)
