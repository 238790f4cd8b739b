"""The plain text of an attachment (PDF, OFD, DOCX, XLSX: the types publishing/attachments.py lets through), for
the portal's search.

Every step is bounded, because the file is the uploader's and may be hostile: the file's size (the upload limit)
before anything is read, the PDF's pages, each XML part's expanded size (read through a capped stream whatever
its zip directory declares), the number of OFD pages, the characters kept (MAX_CHARS) and the time spent
(MAX_SECONDS, checked between pages and parts). XML is parsed without entities, DTDs or the network, element by
element. A file that cannot be read, in whole or in part, gives the text read so far or none, never an error:
search is a convenience, and the upload itself was checked when the file was attached.

The text is normalised as the items' search text is (publishing/text.py): NFKC (full-width forms to ASCII),
lower case, whitespace collapsed, control characters dropped.
"""

from __future__ import annotations

import io
import logging
import re
import time
import unicodedata
import zipfile
from collections.abc import Iterator

log = logging.getLogger(__name__)

MAX_CHARS = 50_000  # of one attachment's text
MAX_PDF_PAGES = 200
MAX_PART_BYTES = 16 * 1024 * 1024  # one XML part, expanded
MAX_OFD_PAGES = 500
MAX_SECONDS = 20.0
_OFD_PAGE = re.compile(r"(?:^|/)Pages/Page_(\d+)/Content\.xml$")
_XLSX_PARTS = re.compile(r"^xl/(?:sharedStrings\.xml|worksheets/[^/]+\.xml)$")


class _Budget:
    """The characters and the time left for one file's text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.chars = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def add(self, text: str) -> bool:
        """Keep ``text``; False once the characters or the time are spent (stop reading)."""
        if text:
            self.parts.append(text)
            self.chars += len(text)
        return self.chars < MAX_CHARS and time.monotonic() < self.deadline

    def text(self) -> str:
        return normalized(" ".join(self.parts))[:MAX_CHARS]


def normalized(text: str) -> str:
    """NFKC, lower case, control characters (and lone surrogates) dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    kept = "".join(c if unicodedata.category(c) not in ("Cc", "Cs", "Co", "Cn") else " " for c in text)
    return " ".join(kept.split()).lower()


def text_of(name: str, data: bytes, max_bytes: int) -> str:
    """The plain text of the attachment ``name`` (its extension says its type) from its bytes, at most MAX_CHARS
    characters; "" for a type without text, a file above ``max_bytes`` or one that cannot be read."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    reader = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "ofd": _ofd}.get(ext)
    if reader is None or len(data) > max_bytes:
        return ""
    budget = _Budget()
    try:
        reader(data, budget)
    except Exception as exc:  # any failure of a parser on hostile input: keep what was read, if anything
        log.info("attachment text of a %s stopped: %s", ext, type(exc).__name__)
    return budget.text()


def _pdf(data: bytes, budget: _Budget) -> None:
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        return
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(min(len(document), MAX_PDF_PAGES)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
            if not budget.add(text):
                return
    finally:
        document.close()


def _docx(data: bytes, budget: _Budget) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        _xml_text(archive, "word/document.xml", ("t",), budget, breaks=("p", "tab", "br"))


def _xlsx(data: bytes, budget: _Budget) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(n for n in archive.namelist() if _XLSX_PARTS.match(n))
        for part in names:  # sharedStrings.xml sorts before worksheets/
            if not _xml_text(archive, part, ("t",), budget, breaks=("si", "is")):
                return


def _ofd(data: bytes, budget: _Budget) -> None:
    """GB/T 33190: each page's text is in TextCode elements of Doc_N/Pages/Page_N/Content.xml."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        pages = [(n, _OFD_PAGE.search(n)) for n in archive.namelist()]
        ordered = sorted((n.rsplit("/Pages/", 1)[0], int(m.group(1)), n) for n, m in pages if m)
        for _doc, _number, part in ordered[:MAX_OFD_PAGES]:
            if not _xml_text(archive, part, ("TextCode",), budget, breaks=("TextObject",)):
                return


def _xml_text(
    archive: zipfile.ZipFile, part: str, texts: tuple[str, ...], budget: _Budget, breaks: tuple[str, ...]
) -> bool:
    """Add the text of the elements named ``texts`` (local names) of one XML part to ``budget``, a space after
    each element named in ``breaks``; False once the budget is spent. A part too large is skipped."""
    if part not in archive.NameToInfo or archive.getinfo(part).file_size > MAX_PART_BYTES:
        return True
    with archive.open(part) as stream:
        content = stream.read(MAX_PART_BYTES + 1)  # the declared size may lie: the read is capped
    if len(content) > MAX_PART_BYTES:
        return True
    for name, element in _elements(content):
        if name in texts and not budget.add(element.text or ""):
            return False
        if name in breaks and not budget.add(" "):
            return False
        element.clear()
    return True


def _elements(content: bytes) -> Iterator[tuple[str, object]]:
    from lxml import etree

    events = etree.iterparse(
        io.BytesIO(content),
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    for _event, element in events:
        if isinstance(element.tag, str):
            yield etree.QName(element).localname, element
