"""Hostile inputs for the auditor (issue 14 item 9 and the XLSX part of item 2), built on the fly.

Each builder returns the bytes of one file that once crashed the auditor or cost it seconds and gigabytes; the
limits tests audit each in a subprocess and measure it, and the fuzz tests keep the small ones as examples.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

from gongkai.core.render.xlsx import render_xlsx

from report_samples import city_department_2022

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARAGRAPH = "<w:p><w:r><w:t>政府信息公开</w:t></w:r></w:p>"


def _docx(document_xml_chunks, compression=zipfile.ZIP_DEFLATED, level=6) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w") as member:
            for chunk in document_xml_chunks:
                member.write(chunk)
    return out.getvalue()


def docx_version_64() -> bytes:
    """A DOCX of about a hundred bytes whose zip directory asks for extractor version 6.4 (NotImplementedError
    in the standard library)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", "<w/>")
    data = bytearray(out.getvalue())
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    data[local + 4 : local + 6] = struct.pack("<H", 64)
    data[central + 6 : central + 8] = struct.pack("<H", 64)
    return bytes(data)


def docx_many_paragraphs(count: int = 400_000) -> bytes:
    head = f'<w:document xmlns:w="{_W}"><w:body>'.encode()
    body = (_PARAGRAPH * 1000).encode()
    return _docx([head, *(body for _ in range(count // 1000)), b"</w:body></w:document>"])


def docx_huge_xml(megabytes: int = 177) -> bytes:
    """A DOCX of a few hundred kilobytes whose document.xml expands to ``megabytes`` MB."""
    head = f'<w:document xmlns:w="{_W}"><w:body>'.encode()
    chunk = (_PARAGRAPH * 16).encode()
    repeat = (1024 * 1024) // len(chunk) + 1
    megabyte = chunk * repeat
    return _docx([head, *(megabyte for _ in range(megabytes)), b"</w:body></w:document>"], level=9)


def text_one_line(megabytes: int = 45) -> bytes:
    piece = "一、本年新收政府信息公开申请数量1520000017".encode()
    return piece * (megabytes * 1024 * 1024 // len(piece))


def html_many_cells(count: int = 300_000) -> bytes:
    return b"<html><body><table>" + b"<tr><td>1</td></tr>" * count + b"</table></body></html>"


def html_deeply_nested(depth: int = 200_000) -> bytes:
    return (
        b"<html><body>" + b"<div>" * depth + "一、总体情况".encode() + b"</div>" * depth + b"</body></html>"
    )


def _edit_sheet(edit) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(render_xlsx(city_department_2022())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def xlsx_merge_everything() -> bytes:
    """The generated workbook with `<mergeCell ref="A1:XFD1048576"/>` in its sheets."""

    def edit(xml: str) -> str:
        xml = re.sub(r"<mergeCells[^>]*>.*?</mergeCells>|<mergeCells[^>]*/>", "", xml, flags=re.S)
        merge = '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
        return re.sub(r"(</sheetData>|<sheetData\s*/>)", r"\1" + merge, xml, count=1)

    return _edit_sheet(edit)


def xlsx_dimension_everything() -> bytes:
    def edit(xml: str) -> str:
        if "<dimension" in xml:
            return re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml)
        return xml.replace("<sheetViews", '<dimension ref="A1:XFD1048576"/><sheetViews', 1)

    return _edit_sheet(edit)


def xlsx_many_rows(count: int = 300_000) -> bytes:
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{n}</t></is></c></row>' for n in range(1, count + 1)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )
    return _edit_sheet(lambda xml: sheet)


def pdf_many_pages(count: int = 2_000) -> bytes:
    import pypdfium2

    pdf = pypdfium2.PdfDocument.new()
    for _ in range(count):
        pdf.new_page(595, 842).close()
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


BOMBS = {
    "docx-version-64.docx": docx_version_64,
    "docx-400k-paragraphs.docx": docx_many_paragraphs,
    "docx-177mb-xml.docx": docx_huge_xml,
    "text-45mb-one-line.txt": text_one_line,
    "html-300k-cells.html": html_many_cells,
    "html-deeply-nested.html": html_deeply_nested,
    "xlsx-merge-everything.xlsx": xlsx_merge_everything,
    "xlsx-dimension-everything.xlsx": xlsx_dimension_everything,
    "xlsx-300k-rows.xlsx": xlsx_many_rows,
    "pdf-2000-pages.pdf": pdf_many_pages,
}
SMALL = ("docx-version-64.docx", "xlsx-merge-everything.xlsx", "xlsx-dimension-everything.xlsx")
