"""Decompression bombs (small files that expand to gigabytes) and a budget that measures what refusing one costs.

`budget()` measures wall time and the process's peak resident memory (Linux: the peak is reset through
/proc/self/clear_refs, then read from VmHWM), so that memory allocated by C decoders (Pillow, zlib, lxml) counts
too, which tracemalloc would not see.
"""

from __future__ import annotations

import contextlib
import io
import struct
import time
import zipfile
import zlib
from pathlib import Path

SECONDS = 2.0
MEGABYTES = 256


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


@contextlib.contextmanager
def budget(seconds: float = SECONDS, megabytes: int = MEGABYTES):
    """Fails when the block takes longer than `seconds` or raises the peak memory by more than `megabytes`."""
    Path("/proc/self/clear_refs").write_text("5")  # the peak becomes the current size
    before, start = _status("VmRSS"), time.monotonic()
    yield
    elapsed, grown = time.monotonic() - start, _status("VmHWM") - before
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert grown < megabytes * 1024 * 1024, f"peak memory grew by {grown // (1024 * 1024)} MB"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = 13000) -> bytes:
    """A valid 1-bit PNG of side×side pixels (13000: 169 million, about 20 KB on disk)."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def xlsx_bomb(*, dimension: str = "A1:C2", merge: str = "") -> bytes:
    """A 1.5 KB workbook with a header row and one data row, declaring `dimension` and merging `merge`."""
    merged = f'<mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>' if merge else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>事项编码</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>办件编号</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>办结日期</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>X1</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>B1</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>2020-03-01</t></is></c></row>'
        f"</sheetData>{merged}</worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()
