"""XLSX read with openpyxl: the report's text sheet, rows in order, prose apart from table cells by borders.

A report kept as a workbook has its text on one sheet (our generator's ``报告全文``, else the first sheet). A row
whose cells have no border is prose: each non-empty cell is a paragraph. A bordered row is a table row; a cell
covered by a merged range appears once (its top-left cell), as a merged cell does in the other formats.
Consecutive table rows form one table. Numbers are read as the text they would show.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from .document import Document, Paragraph, Row, UnreadableError

BODY_SHEET = "报告全文"
_MAX_XML = 200 * 1024 * 1024


def read_xlsx(data: bytes) -> Document:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        if sum(info.file_size for info in archive.infolist()) > _MAX_XML:
            raise UnreadableError("XLSX 内容过大")
        book = load_workbook(BytesIO(data), data_only=True)
    except UnreadableError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError) as exc:
        raise UnreadableError(f"XLSX 已损坏，无法打开（{exc}）") from exc
    if not book.worksheets:
        raise UnreadableError("XLSX 中没有工作表")
    sheet = book[BODY_SHEET] if BODY_SHEET in book.sheetnames else book.worksheets[0]
    covered = set()
    for merged in sheet.merged_cells.ranges:
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
