"""HTML pages as saved from a government site: the report's paragraphs and tables, without the page chrome.

Each table row becomes a Row of its real cells in order (a cell spanning several columns or rows appears once,
where it starts); recognition reads rows by their labels, so the spans need not be repeated.
"""

from __future__ import annotations

import re

from lxml import etree, html

from .document import Document, Paragraph, Row, UnreadableError
from .encoding import decode_text, html_declared_charset

_CHROME_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "select",
    "iframe",
    "button",
    "svg",
    "template",
    "head",
    "object",
    "embed",
}
_CHROME_NAMES = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|foot|breadcrumbs?|crumbs?|sidebar|share|copyright|topbar|banner|"
    r"site-header|header|toolbar|pagination|related)($|[\s_-])",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "center",
    "dl",
    "dt",
    "dd",
    "body",
    "html",
    "tr",
    "hr",
    "address",
    "figure",
    "figcaption",
    "caption",
}
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u3000\u200b\ufeff]+")


def read_html(data: bytes) -> Document:
    text = decode_text(data, html_declared_charset(data))
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        raise UnreadableError("HTML 页面没有内容")
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableError(f"HTML 无法解析（{exc}）") from exc
    blocks: list = []
    walker = _Walker(blocks)
    walker.walk(root)
    walker.flush()
    return Document("html", blocks)


def _is_chrome(element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _CHROME_TAGS:
        return True
    names = f"{element.get('id') or ''} {element.get('class') or ''}"
    if names.strip() and _CHROME_NAMES.search(names):
        return not element.xpath(".//table")
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style


def cell_text(element) -> str:
    """The text of a table cell: <br> and paragraphs inside become line breaks, spaces are kept."""
    parts: list[str] = []
    for node in element.iter():
        if not isinstance(node.tag, str):
            if node.tail:
                parts.append(node.tail)
            continue
        tag = node.tag.lower()
        if tag in _CHROME_TAGS:
            continue
        if tag in {"br", "p", "div", "tr", "li", "table"} and parts:
            parts.append("\n")
        if node.text and tag not in _CHROME_TAGS:
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _Walker:
    """Walk the tree in document order, gathering inline text into paragraphs and tables into rows."""

    def __init__(self, blocks: list) -> None:
        self.blocks = blocks
        self.buffer: list[str] = []
        self.tables = 0

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.buffer)).strip()
        self.buffer.clear()
        for line in text.split("\n"):
            line = line.strip()
            if line:
                self.blocks.append(Paragraph(line))

    def walk(self, element) -> None:
        if not isinstance(element.tag, str):
            return
        tag = element.tag.lower()
        if _is_chrome(element):
            return
        if tag == "table":
            self.flush()
            self._table(element)
            return
        if tag == "br":
            self.buffer.append("\n")
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush()

    def _table(self, table) -> None:
        self.tables += 1
        for tr in table.iter("tr"):
            if _is_chrome(tr) or _outer_table(tr) is not table:
                continue
            cells = [cell_text(td) for td in tr if isinstance(td.tag, str) and td.tag.lower() in {"td", "th"}]
            if cells:
                self.blocks.append(Row(cells, self.tables))


def _outer_table(tr):
    parent = tr.getparent()
    while parent is not None and (not isinstance(parent.tag, str) or parent.tag.lower() != "table"):
        parent = parent.getparent()
    return parent
