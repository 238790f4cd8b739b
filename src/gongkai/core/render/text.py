"""Text as the document formats can hold it: XML 1.0 allows no control characters but tab, line feed and carriage
return, no lone surrogates, and not U+FFFE/U+FFFF; python-docx and openpyxl raise on them, and an HTML page handed
to WeasyPrint should not carry them either. The renderers pass every stored text through `xml_safe`, so a name
kept before intake refused such characters (or typed by staff) never stops a letter or a report from being made.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.core.report.model import AnnualReport

_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return _ILLEGAL.sub("", text)


def _safe(text: str | None) -> str | None:
    return None if text is None else xml_safe(text)


def printable(report: AnnualReport) -> AnnualReport:
    """`report` with its texts (title, agency, section headings and prose) as the document formats can hold them:
    prose is staff text, which may keep what a word processor pasted (a vertical tab, a bell)."""
    sections = [replace(s, heading=_safe(s.heading), text=_safe(s.text)) for s in report.sections]
    return replace(report, title=_safe(report.title), agency=_safe(report.agency), sections=sections)
