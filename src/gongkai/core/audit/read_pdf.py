"""PDF with a text layer, through pypdfium2.

The text comes line by line in reading order; page headers and footers (page numbers such as `- 1 -`, `第1页`,
or a line repeated at the top or bottom of most pages) are removed, so that a table running across a page break
reads as one. Table cells broken across lines are joined by recognition, which reads labels over line breaks.
"""

from __future__ import annotations

import re
from collections import Counter
from ctypes import c_double

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .document import Document, Paragraph, UnreadableError
from .limits import MAX_CHARS, MAX_PAGE_CHARS, MAX_PAGES

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·•]*(?:第\s*)?[0-9０-９]+(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?[0-9]+\s*页?)?[\s\-—–－·•]*$"
)


def read_pdf(data: bytes) -> Document:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower() or "security" in message.lower():
            raise UnreadableError("PDF 已加密（需要密码），无法读取") from exc
        raise UnreadableError(f"PDF 已损坏或格式不正确（{message}）") from exc
    try:
        pages = _page_lines(pdf)
    finally:
        pdf.close()
    if not any(pages):
        raise UnreadableError("PDF 没有文字层（可能是扫描件），无法读取文字")
    blocks = [
        Paragraph(text, spans or None, number)
        for number, page in enumerate(_strip_headers(pages), 1)
        for text, spans in page
    ]
    return Document("pdf", blocks)


Line = tuple[str, tuple[tuple[float, float], ...]]
_WORD = re.compile(r"\S+")
_LINE = re.compile(r"[^\r\n]+")


def _page_lines(pdf) -> list[list[Line]]:
    count = len(pdf)
    if count > MAX_PAGES:
        raise UnreadableError(f"PDF 页数过多（{count} 页，上限 {MAX_PAGES} 页）")
    pages = []
    chars = 0
    for index in range(count):
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                on_page = textpage.count_chars()
                chars += on_page
                if on_page > MAX_PAGE_CHARS or chars > MAX_CHARS:
                    raise UnreadableError(
                        f"PDF 文字过多（第 {index + 1} 页 {on_page} 字，全文上限 {MAX_CHARS} 字）"
                    )
                pages.append(_lines(textpage))
            finally:
                textpage.close()
        except pdfium.PdfiumError:
            pages.append([])
        finally:
            page.close()
    return pages


_UNMEASURED = (0.0, 0.0)  # a word that is no table value needs no position: only values are placed in columns
_VALUE_WORD = re.compile(r"[0-9０-９](?:万元|元|件|项|个|%)?$|^[+\-]?[0-9０-９]")


def _lines(textpage) -> list[Line]:
    """The page's lines, each with the x extent of its words (from the boxes of their first and last chars).

    Only words that can be table values (a number, or text ending in one) are measured — a character box costs
    a call into pdfium; the others get a placeholder extent, which says that the line has positions."""
    text = textpage.get_text_range()
    aligned = len(text) == textpage.count_chars()
    box = (c_double(), c_double(), c_double(), c_double())  # one set per page: calls fill it in place
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        line = match.group(0)
        if not line.strip():
            continue
        spans = []
        for word in _WORD.finditer(line):
            if not aligned:
                spans.append(None)
            elif _VALUE_WORD.search(word.group(0)):
                spans.append(
                    _extent(textpage, match.start() + word.start(), match.start() + word.end() - 1, box)
                )
            else:
                spans.append(_UNMEASURED)
        ok = all(s is not None for s in spans)
        lines.append((line.strip(), tuple(spans) if ok else ()))
    return lines


def _extent(textpage, first: int, last: int, box) -> tuple[float, float] | None:
    """Left of the first character and right of the last, straight from pdfium (FPDFText_GetCharBox fills
    left, right, bottom, top)."""
    left, right, bottom, top = box
    if not pdfium_c.FPDFText_GetCharBox(textpage, first, left, right, bottom, top):
        return None
    start = left.value
    if not pdfium_c.FPDFText_GetCharBox(textpage, last, left, right, bottom, top):
        return None
    return start, right.value


def _strip_headers(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove page numbers and the running header/footer lines repeated on most pages."""
    edges: Counter[str] = Counter()
    for lines in pages:
        for line in {*(t for t, _ in lines[:1]), *(t for t, _ in lines[-1:])}:
            edges[_digits_out(line)] += 1
    repeated = {key for key, n in edges.items() if len(pages) >= 3 and n >= max(3, len(pages) * 0.6)}
    cleaned = []
    for lines in pages:
        lines = list(lines)
        for position in (0, -1, 0, -1):
            text = lines[position][0] if lines else ""
            if lines and (_PAGE_NUMBER.match(text) or _digits_out(text) in repeated):
                lines.pop(position)
        cleaned.append(lines)
    return cleaned


def _digits_out(line: str) -> str:
    return re.sub(r"\d+", "#", line.replace(" ", ""))
