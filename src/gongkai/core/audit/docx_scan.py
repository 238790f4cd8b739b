"""A DOCX body read in one regular-expression pass over document.xml, without building its tree.

A report's document.xml is some hundred kilobytes of run properties around a few thousand words; parsing it into
a tree and walking that costs most of the time a DOCX takes to audit. Only the elements that matter are scanned
for (body, paragraph, table, row, cell, text, tab, break, vMerge) and the result is the same blocks the tree
walk in read_docx gives: paragraphs of the body split into lines, rows of the body's tables with the
continuation cells of a vertical merge skipped, a cell's paragraphs joined by line breaks. A cell of one paragraph
and a paragraph of plain texts, the common case, are each taken in one match; per tag, the loop would cost more
than the engine.

The scan handles the documents word processors and core/render write. Anything it does not model — another
prefix for the main namespace, content controls, custom XML, text boxes, alternate content, nested tables,
comments, CDATA, a DTD, markup inside a w:t, elements wrapping a paragraph or table of the body or a cell of a
row, or tags out of balance — makes it return None, and read_docx walks the tree instead. The XML is checked to
be well formed first (expat, without callbacks), so a damaged file is refused exactly as by the tree walk.

Word processors repeat the same property blocks around every run, paragraph and cell. A block that recurs is
checked once and its copies folded into an empty element (see _folded) before the check and the scan, which then
read fewer tags (two fifths fewer in core/render's reports, a quarter in the 2021 template); the verdict and the
reading stay those of the whole document.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from .document import Paragraph, Row

_NAMESPACE = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MAIN = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_UNMODELLED = (b"sdt", b"customXml", b"txbxContent", b"AlternateContent")
# Markup the scan passes over: everything up to the next tag it tracks, comment, CDATA, DTD or processing
# instruction (possessive, so never tried twice). A cell may also hold vMerge before its paragraph.
_FREE = rb"[^<]*+(?:<(?![!?]|/?w:(?:p|t(?:bl|r|c|ab)?|body|br|vMerge)[\s/>])[^<]*+)*+"
_FREE_CELL = rb"[^<]*+(?:<(?![!?]|/?w:(?:p|t(?:bl|r|c|ab)?|body|br)[\s/>])[^<]*+)*+"
_TEXT = rb"<w:t(?:\s[^<>]*+)?>([^<]*+)</w:t\s*>"
# A paragraph's inside when it holds only texts and markup the scan ignores.
_INSIDE = _FREE + rb"(?:<w:t(?:\s[^<>]*+)?>[^<]*+</w:t\s*>" + _FREE + rb")*+"
# the `<` shared by every branch first: the engine then skips to the next `<`. The two first branches take a whole
# cell of one such paragraph or an empty one (its properties, its paragraph's inside) and a whole such paragraph in one match, the
# common case, which the loop then handles as the tokens they stand for; anything else falls to the branches after
# them, one tag at a time. Closing tags have a branch of their own (a `/?` would be tried at every tag) and only
# those of the elements the scan tracks; the last branch finds `<!` (a comment, CDATA, a DTD) and `<?` (a
# processing instruction), which the scan refuses or counts.
_TOKEN = re.compile(
    rb"<(?:w:(?:tc(?:\s[^<>]*+)?(?<!/)>("
    + _FREE_CELL
    + rb")<w:p(?:\s[^<>]*+)?(?:(?<!/)>("
    + _INSIDE
    + rb")</w:p\s*>|/?(?<=/)>)"
    + _FREE
    + rb"</w:tc\s*>"
    rb"|p(?:\s[^<>]*+)?(?<!/)>(" + _INSIDE + rb")</w:p\s*>"
    rb"|t(?:\s[^<>]*)?>([^<]*)</w:t\s*>|(p|tbl|tr|tc|tab|br|vMerge|body|t)(?=[\s/>])([^<>]*)>)"
    rb"|/w:(p|tbl|tr|tc|body)\s*>|([!?]))"
)
_TEXTS = re.compile(_TEXT)
# property blocks repeated around runs, paragraphs and cells, folded before the check and the scan (see _folded)
_REPEATED = (b"tcPr", b"pPr", b"rPr")
_SAMPLES = 24  # places a block of each name is looked at
_WINDOW = 4096  # bytes a sample looks through for a block
_VARIANTS = 2  # recurring blocks of each name folded (each a pass over the document)
_RECURRING = 3  # samples that must find a block: folding a rare one costs more than it saves
_TRACKED = re.compile(rb"<(?:[!?]|/?w:(?:p|t(?:bl|r|c|ab)?|body|br|vMerge)[\s/>])")
_VMERGE = re.compile(rb"<w:vMerge(?=[\s/>])([^<>]*)>")
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
    # the namespace's one occurrence is its declaration for `w` (the declaration holds it: found, it is the one)
    if xml.count(_MAIN) != 1 or xml.find(_NAMESPACE) < 0:
        return None
    declared = _DECLARATION.match(xml)
    if declared and declared.group(1).lower().replace(b"-", b"") != b"utf8":
        return None
    # a comment, CDATA or DTD: the scan refuses them (and without them, folding keeps the verdict); the one byte
    # first, which memchr finds fast and XML rarely holds
    if xml.find(b"!") >= 0 and xml.find(b"<!") >= 0:
        return None
    xml = _folded(xml)
    # on the folded document, which says the same (no folded block holds a marker or a body tag) in fewer bytes;
    # find, not `in`: a bytes `in` first tries its operand as an integer and pays for the exception
    if any(xml.find(marker) >= 0 for marker in _UNMODELLED) or xml.count(b"<w:body") != 1:
        return None
    if not _well_formed(xml):
        return None
    try:
        return _blocks(xml)
    except (_Unmodelled, UnicodeDecodeError):
        return None


def _folded(xml: bytes) -> bytes:
    """The document with each property block that recurs (the same bytes around many runs, paragraphs or cells)
    replaced by an empty element of its name, for the check and the scan to read once instead of at each copy.

    A block is folded only when it is well formed on its own, holds nothing the scan reads (text, tab, break,
    vMerge, a tracked element, markup declarations) and leaves the count _balanced makes unchanged. In a document
    without comments, CDATA, a DTD or a processing instruction after its start, every copy then stands where the
    parser reads content — or where a `<` is an error either way (inside a tag or an attribute value), since the
    empty element keeps its `<` — so the folded document is well formed exactly when the document is, and the
    scan reads the same tokens from both."""
    if _instruction_after_start(xml):
        return xml
    for name in _REPEATED:  # cell and paragraph properties may hold run properties: the outer ones first
        opening, closing = b"<w:" + name + b">", b"</w:" + name + b">"
        # the blocks found at evenly spaced places: the ones found often are the ones that recur
        found: dict[bytes, int] = {}
        for place in range(0, len(xml), len(xml) // _SAMPLES + 1):
            # within a window: over a long stretch, find prepares its search anew at each call
            start = xml.find(opening, place, place + _WINDOW)
            end = xml.find(closing, start, start + _WINDOW) if start >= 0 else -1
            if end < 0:
                continue
            block = xml[start : end + len(closing)]
            found[block] = found.get(block, 0) + 1
        recurring = sorted(
            (block for block, times in found.items() if times >= _RECURRING), key=found.get, reverse=True
        )
        insides = [
            block[len(opening) :]
            for block in recurring[:_VARIANTS]
            if block.find(opening, 1) < 0
            and _TRACKED.search(block) is None
            and block.find(b"<w:body") < 0
            and not any(block.find(marker) >= 0 for marker in _UNMODELLED)
            and block.count(b"<") - block.count(b"/>") == 2 * block.count(b"</")
            and _well_formed(b"<x>" + block + b"</x>")
        ]
        if insides:
            xml = _replaced(xml, opening, insides, b"<w:" + name + b"/>")
    return xml


def _instruction_after_start(xml: bytes) -> bool:
    """Whether `<?` occurs after the first byte — found by memchr for `?` past the XML declaration first (the
    declaration ends in one; the rest of a document rarely holds any)."""
    declared = xml.find(b"?>", 2, 512) if xml.startswith(b"<?") else -1
    if declared < 0:
        return xml.find(b"?", 1) >= 0 and xml.find(b"<?", 1) >= 0
    if xml.find(b"<?", 1, declared + 2) >= 0:
        return True
    return xml.find(b"?", declared + 2) >= 0 and xml.find(b"<?", declared + 1) >= 0


def _replaced(xml: bytes, opening: bytes, insides: list[bytes], empty: bytes) -> bytes:
    """``xml`` with every ``opening + inside`` replaced by ``empty`` — as bytes.replace, which for a long block
    prepares its search anew at each copy found; here split on the short opening tag once (no block holds it but
    at its start, so every copy starts a piece)."""
    pieces = xml.split(opening)
    kept = [pieces[0]]
    for piece in pieces[1:]:
        for inside in insides:
            if piece.startswith(inside):
                kept += (empty, piece[len(inside) :])
                break
        else:
            kept += (opening, piece)
    return b"".join(kept)


def _well_formed(xml: bytes) -> bool:
    """Whether expat, without callbacks (the cheapest full check), finds the XML well formed."""
    try:
        expat.ParserCreate().Parse(xml, True)
    except expat.ExpatError:
        return False
    return True


def _blocks(xml: bytes) -> list:
    blocks: list = []
    tables = 0
    stack: list[bytes] = []  # the open elements among body, p, tbl, tr, tc
    parts: list[str] = []  # the open paragraph's text
    cell: list[str] | None = None  # the open cell's paragraphs
    row: list[str] | None = None
    continuation = False
    top_end = 0  # where the last child of the body or of the open row ended
    instructions = 0  # processing instructions: the XML declaration at most
    in_paragraph = False  # a paragraph is open (it is then the innermost open element: none nests in it)
    for match in _TOKEN.finditer(xml):
        properties, inside, alone, text, name, rest, closed, markup = match.groups()
        if properties is not None:  # a cell of one paragraph: its opening, vMerge, paragraph and closing
            if not stack or stack[-1] != b"tr" or not _balanced(xml[top_end : match.start()]):
                raise _Unmodelled
            if not _continues(properties):
                row.append(_inside_text(inside).strip("\n") if inside is not None else "")
            top_end = match.end()
            continue
        if alone is not None:  # a paragraph of texts: its opening, texts and closing
            if not stack or stack[-1] not in _PARENT[b"p"]:
                raise _Unmodelled
            if cell is not None:
                cell.append(_inside_text(alone))
                continue
            if not _balanced(xml[top_end : match.start()]):
                raise _Unmodelled
            _paragraph_lines(_inside_text(alone), blocks)
            top_end = match.end()
            continue
        if text is not None:
            if in_paragraph:
                text = text.decode("utf-8")
                # plain characters, the common case, need no line ends or references replaced
                parts.append(_text(text) if "&" in text or "\r" in text else text)
            continue
        if closed is not None:
            if not stack or stack[-1] != closed:
                raise _Unmodelled
            stack.pop()
            name, closing, empty = closed, True, False
        elif markup is not None:
            instructions += 1
            if markup == b"!" or instructions > 1:
                raise _Unmodelled  # a comment, CDATA or DTD, or a second processing instruction
            continue
        elif name == b"t":
            if rest.rstrip().endswith(b"/"):
                continue  # an empty text
            raise _Unmodelled
        elif name == b"tab" or name == b"br":
            if in_paragraph:
                parts.append(" " if name == b"tab" else "\n")
            continue
        elif name == b"vMerge":
            if stack and stack[-1] == b"tc":
                value = _VAL.search(rest)
                continuation = continuation or value is None or value.group(1) == b"continue"
            continue
        else:
            closing, empty = False, rest.rstrip().endswith(b"/")
            if name == b"body":
                if stack or rest[:1] == b"/":  # a second body, or an empty one (`<w:body/>`)
                    raise _Unmodelled
                if not empty:
                    stack.append(name)
                    top_end = match.end()
                continue
            if not stack or stack[-1] not in _PARENT[name]:
                raise _Unmodelled
            # a paragraph or table of the body, and a cell of a row, must be their children, not wrapped
            if stack[-1] in (b"body", b"tr") and not _balanced(xml[top_end : match.start()]):
                raise _Unmodelled
            if not empty:
                stack.append(name)
        # the element `name` opens (and, when empty, also closes) or closes here
        if name == b"p":
            in_paragraph = not (closing or empty)
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


def _continues(properties: bytes) -> bool:
    """Whether a cell whose markup before its paragraph is ``properties`` continues a vertical merge."""
    if properties.find(b"<w:vMerge") < 0:
        return False
    for merge in _VMERGE.finditer(properties):
        value = _VAL.search(merge.group(1))
        if value is None or value.group(1) == b"continue":
            return True
    return False


def _inside_text(inside: bytes) -> str:
    """The text of a paragraph's inside that holds only texts (see _INSIDE), as the token loop would join it."""
    texts = _TEXTS.findall(inside)
    joined = b"".join(texts)
    if joined.find(b"&") < 0 and joined.find(b"\r") < 0:
        return joined.decode("utf-8")  # each text is valid UTF-8 (expat checked), so their join is too
    return "".join(_text(text.decode("utf-8")) for text in texts)


def _text(text: str) -> str:
    """The characters of a w:t: line ends normalised as an XML parser does, then references replaced."""
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
    if between.find(b"<") < 0:
        return True
    closes = between.count(b"</")
    return between.count(b"<") - closes - between.count(b"/>") == closes
