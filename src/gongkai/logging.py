"""Logging that never writes personal data.

Applicants' ID numbers, phone numbers and e-mail addresses must never reach a log file
(DESIGN.md, "Personal data"). Code should not log them in the first place; this filter is the
safety net that masks anything that looks like one in every record that passes the handlers, also in the
forms a request line carries them: URL-encoded (`zs%40example.com`, `%2B86`), with `+` for spaces
(`138+1234+5678`), or split by spaces and hyphens.
"""

from __future__ import annotations

import logging
import re

_SEP = r"(?:[\s+\-]|%20|%2[bBdD])?"  # a space, "+", "-", or one of them URL-encoded
_PATTERNS = (
    (
        re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}\d{7}[\dXx](?![0-9A-Za-z])"),
        "[身份证号已隐去]",
    ),
    (
        re.compile(rf"(?<![\dA-Za-z])(?:(?:\+|%2[bB])?86{_SEP})?1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}(?!\d)"),
        "[手机号已隐去]",
    ),
    (re.compile(r"[\w.+%-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+"), "[邮箱已隐去]"),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
