"""XLSX read with openpyxl: the report's text sheet, rows in order, prose apart from table cells by borders.

A report kept as a workbook has its text on one sheet (our generator's ``报告全文``, else the first sheet). A row
whose cells have no border is prose: each non-empty cell is a paragraph. A bordered row is a table row; a cell
covered by a merged range appears once (its top-left cell), as a merged cell does in the other formats.
Consecutive table rows form one table. Numbers are read as the text they would show.
"""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from .document import Document, Paragraph, Row, UnreadableError
from .limits import MAX_COLUMNS, MAX_ROWS, MAX_SHEET_CELLS, open_zip, over_limit, read_member

_REF = re.compile(rb"""<(?:\w+:)?(dimension|mergeCell)\b[^>]*?\bref\s*=\s*["']([^"']*)["']""")
_POSITION = re.compile(rb"""<(?:\w+:)?(?:c|row)\b[^>]*?\br\s*=\s*["']\$?([A-Z]{0,3})\$?(\d{1,9})["']""")
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")

BODY_SHEET = "报告全文"


def read_xlsx(data: bytes, archive: zipfile.ZipFile | None = None) -> Document:
    """The blocks of an XLSX (``archive``: the file's zip, when already opened and checked by limits.open_zip)."""
    archive = archive if archive is not None else open_zip(data, "XLSX")
    check_workbook(archive)
    try:
        book = load_workbook(BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, TypeError) as exc:
        raise UnreadableError(f"XLSX 已损坏，无法打开（{exc}）") from exc
    if not book.worksheets:
        raise UnreadableError("XLSX 中没有工作表")
    sheet = book[BODY_SHEET] if BODY_SHEET in book.sheetnames else book.worksheets[0]
    covered = set()
    for merged in sheet.merged_cells.ranges:  # areas bounded by check_workbook
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if (row, col) != (merged.min_row, merged.min_col):
                    covered.add((row, col))
    blocks: list = []
    table = 0
    in_table = False
    for cells in sheet.iter_rows():
        bordered = any(_has_border(c) for c in cells)
        texts = [_text(c.value) for c in cells if (c.row, c.column) not in covered]
        if bordered:
            if not in_table:
                table += 1
                in_table = True
            while texts and texts[-1] == "" and not _has_border(cells[len(texts) - 1]):
                texts.pop()
            blocks.append(Row(texts, table))
            continue
        in_table = False
        for text in texts:
            for line in text.splitlines():
                if line.strip():
                    blocks.append(Paragraph(line.strip()))
    return Document("xlsx", blocks)


def _has_border(cell) -> bool:
    border = cell.border
    return border is not None and any(
        side is not None and side.style for side in (border.left, border.right, border.top, border.bottom)
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value != int(value) else str(int(value))
    return str(value).strip()


def check_workbook(archive: zipfile.ZipFile) -> None:
    """Refuse, before openpyxl loads anything, a workbook whose sheets declare or hold more rows, columns or
    cells than a report can have, or merge larger areas (`<mergeCell ref="A1:XFD1048576"/>`)."""
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            xml = read_member(archive, name, "XLSX")
            for local, limit, what in ((b"row", MAX_ROWS, "行"), (b"c", MAX_SHEET_CELLS, "单元格")):
                if over_limit(xml, local, limit):
                    raise UnreadableError(f"XLSX 工作表的{what}过多（超过 {limit} 个）")
            _check_cell_positions(xml)
            merged = 0
            for kind, ref in _REF.findall(xml):
                rows, columns = _extent(ref.decode("ascii", errors="replace"))
                if rows > MAX_ROWS or columns > MAX_COLUMNS:
                    what = "合并单元格" if kind == b"mergeCell" else "工作表范围"
                    raise UnreadableError(
                        f"XLSX 的{what}过大（{ref.decode('ascii', errors='replace')}，上限 {MAX_ROWS} 行 {MAX_COLUMNS} 列）"
                    )
                if kind == b"mergeCell":
                    merged += rows * columns
            if merged > MAX_SHEET_CELLS:
                raise UnreadableError(f"XLSX 的合并单元格过多（共 {merged} 格，上限 {MAX_SHEET_CELLS}）")
        elif name == "xl/sharedStrings.xml" and over_limit(
            read_member(archive, name, "XLSX"), b"si", MAX_SHEET_CELLS
        ):
            raise UnreadableError(f"XLSX 的文字单元格过多（超过 {MAX_SHEET_CELLS} 个）")


def _check_cell_positions(xml: bytes) -> None:
    """openpyxl iterates every position up to the last row and column that hold a cell: bound those."""
    rows = columns = 0
    for letters, number in _POSITION.findall(xml):
        rows = max(rows, int(number))
        columns = max(columns, _column(letters.decode("ascii")))
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise UnreadableError(
            f"XLSX 工作表的范围过大（第 {rows} 行、第 {columns} 列，上限 {MAX_ROWS} 行 {MAX_COLUMNS} 列）"
        )


def _extent(ref: str) -> tuple[int, int]:
    """Rows and columns covered by a reference such as ``A1:XFD1048576`` (a malformed one counts as huge)."""
    corners = [_CELL.match(part.strip().upper()) for part in ref.split(":")[:2]]
    if not corners or not all(corners):
        return (MAX_ROWS + 1, MAX_COLUMNS + 1) if ref.strip() else (1, 1)
    first, last = corners[0], corners[-1]
    rows = abs(int(last.group(2)) - int(first.group(2))) + 1
    columns = abs(_column(last.group(1)) - _column(first.group(1))) + 1
    return rows, columns


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
