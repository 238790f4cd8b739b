"""A plain table as an XLSX file, written straight as SpreadsheetML: one sheet, a bold header row, a grey key row,
then rows of text, whole or decimal numbers, dates and blanks.

Why not openpyxl: the supervising office's table of a province has some 3,000 rows of 200 cells, and openpyxl
builds, styles and serialises an object per cell (its write-only mode too) — most of the page's time. Here a row
is one string join: strings are inline (no shared-string table), numbers are written as they print, a blank cell
is left out. The file opens in openpyxl, LibreOffice and Excel like any other (ECMA-376, transitional).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from gongkai.core.render.text import xml_safe

_EPOCH = date(1899, 12, 30)  # the 1900 date system's day 0 (after its leap-year bug)

# Cell styles (indexes into cellXfs below): 0 plain, 1 the header row, 2 the key row, 3 a date.
_PLAIN, _HEADER, _KEY, _DATE = 0, 1, 2, 3

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="3">'
    '<font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font>'
    '<font><color rgb="00666666"/><sz val="9"/><name val="Calibri"/></font>'
    "</fonts>"
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def column_letter(index: int) -> str:
    """``1`` → ``A``, ``28`` → ``AB``."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(ref: str, value: str, style: int = _PLAIN) -> str:
    shown = "" if style == _PLAIN else f' s="{style}"'
    return f'<c r="{ref}" t="inlineStr"{shown}><is><t xml:space="preserve">{escape(xml_safe(value))}</t></is></c>'


def _cell(ref: str, value: object) -> str:
    if type(value) is int:  # first: nearly every cell of a figures sheet (a bool is not of type int)
        return f'<c r="{ref}"><v>{value}</v></c>'
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | Decimal):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, date) and not isinstance(value, datetime):
        return f'<c r="{ref}" s="{_DATE}"><v>{(value - _EPOCH).days}</v></c>'
    return _text(ref, str(value))


def table_xlsx(
    sheet_name: str,
    header: Sequence[str],
    keys: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[float],
    frozen: str,
) -> bytes:
    """The sheet `sheet_name`: row 1 `header` (bold, wrapped), row 2 `keys` (small, grey), then `rows`; column
    widths `widths`; panes frozen above and left of the cell `frozen` (``C3``)."""
    letters = [column_letter(i) for i in range(1, max(len(header), len(widths)) + 1)]
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    ]
    column, row = "".join(c for c in frozen if c.isalpha()), int("".join(c for c in frozen if c.isdigit()))
    split = letters.index(column) if column in letters else 0
    pane = "bottomRight" if split else "bottomLeft"
    x_split = f' xSplit="{split}"' if split else ""
    parts.append(
        f'<sheetViews><sheetView workbookViewId="0"><pane{x_split} ySplit="{row - 1}" topLeftCell="{frozen}" '
        f'activePane="{pane}" state="frozen"/><selection pane="{pane}" activeCell="{frozen}" sqref="{frozen}"/>'
        "</sheetView></sheetViews>"
    )
    parts.append("<cols>")
    parts += [f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1)]
    parts.append("</cols><sheetData>")
    for number, (texts, style) in enumerate(((header, _HEADER), (keys, _KEY)), 1):
        cells = "".join(_text(f"{letters[i]}{number}", t, style) for i, t in enumerate(texts))
        parts.append(f'<row r="{number}">{cells}</row>')
    for number, values in enumerate(rows, 3):
        n = str(number)
        cells = "".join([_cell(letters[i] + n, v) for i, v in enumerate(values)])
        parts.append(f'<row r="{number}">{cells}</row>')
    parts.append("</sheetData></worksheet>")
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name={quoteattr(xml_safe(sheet_name))} sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        archive.writestr("xl/worksheets/sheet1.xml", "".join(parts))
    return out.getvalue()
