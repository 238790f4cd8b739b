"""Text normalisation shared by recognition: widths, whitespace, numbering and brackets."""

from __future__ import annotations

import re
from functools import lru_cache

_WIDTH = str.maketrans(
    "０１２３４５６７８９＋－．，：；（）［］／｜％",
    "0123456789+-.,:;()[]/|%",
)
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_NUMBERING = re.compile(r"(?<![\d.])(\d{1,2})\s*[、.．,，]\s*")


def squash(text: str) -> str:
    """Collapse every kind of whitespace to one space and strip: the `raw` of a cell."""
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def compact(text: str) -> str:
    """Text for label matching: half-width digits and signs, Chinese brackets, no whitespace, `1、`→`1.`."""
    text = _SPACES.sub("", text).translate(_WIDTH)
    text = text.replace("(", "（").replace(")", "）").replace(":", "：").replace(";", "；")
    text = text.replace('"', "“").replace("”", "“").replace("“", "“")
    return _NUMBERING.sub(r"\1.", text)


def ascii_digits(text: str) -> str:
    return text.translate(_WIDTH)


CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
SECTION_NUMERALS = ("一", "二", "三", "四", "五", "六")
