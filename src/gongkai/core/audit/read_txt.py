"""Plain text as copied from web pages: prose lines, and tables flattened in one of three ways.

- one cell per line, each cell indented with a tab, rows separated by empty lines; a line without the tab that
  follows a cell continues that cell (headers broken across lines: 本年新 / 制作数量);
- one row per line with cells separated by `|` or tabs;
- one row per line with cells separated by spaces only (PDF-like); recognition splits those itself.
"""

from __future__ import annotations

import re

from .document import Document, Paragraph, Row
from .encoding import decode_text
from .limits import check_text_size

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.．]")
_BLANK = " \t\u3000\u00a0\r\ufeff"


def read_txt(data: bytes) -> Document:
    check_text_size(len(data), "文本文件")
    return Document("txt", parse_text(decode_text(data)))


def parse_text(text: str) -> list:
    blocks: list = []
    row: list[str] | None = None
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.startswith("\t") and "\t" not in line[1:].strip(_BLANK):
            if row is None:
                row = []
                blocks.append(Row(row))
            row.append(line[1:])
            continue
        stripped = line.strip(_BLANK)
        continues = row and line and stripped and not line.startswith(("\t", " "))
        if continues and not _HEADING.match(line):
            row[-1] = row[-1] + "\n" + line
            continue
        row = None
        if not stripped:
            continue
        if "|" in stripped or "\t" in stripped:
            cells = [c.strip(_BLANK) for c in re.split(r"\s*[|｜]\s*|\t", stripped)]
            if len(cells) > 1:
                blocks.append(Row(cells))
                continue
        blocks.append(Paragraph(stripped))
    return blocks
