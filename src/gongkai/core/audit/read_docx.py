"""DOCX read directly from its XML (faster than python-docx and in control of merged cells).

docx_scan reads the common document in one pass over the XML; the tree walk here reads whatever it leaves.

Paragraphs and tables come in document order. A cell spanning columns (gridSpan) appears once; the continuation
cells of a vertical merge (vMerge without restart) are skipped, so each row holds its real cells in order.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from .document import Document, Paragraph, Row, UnreadableError
from .docx_scan import scan_docx
from .limits import MAX_CELLS, MAX_PARAGRAPHS, MAX_ROWS, open_zip, over_limit, read_member

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _TR, _TC, _T = (f"{{{_W}}}{n}" for n in ("p", "tbl", "tr", "tc", "t"))
_TAB, _BR, _SDT, _SDT_CONTENT = (f"{{{_W}}}{n}" for n in ("tab", "br", "sdt", "sdtContent"))


def read_docx(data: bytes, archive: zipfile.ZipFile | None = None) -> Document:
    """The blocks of a DOCX (``archive``: the file's zip, when already opened and checked by limits.open_zip)."""
    xml = read_member(archive if archive is not None else open_zip(data, "DOCX"), "word/document.xml", "DOCX")
    tags = xml.count(b"<")  # every element starts with one: a bound on each count, in one scan
    for name, limit, what in (
        (b"p", MAX_PARAGRAPHS, "段落"),
        (b"tr", MAX_ROWS, "表格行"),
        (b"tc", MAX_CELLS, "单元格"),
    ):
        found = over_limit(xml, name, limit) if tags > limit else None
        if found:
            raise UnreadableError(f"DOCX 中的{what}过多（超过 {limit} 个）")
    scanned = scan_docx(xml)
    if scanned is not None:
        return Document("docx", scanned)
    try:
        root = etree.fromstring(
            xml, etree.XMLParser(huge_tree=False, resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as exc:
        raise UnreadableError(f"DOCX 正文 XML 已损坏（{exc}）") from exc
    if root is None:
        raise UnreadableError("DOCX 正文 XML 已损坏")
    body = root.find(f"{{{_W}}}body")
    blocks: list = []
    tables = [0]
    _walk(body if body is not None else root, blocks, tables)
    return Document("docx", blocks)


def _walk(parent, blocks: list, tables: list[int]) -> None:
    for child in parent:
        if child.tag == _P:
            text = _paragraph_text(child).strip()
            if text:
                for line in text.split("\n"):
                    if line.strip():
                        blocks.append(Paragraph(line.strip()))
        elif child.tag == _TBL:
            tables[0] += 1
            _table(child, blocks, tables[0])
        elif child.tag in (_SDT, _SDT_CONTENT) or child.tag.endswith("}customXml"):
            _walk(child, blocks, tables)


_CONTINUATIONS = etree.XPath(
    ".//w:tc[w:tcPr/w:vMerge[not(@w:val) or @w:val='continue']]", namespaces={"w": _W}
)


def _table(tbl, blocks: list, number: int) -> None:
    continuations = set(_CONTINUATIONS(tbl))  # one query per table instead of a lookup per cell
    for tr in tbl.iter(_TR):
        if _ancestor_table(tr) is not tbl:
            continue
        cells = []
        for tc in tr.iter(_TC):
            if tc in continuations or (tc.getparent() is not tr and tc.getparent().getparent() is not tr):
                continue
            cells.append("\n".join(_paragraph_text(p) for p in tc.iter(_P)).strip("\n"))
        if cells:
            blocks.append(Row(cells, number))


def _ancestor_table(tr):
    parent = tr.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter(_T, _TAB, _BR):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)
