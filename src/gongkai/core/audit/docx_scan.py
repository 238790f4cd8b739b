"""A DOCX body read in one regular-expression pass over document.xml, without building its tree.

A report's document.xml is some hundred kilobytes of run properties around a few thousand words; parsing it into
a tree and walking that costs most of the time a DOCX takes to audit. Only the elements that matter are scanned
for (body, paragraph, table, row, cell, text, tab, break, vMerge) and the result is the same blocks the tree
walk in read_docx gives: paragraphs of the body split into lines, rows of the body's tables with the
continuation cells of a vertical merge skipped, a cell's paragraphs joined by line breaks.

The scan handles the documents word processors and core/render write. Anything it does not model — another
prefix for the main namespace, content controls, custom XML, text boxes, alternate content, nested tables,
comments, CDATA, a DTD, markup inside a w:t, elements wrapping a paragraph or table of the body or a cell of a
row, or tags out of balance — makes it return None, and read_docx walks the tree instead. The XML is checked to
be well formed first (expat, without callbacks), so a damaged file is refused exactly as by the tree walk.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from .document import Paragraph, Row

_NAMESPACE = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_UNMODELLED = (b"<!", b"sdt", b"customXml", b"txbxContent", b"AlternateContent", b"<w:body/")
_TOKEN = re.compile(  # the `<` shared by both branches first: the engine then skips to the next `<`
    rb"<(?:w:t(?:\s[^<>]*)?>([^<]*)</w:t\s*>|(/?)w:(p|tbl|tr|tc|tab|br|vMerge|body|t)(?=[\s/>])([^<>]*)>)"
)
_VAL = re.compile(rb"""w:val\s*=\s*["']([^"']*)["']""")
_DECLARATION = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([^"']*)["']""")
_REFERENCE = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
# the parent each scanned element must have (a nested table is left to the tree walk)
_PARENT = {b"p": (b"body", b"tc"), b"tbl": (b"body",), b"tr": (b"tbl",), b"tc": (b"tr",)}


class _Unmodelled(Exception):
    """The document has a structure the scan does not model."""


def scan_docx(xml: bytes) -> list | None:
    """The blocks of a well-formed document.xml, or None when the tree walk must read it."""
    if xml.count(_NAMESPACE) != 1 or xml.count(_MAIN.encode()) != 1 or xml.count(b"<?") > 1:
        return None
    if any(marker in xml for marker in _UNMODELLED) or xml.count(b"<w:body") != 1:
        return None
    declared = _DECLARATION.match(xml)
    if declared and declared.group(1).lower().replace(b"-", b"") != b"utf8":
        return None
    try:
        expat.ParserCreate().Parse(xml, True)
    except expat.ExpatError:
        return None
    try:
        return _blocks(xml)
    except (_Unmodelled, UnicodeDecodeError):
        return None


def _blocks(xml: bytes) -> list:
    blocks: list = []
    tables = 0
    stack: list[bytes] = []  # the open elements among body, p, tbl, tr, tc
    parts: list[str] = []  # the open paragraph's text
    cell: list[str] | None = None  # the open cell's paragraphs
    row: list[str] | None = None
    continuation = False
    top_end = 0  # where the last child of the body or of the open row ended
    for match in _TOKEN.finditer(xml):
        text, closing, name, rest = match.groups()
        if text is not None:
            if b"p" in stack:
                # plain characters, the common case, need no line ends or references replaced
                parts.append(_text(text) if b"&" in text or b"\r" in text else text.decode("utf-8"))
            continue
        if name == b"t":
            if rest.rstrip().endswith(b"/") and not closing:
                continue  # an empty text
            raise _Unmodelled
        if name in (b"tab", b"br"):
            if b"p" in stack and not closing:
                parts.append(" " if name == b"tab" else "\n")
            continue
        if name == b"vMerge":
            if stack and stack[-1] == b"tc" and not closing:
                value = _VAL.search(rest)
                continuation = continuation or value is None or value.group(1) == b"continue"
            continue
        empty = not closing and rest.rstrip().endswith(b"/")  # a closing tag needs no look at its end
        if closing:
            if not stack or stack[-1] != name:
                raise _Unmodelled
            stack.pop()
        elif name == b"body":
            if stack:
                raise _Unmodelled
            if not empty:
                stack.append(name)
                top_end = match.end()
            continue
        else:
            if not stack or stack[-1] not in _PARENT[name]:
                raise _Unmodelled
            # a paragraph or table of the body, and a cell of a row, must be their children, not wrapped
            if stack[-1] in (b"body", b"tr") and not _balanced(xml[top_end : match.start()]):
                raise _Unmodelled
            if not empty:
                stack.append(name)
        # the element `name` opens (and, when empty, also closes) or closes here
        if name == b"p":
            if closing or empty:
                paragraph = "".join(parts)
                parts.clear()
                if cell is not None:
                    cell.append(paragraph)
                else:
                    _paragraph_lines(paragraph, blocks)
        elif name == b"tbl":
            if not closing:
                tables += 1
        elif name == b"tr":
            if not closing:
                row = []
            if closing or empty:
                if row:
                    blocks.append(Row(row, tables))
                row = None
        elif name == b"tc":
            if not closing:
                cell, continuation = [], False
            if closing or empty:
                if not continuation:
                    row.append("\n".join(cell).strip("\n"))
                cell = None
        if stack and stack[-1] in (b"body", b"tr"):
            top_end = match.end()
    if stack:
        raise _Unmodelled
    return blocks


def _text(raw: bytes) -> str:
    """The characters of a w:t: line ends normalised as an XML parser does, then references replaced."""
    text = raw.decode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _REFERENCE.sub(_reference, text)
    return text


def _reference(match: re.Match) -> str:
    name = match.group(1)
    if name[0] != "#":
        return _PREDEFINED[name]
    return chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))


def _paragraph_lines(text: str, blocks: list) -> None:
    text = text.strip()
    if text:
        for line in text.split("\n"):
            if line.strip():
                blocks.append(Paragraph(line.strip()))


def _balanced(between: bytes) -> bool:
    """Whether what lies between two elements of the body closes every element it opens (so that the next
    paragraph or table is a child of the body, not of some wrapper)."""
    if b"<" not in between:
        return True
    closes = between.count(b"</")
    return between.count(b"<") - closes - between.count(b"/>") == closes
