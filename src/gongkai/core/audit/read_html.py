"""HTML pages as saved from a government site: the report's paragraphs and tables, without the page chrome.

The page is split on its tags in one pass (a regular expression, in C) and the pieces are walked once: scripts,
styles, the head and the chrome elements (nav, header, footer, aside, forms, buttons) are skipped with what they
hold; table, row and cell tags open tables, rows and cells; block tags and <br> end lines; every other tag is
dropped; entities are decoded and whitespace collapsed as a browser would. A cell holding only text (most of a
report's tags) is one match, doing what its two tags and its text would do in turn. A cell spanning several
columns or rows appears once, where it starts, and a table nested in a cell contributes its own rows in document
order; recognition reads rows by their labels, so neither matters.

Chrome marked only by a class or id (``<div class="breadcrumb">``) or hidden by ``display:none`` needs the tree:
when an attribute says so, the page is parsed with lxml first, those elements are dropped (unless they hold a
table) and the rest is serialised again. Every step is linear in the page: an unclosed script runs to the end as
in a browser, an unclosed chrome element ends with its parent.
"""

from __future__ import annotations

import html as html_entities
import re

from lxml import etree
from lxml import html as lxml_html

from .document import Document, Paragraph, Row, UnreadableError
from .encoding import decode, html_declared_charset
from .limits import MAX_CELLS, check_text_size

_RAW_TEXT = (b"script", b"style", b"noscript", b"template", b"svg", b"textarea")
_RAW_START = re.compile(rb"<(?:[sS][cCtTvV]|[nN][oO]|[tT][eEaA]|!--)")
# skipped with their content (a form is not: ASP.NET pages wrap the whole page in one)
_CHROME = frozenset(
    {"head", "title", "nav", "header", "footer", "aside", "select", "button", "iframe", "object"}
)
_CHROME |= {"script", "style", "noscript", "template", "svg", "textarea"}
_ENDS_SKIP = frozenset({"/body", "/html", "body"})  # an unclosed element ends with the page (or the head)
_BLOCK = frozenset(
    ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article")
    + ("main", "blockquote", "pre", "center", "body", "html", "hr", "address", "figure", "figcaption")
    + ("caption", "tbody", "thead", "tfoot", "br")
)
# a cell holding only text (the common case) is one match, its text the first group; any other tag gives its name
_TAG = re.compile(
    r"<t[dh](?:\s[^<>]*)?/?>([^<]*)</t[dh](?:\s[^<>]*)?/?>"
    r"|<(/?[A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>|<![^<>]*>|<\?[^<>]*>"
)
_INLINE_DATA = re.compile(rb"""\bsrc\s*=\s*["']data:[^"']*["']""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL.match(chr(b)))
# in these a control character of the text is a control byte of the page (no multi-byte sequence uses one)
_CONTROL_AS_BYTES = frozenset({"utf-8", "utf-8-sig", "gb18030"})
_INVISIBLE = {0x200B: None, 0xFEFF: None}
_CHROME_NAMES = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|foot|breadcrumbs?|crumbs?|sidebar|share|copyright|topbar|banner|"
    r"site-header|header|toolbar|pagination|related)($|[\s_-])",
    re.IGNORECASE,
)
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# one pattern per attribute name, so that each scan starts from a literal (fast in the regex engine)
_MARKING_ATTRIBUTES = tuple(
    re.compile(name + r"""\s*=\s*["']?([^"'<>]*)""")
    for name in ("class", "id", "style", "CLASS", "ID", "STYLE")
)


def read_html(data: bytes) -> Document:
    data = _without_raw_text(data)
    if b"data:" in data:
        data = _INLINE_DATA.sub(b" ", data)
    check_text_size(len(data), "网页（不含脚本、样式和内嵌图片）")
    # each cell tag takes three bytes at least: a smaller page cannot hold too many, and is not counted
    cells = 0 if len(data) <= 3 * MAX_CELLS else sum(data.count(t) for t in (b"<td", b"<th", b"<TD", b"<TH"))
    if cells > MAX_CELLS:
        raise UnreadableError(f"网页中的表格单元格过多（{cells} 个，上限 {MAX_CELLS}）")
    text, codec = decode(data, html_declared_charset(data))
    # the bytes without every other byte: a test in C that is faster than searching the decoded text
    if (codec not in _CONTROL_AS_BYTES or data.translate(None, _NOT_CONTROL)) and _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if "\u200b" in text or "\ufeff" in text:
        text = text.translate(_INVISIBLE)
    if not text.strip():
        raise UnreadableError("HTML 页面没有内容")
    if _marks_chrome(text):
        text = _without_marked_chrome(text)
    return Document("html", page_blocks(text))


def _without_raw_text(data: bytes) -> bytes:
    """The page without comments and the elements whose content is not text (scripts, styles …); an unclosed
    one runs to the end of the page, as a browser reads it. One scan finds the candidates (a cheap pattern on
    the first letters, in both cases); each is then checked by its whole name."""
    kept, position = [], 0
    while True:
        candidate = _RAW_START.search(data, position)
        while candidate is not None:
            head = data[candidate.start() + 1 : candidate.start() + 10].lower()
            name = next((n for n in (b"!--", *_RAW_TEXT) if head.startswith(n)), None)
            if name is not None and (name == b"!--" or not head[len(name) : len(name) + 1].isalnum()):
                break
            candidate = _RAW_START.search(data, candidate.start() + 1)
        if candidate is None:
            break
        start = candidate.start()
        kept.append(data[position:start])
        closing = b"-->" if name == b"!--" else b"</" + name
        end = _find_folded(data, closing, start + len(name) + 1)
        if end < 0:
            return b" ".join(kept)
        position = data.find(b">", end) + 1 or len(data)
    kept.append(data[position:])
    return b" ".join(kept) if len(kept) > 1 else data


def _find_folded(data: bytes, needle: bytes, start: int) -> int:
    """``data.find(needle, start)`` in either letter case (`</script>` or `</SCRIPT>`)."""
    found = [i for i in (data.find(needle, start), data.find(needle.upper(), start)) if i >= 0]
    if not found and needle.lower() != needle.upper():
        match = re.compile(re.escape(needle), re.IGNORECASE).search(data, start)
        return match.start() if match else -1
    return min(found, default=-1)


_CELL, _END_CELL, _ROW, _END_ROW, _TABLE, _END_TABLE, _BREAK, _SKIP = range(8)
_ACTIONS = {"td": _CELL, "th": _CELL, "/td": _END_CELL, "/th": _END_CELL, "tr": _ROW, "/tr": _END_ROW}
_ACTIONS |= {"table": _TABLE, "/table": _END_TABLE}
_ACTIONS |= {name: _BREAK for name in _BLOCK} | {"/" + name: _BREAK for name in _BLOCK}
_ACTIONS |= {name: _SKIP for name in _CHROME}  # one lookup per tag decides what it does


def page_blocks(markup: str) -> list:
    """Paragraphs (one per line of text) and rows (their cells in order), in document order.

    One loop over the tags with its state in local variables: it runs once per tag of the page."""
    pieces = _TAG.split(markup)
    blocks: list = []
    buffer: list[str] = []
    row: list[str] | None = None
    in_cell = False
    depth = tables = 0
    skipping: str | None = None
    skip_depth = 0
    actions = _ACTIONS

    def lines() -> None:
        for line in "".join(buffer).split("\n"):
            line = " ".join(line.split())
            if line:
                blocks.append(Paragraph(line))
        buffer.clear()

    for text, cell, name in zip(pieces[0::3], [*pieces[1::3], None], [*pieces[2::3], None], strict=True):
        if text and skipping is None:
            buffer.append(html_entities.unescape(text) if "&" in text else text)
        if cell is not None:  # a cell of text: what its opening tag, its text and its closing tag do in turn
            if skipping is not None:
                continue
            if in_cell:
                row.append(_cell("".join(buffer)))
                buffer.clear()
                in_cell = False
            if depth and row is None:
                if buffer:
                    lines()
                row = []
                blocks.append(Row(row, tables))
            if cell:
                buffer.append(html_entities.unescape(cell) if "&" in cell else cell)
            if depth:
                row.append(_cell("".join(buffer)))
                buffer.clear()
            continue
        if name is None:
            continue  # the end, or a comment, doctype or processing instruction
        if skipping is not None:
            if not name.islower():
                name = name.lower()
            if name == skipping:
                skip_depth += 1
            elif name == "/" + skipping:
                skip_depth -= 1
                if not skip_depth:
                    skipping = None
            elif name in _ENDS_SKIP:
                skipping = None
            continue
        action = actions.get(name)
        if action is None:
            if name.islower():
                continue  # a tag of no consequence (span, b, a …)
            name = name.lower()
            action = actions.get(name)
            if action is None:
                continue
        if action == _SKIP:
            skipping, skip_depth = name, 1
            continue
        if action == _BREAK:
            buffer.append("\n")
            continue
        if in_cell:  # every other action ends the open cell
            row.append(_cell("".join(buffer)))
            buffer.clear()
            in_cell = False
        if action in (_CELL, _ROW):
            if not depth:
                continue
            if action == _ROW or row is None:
                if buffer:
                    lines()
                row = []
                blocks.append(Row(row, tables))
            in_cell = action == _CELL
        elif action == _END_ROW:
            row = None
        elif action == _TABLE:
            if buffer:
                lines()
            depth += 1
            tables += 1
            row = None
        elif action == _END_TABLE:
            depth = max(0, depth - 1)
            row = None
    if in_cell:
        row.append(_cell("".join(buffer)))
    elif buffer:
        lines()
    return [b for b in blocks if not isinstance(b, Row) or b.cells]


def _cell(text: str) -> str:
    if "\n" not in text:
        return " ".join(text.split())
    return "\n".join(line for line in (" ".join(piece.split()) for piece in text.split("\n")) if line)


def _marks_chrome(text: str) -> bool:
    """Whether a class, id or style attribute marks an element as chrome (few distinct values to look at)."""
    patterns = _MARKING_ATTRIBUTES[:3]
    if "CLASS" in text or "ID=" in text or "STYLE" in text:
        patterns = _MARKING_ATTRIBUTES
    values = {value for pattern in patterns for value in pattern.findall(text)}
    return any(_CHROME_NAMES.search(v) or _HIDDEN.search(v) for v in values)


def _without_marked_chrome(text: str) -> str:
    """The page without the elements its class, id or style marks as chrome (kept when they hold a table)."""
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return text
    for element in root.xpath("//*[@class or @id or @style]"):
        if _is_chrome(element):
            element.drop_tree()
    return etree.tostring(root, encoding="unicode", method="html")


def _is_chrome(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    if "display:none" in style:
        return True
    names = f"{element.get('id') or ''} {element.get('class') or ''}"
    return bool(names.strip() and _CHROME_NAMES.search(names)) and not element.xpath(".//table")
