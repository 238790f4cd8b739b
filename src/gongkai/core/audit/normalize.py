"""Text normalisation shared by recognition: widths, whitespace, numbering and brackets."""

from __future__ import annotations

import re
from functools import lru_cache

_WIDTH = str.maketrans(
    "０１２３４５６７８９＋－．，：；（）［］／｜％",
    "0123456789+-.,:;()[]/|%",
)
# str.translate looks every character of a Chinese text up in the table (about 100 ns each): replacing only the
# characters present is one fast scan per mapped character instead, and gives the same text
_WIDTH_PAIRS = tuple((chr(a), chr(b)) for a, b in _WIDTH.items())
# compact's whole mapping in one: widths, then ( ) : ; back to their Chinese forms and the quotes to “ (so that
# （ ） ： ； stay as they are and need no step)
_COMPACT_PAIRS = tuple((wide, narrow) for wide, narrow in _WIDTH_PAIRS if narrow not in "():;") + (
    ("(", "（"),
    (")", "）"),
    (":", "："),
    (";", "；"),
    ('"', "“"),
    ("”", "“"),
)
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
# a number of one or two digits not after a digit or point, then a separator: `1、`, `12.` (the look-behind
# follows the first digit, so that the pattern starts with a digit and the engine skips to the next one)
_NUMBERING = re.compile(r"(\d(?<![\d.]\d)\d?)\s*[、.．,，]\s*")


def squash(text: str) -> str:
    """Collapse every kind of whitespace to one space and strip: the `raw` of a cell."""
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def compact(text: str) -> str:
    """Text for label matching: half-width digits and signs, Chinese brackets, no whitespace, `1、`→`1.`."""
    text = _SPACES.sub("", text)
    for char, replacement in _COMPACT_PAIRS:
        if char in text:
            text = text.replace(char, replacement)
    if "、" in text or "." in text or "," in text:  # a separator _NUMBERING needs (．，are mapped already)
        text = _NUMBERING.sub(r"\1.", text)
    return text


def ascii_digits(text: str) -> str:
    for char, replacement in _WIDTH_PAIRS:
        if char in text:
            text = text.replace(char, replacement)
    return text


CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
SECTION_NUMERALS = ("一", "二", "三", "四", "五", "六")
