"""Lists as XLSX sheets (台账 exports): a header row and data rows, written in openpyxl's write-only mode (rows go
out as they come, memory does not grow with them).

Every text passes `xml_safe` (openpyxl refuses control characters), and a text that starts with "=" stays text:
openpyxl would otherwise store it as a formula, so an applicant's "=HYPERLINK(…)" would run in the office's Excel.
Dates stay dates, numbers numbers; None is an empty cell.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from gongkai.core.render.text import xml_safe

__all__ = ["Sheet", "render_sheets"]

Sheet = tuple[str, Sequence[str], Iterable[Sequence]]
"""(title, header, rows)"""


def _cell(sheet, value):
    if isinstance(value, str):
        value = xml_safe(value)
        if value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
    return value


def render_sheets(sheets: Iterable[Sheet]) -> bytes:
    """The sheets as XLSX bytes: a bold header, the columns sized to their headers, the header row frozen."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(xml_safe(title)[:31])
        for index, name in enumerate(header):
            letter = chr(ord("A") + index) if index < 26 else "A" + chr(ord("A") + index - 26)
            sheet.column_dimensions[letter].width = max(10, len(name) * 2 + 4)
        sheet.freeze_panes = "A2"
        bold = []
        for name in header:
            cell = WriteOnlyCell(sheet, value=xml_safe(name))
            cell.font = Font(bold=True)
            bold.append(cell)
        sheet.append(bold)
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
