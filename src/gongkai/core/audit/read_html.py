"""HTML pages as saved from a government site: the report's paragraphs and tables, without the page chrome.

The page is turned into text by a few regular-expression passes, each done in C: scripts, styles, the head and
the chrome elements (nav, header, footer, aside, forms, buttons) go; table, row and cell tags become separator
characters; block tags and <br> become line breaks; every other tag goes; entities are decoded and whitespace
collapsed as a browser would. The text is then cut into paragraphs and rows. A cell spanning several columns or
rows appears once, where it starts, and a table nested in a cell contributes its rows in document order;
recognition reads rows by their labels, so neither matters.

Chrome marked only by a class or id (``<div class="breadcrumb">``) or hidden by ``display:none`` needs the tree:
when the page has such markers it is parsed with lxml, those elements are dropped (unless they hold a table) and
the rest is serialised again before the same passes.
"""

from __future__ import annotations

import bisect
import html as html_entities
import re

from lxml import etree
from lxml import html as lxml_html

from .document import Document, Paragraph, Row, UnreadableError
from .encoding import decode_text, html_declared_charset
from .limits import MAX_CELLS, check_text_size, count_up_to

_HEAVY = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
)  # an unclosed one runs to the end, as in a browser
_CHROME = (
    "head",
    "title",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "select",
    "button",
    "iframe",
    "object",
)
_CHROME += ("embed", "textarea")
_INLINE_DATA = re.compile(rb"""\bsrc\s*=\s*["']data:[^"']*["']""", re.IGNORECASE)
_CELL_TAG = re.compile(rb"<t[dh][\s>/]", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_TABLE_OPEN, _TABLE_CLOSE, _ROW, _CELL = "\x1c", "\x1d", "\x1e", "\x1f"
_PASSES = (
    (re.compile(r"<table\b[^<>]*>", re.IGNORECASE), "\n" + _TABLE_OPEN),
    (re.compile(r"</table\s*>", re.IGNORECASE), _TABLE_CLOSE + "\n"),
    (re.compile(r"<tr\b[^<>]*>", re.IGNORECASE), _ROW),
    (re.compile(r"<t[dh]\b[^<>]*>", re.IGNORECASE), _CELL),
    (re.compile(r"<br\b[^<>]*>", re.IGNORECASE), "\n"),
    (
        re.compile(
            r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|section|article|main|blockquote|pre|center|body|html|hr|"
            r"address|figure|figcaption|caption|tbody|thead|tfoot)\b[^<>]*>",
            re.IGNORECASE,
        ),
        "\n",
    ),
    (re.compile(r"</?[a-zA-Z!][^<>]*>"), ""),
)
_BLANKS = re.compile(r"[ \t\u00a0\u3000\u200b\ufeff\u2002\u2003\u2009]+")
_STRUCTURE = re.compile(f"([{_TABLE_OPEN}{_TABLE_CLOSE}{_ROW}])")
_CHROME_HINT = re.compile(
    r"""(?:class|id)\s*=\s*["'][^"']*(?:nav|menu|foot|crumb|sidebar|share|copyright|topbar|banner|header|toolbar|"""
    r"""pagination|related)|display\s*:\s*none""",
    re.IGNORECASE,
)
_CHROME_NAMES = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|foot|breadcrumbs?|crumbs?|sidebar|share|copyright|topbar|banner|"
    r"site-header|header|toolbar|pagination|related)($|[\s_-])",
    re.IGNORECASE,
)


def read_html(data: bytes) -> Document:
    data = _INLINE_DATA.sub(b" ", cut_elements(data, _HEAVY, to_end=True))
    check_text_size(len(data), "网页（不含脚本、样式和内嵌图片）")
    if count_up_to(_CELL_TAG, data, MAX_CELLS) > MAX_CELLS:
        raise UnreadableError(f"网页中的表格单元格过多（超过 {MAX_CELLS} 个）")
    text = _XML_DECLARATION.sub("", _CONTROL.sub("", decode_text(data, html_declared_charset(data))))
    if not text.strip():
        raise UnreadableError("HTML 页面没有内容")
    if _CHROME_HINT.search(text):
        text = _without_marked_chrome(text)
    return Document("html", blocks_of(page_text(text)))


def page_text(markup: str) -> str:
    """The page as text: line breaks between blocks, separator characters for tables, rows and cells."""
    text = _SPACES.sub(" ", cut_elements(markup, _CHROME, to_end=False))
    for pattern, replacement in _PASSES:
        text = pattern.sub(replacement, text)
    return _BLANKS.sub(" ", html_entities.unescape(text))


def cut_elements(markup, names: tuple[str, ...], *, to_end: bool):
    """``markup`` (str or bytes) without the elements ``names`` and comments, in one linear pass: each opening
    tag is paired with the next closing tag of its name (found from a precomputed list, so an unclosed tag does
    not cause a rescan). An unclosed element runs to the end when ``to_end`` (scripts, as browsers read them),
    else only its opening tag goes."""
    is_bytes = isinstance(markup, bytes)
    alternatives = "|".join(names)
    opener = re.compile(f"<!--|<({alternatives})\\b", re.IGNORECASE)
    closer = re.compile(f"-->|</({alternatives})\\s*>", re.IGNORECASE)
    if is_bytes:
        opener, closer = (re.compile(p.pattern.encode(), re.IGNORECASE) for p in (opener, closer))
    closings: dict = {}
    for match in closer.finditer(markup):
        key = match.group(1).lower() if match.group(1) else None
        closings.setdefault(key, []).append((match.start(), match.end()))
    kept, position = [], 0
    for match in opener.finditer(markup):
        if match.start() < position:
            continue
        key = match.group(1).lower() if match.group(1) else None
        ends = closings.get(key, [])
        index = bisect.bisect_left(ends, (match.end(), 0))
        kept.append(markup[position : match.start()])
        if index < len(ends):
            position = ends[index][1]
        elif to_end or key is None:
            position = len(markup)
            break
        else:
            position = match.end()
    kept.append(markup[position:])
    return (b" " if is_bytes else " ").join(kept)


def blocks_of(text: str) -> list:
    """Paragraphs (one per non-empty line) and rows (their cells in order) from page_text's output."""
    blocks: list = []
    depth = tables = 0
    row: list[str] | None = None
    for part in _STRUCTURE.split(text):
        if part == _TABLE_OPEN:
            depth += 1
            tables += 1
            row = None
        elif part == _TABLE_CLOSE:
            depth = max(0, depth - 1)
            row = None
        elif part == _ROW:
            if depth:
                row = []
                blocks.append(Row(row, tables))
        elif row is not None:
            pieces = part.split(_CELL)
            if pieces[0].strip() and row:
                row[-1] = _cell(row[-1] + pieces[0])
            row.extend(_cell(piece) for piece in pieces[1:])
        else:
            _paragraphs(part.replace(_CELL, "\n"), blocks)
    return [b for b in blocks if not isinstance(b, Row) or b.cells]


def _cell(text: str) -> str:
    if "\n" not in text:
        return text.strip()
    return "\n".join(line for line in (piece.strip() for piece in text.split("\n")) if line)


def _paragraphs(text: str, blocks: list) -> None:
    for line in text.split("\n"):
        line = line.strip()
        if line:
            blocks.append(Paragraph(line))


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
