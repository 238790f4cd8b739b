"""The neutral document every reader produces and recognition consumes.

A document is a flat list of blocks in reading order: paragraphs (a line or a paragraph of prose) and table rows
(a list of cell texts). Readers that know cell boundaries (text with separators, HTML, DOCX) emit rows; readers
that only know lines (PDF) emit paragraphs, and recognition splits those lines into cells itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Paragraph:
    """A line or paragraph of text. From a PDF, `spans` gives the horizontal extent (x0, x1) of each
    whitespace-separated word of `text`, so that numbers can be placed in their table columns, and `page` the
    page it stands on (1-based), so that findings can say where to look."""

    text: str
    spans: tuple[tuple[float, float], ...] | None = None
    page: int | None = None


@dataclass(slots=True)
class Row:
    cells: list[str]
    table: int = 0


Block = Paragraph | Row


@dataclass(slots=True)
class Document:
    """What a reader returns: the blocks plus the detected format (txt, html, docx, pdf)."""

    format: str
    blocks: list[Block] = field(default_factory=list)


class UnreadableError(Exception):
    """A file that cannot be read; the message is the reason, in Chinese, for the `unreadable` finding."""
