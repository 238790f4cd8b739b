"""Decode text of unknown encoding: BOMs, UTF-8, then the Chinese encodings GB18030 (a superset of GBK)."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def decode_text(data: bytes, declared: str | None = None) -> str:
    return decode(data, declared)[0]


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text and the codec it was decoded with."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    # UTF-8 first: a strict UTF-8 decode fails on anything else, while GB18030 accepts almost any bytes — so a page
    # that declares GBK but is UTF-8 reads right, and one that declares UTF-8 but is GBK falls through to GBK
    candidates = ["utf-8"]
    if declared:
        candidates.append(_normalise_codec(declared))
    candidates.append("gb18030")
    if b"\x00" in data[:1024]:
        candidates[:0] = ["utf-16-le", "utf-16-be"]
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if codec.startswith("utf-16") and not _mostly_text(text):
            continue
        return text, codec
    return data.decode("gb18030", errors="replace"), "gb18030"


def html_declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _normalise_codec(name: str) -> str:
    name = name.strip().lower()
    if name in {"gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "euc-cn"}:
        return "gb18030"
    return name


def _mostly_text(text: str) -> bool:
    sample = text[:500]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return control < len(sample) * 0.05
