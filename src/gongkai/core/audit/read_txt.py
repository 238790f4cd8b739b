"""Plain text as copied from web pages: prose lines, and tables flattened in one of three ways.

- one cell per line, each cell indented with a tab, rows separated by empty lines; a line without the tab that
  follows a cell continues that cell (headers broken across lines: 本年新 / 制作数量);
- one row per line with cells separated by `|` or tabs;
- one row per line with cells separated by spaces only (PDF-like); recognition splits those itself;
- markdown, as PDF-to-markdown converters write it: `#` headings and `**` emphasis are dropped, a table's
  separator row (`| --- | --- |`) and a placeholder header (`| 数据1 | 数据2 |`) go, and the empty cells a
  converter leaves where merged cells were (before the first value of a row, and at its end) are not values.
"""

from __future__ import annotations

import re

from .document import Document, Paragraph, Row
from .encoding import decode_text
from .limits import check_text_size

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.．]")
_MARKDOWN = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s*)|\*\*|__")
_SEPARATOR_ROW = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?)?\s*$")
_PLACEHOLDER_HEADER = re.compile(r"^(?:数据|列|字段|栏|Column|column|col|Unnamed:?)\s*_?\d+$")
_BLANK = " \t\u3000\u00a0\r\ufeff"
_VALUE = re.compile(r"^[+\-]?\d[\d,]*(?:\.\d+)?$")
_CELL_SEPARATOR = re.compile(r"\s*[|｜]\s*|\t")


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
            if _SEPARATOR_ROW.match(stripped):
                continue
            cells = _cells(stripped)
            if len(cells) > 1 or stripped.startswith("|"):
                if cells and not all(_PLACEHOLDER_HEADER.match(c) for c in cells if c):
                    blocks.append(Row(cells))
                continue
        stripped = _MARKDOWN.sub("", stripped).strip(_BLANK)
        if stripped:
            blocks.append(Paragraph(stripped))
    return blocks


def _cells(line: str) -> list[str]:
    """The cells of a `|` or tab separated row; for a markdown row (`| a | b |`), without the empty cells that
    stand for merged cells before the first value and after the last."""
    markdown = line.startswith(("|", "｜"))
    if markdown:
        line = line.strip("|｜ ")
    cells = [c.strip(_BLANK) for c in _CELL_SEPARATOR.split(line)]
    if not markdown:
        return cells
    while cells and not cells[0]:
        cells.pop(0)
    while cells and not cells[-1]:
        cells.pop()
    first_value = next((i for i, c in enumerate(cells) if _VALUE.match(c)), len(cells))
    return [c for i, c in enumerate(cells) if c or i > first_value]
