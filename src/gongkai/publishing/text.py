"""Plain text of an item for substring search, and rich text compared as the reader sees it."""

from __future__ import annotations

import html
import re

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
