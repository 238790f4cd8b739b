"""Turn the blocks of a table's region into a stream of cell tokens.

Rows give their cells; lines of text (PDF, space-separated text) are split on whitespace, with neighbouring
pieces of label text joined again (a label may contain spaces: `商业 企业`). A cell that is a row label with its
numbers glued on (`（七）总计21710000218`) is split into the label and the digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.core.report.formats import TEMPLATE_TEXT_PATTERNS

from .document import Paragraph, Row
from .normalize import ascii_digits, compact
from .values import is_placeholder, looks_like_value

_SIGNED_RUN = re.compile(r"^\d+(?:[+\-]\d+)+$")
_GLUED_LABEL = re.compile(r"^(?P<label>.*?[^\d\s.])\s*(?P<digits>\d[\d\s]*)$")


@dataclass(slots=True)
class Token:
    """A cell or a piece of a line; `source` numbers the whitespace-free piece of text it came from."""

    text: str
    value: bool
    source: int = 0
    x: float | None = None  # horizontal centre on the page, for text from a PDF


def table_tokens(blocks: list, label_phrases: tuple[str, ...]) -> list[Token]:
    tokens: list[Token] = []
    lines = False  # placeholders broken over lines only come from text lines, never from a table's cells
    for block in blocks:
        if isinstance(block, Row):
            for cell in block.cells:
                if cell.isascii() and cell.isdigit():  # the common case, without the general parse
                    tokens.append(Token(cell, True, len(tokens)))
                else:
                    tokens.extend(_cell_tokens(cell, label_phrases, len(tokens)))
        elif isinstance(block, Paragraph):
            tokens.extend(_line_tokens(block, label_phrases, len(tokens)))
            lines = True
    return _join_broken_placeholders(tokens) if lines else tokens


def _join_broken_placeholders(tokens: list[Token]) -> list[Token]:
    """A placeholder in a narrow column comes out of a PDF one line per piece (左栏 / 所有 / 总计): join it."""
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        if tokens[index].value:
            result.append(tokens[index])
            index += 1
            continue
        end = _placeholder_end(tokens, index)
        if end:
            result.append(Token("".join(t.text for t in tokens[index:end]), True, tokens[index].source))
            index = end
        else:
            result.append(tokens[index])
            index += 1
    return result


def _placeholder_end(tokens: list[Token], index: int) -> int | None:
    if tokens[index].value or len(tokens[index].text) > 6:
        return None
    text = tokens[index].text
    for end in range(index + 2, min(index + 5, len(tokens)) + 1):
        token = tokens[end - 1]  # the run grows by one token at a time: only the new one is checked
        if token.value or len(token.text) > 6:
            return None
        text += token.text
        if is_placeholder(text):
            return end
    return None


def _cell_tokens(cell: str, label_phrases: tuple[str, ...], source: int) -> list[Token]:
    if looks_like_value(cell):
        split = _split_glued_label(cell, label_phrases, source)
        return split if split else [Token(cell, True, source)]
    return [Token(cell, False, source)]


def _line_tokens(paragraph: Paragraph, label_phrases: tuple[str, ...], start: int) -> list[Token]:
    tokens: list[Token] = []
    words = paragraph.text.split()
    spans = paragraph.spans if paragraph.spans and len(paragraph.spans) == len(words) else None
    for number, word in enumerate(words):
        source = start * 1000 + number
        x = (spans[number][0] + spans[number][1]) / 2 if spans else None
        if word.isascii() and word.isdigit():  # the common case, without the general parse
            tokens.append(Token(word, True, source, x))
            continue
        for piece in _split_signs(word):
            if looks_like_value(piece):
                split = _split_glued_label(piece, label_phrases, source)
                parts = None if split else _text_then_number(piece)
                if split:
                    _append_label(tokens, split[0].text, source, x)
                    tokens.extend(split[1:])
                elif parts:
                    _append_label(tokens, parts[0], source, x)
                    tokens.append(Token(parts[1], True, source, x))
                else:
                    tokens.append(Token(piece, True, source, x))
            else:
                _append_label(tokens, piece, source, x)
    return tokens


_TEXT_NUMBER = re.compile(r"^(?P<text>.*?[^\d\s.,+\-])(?P<number>[+\-]?\d+(?:\.\d+)?(?:万元|元|件|项|个)?)$")


def _text_then_number(piece: str) -> tuple[str, str] | None:
    """In a line of text, words such as `…政强制6404` are a label (here one broken by a stray word) and its
    number, not a value cell: only template text (`项目数量0`, `2020年内作出…的总数量100290`) or a placeholder
    before a number is read as one cell."""
    match = _TEXT_NUMBER.match(ascii_digits(piece))
    if not match or is_placeholder(piece):
        return None
    text = match.group("text")
    if any(pattern.search(text + "0") for pattern in TEMPLATE_TEXT_PATTERNS):
        return None
    return text, match.group("number")


def _split_signs(word: str) -> list[str]:
    """`22+13100290` (a signed 本年增/减 run into its neighbours) → `22`, `+13100290`."""
    if _SIGNED_RUN.match(word):
        return [p for p in re.split(r"(?=[+\-])", word) if p]
    return [word]


def _append_label(tokens: list[Token], text: str, source: int, x: float | None = None) -> None:
    if tokens and not tokens[-1].value:
        tokens[-1].text += " " + text
    else:
        tokens.append(Token(text, False, source, x))


def _split_glued_label(cell: str, label_phrases: tuple[str, ...], source: int) -> list[Token] | None:
    match = _GLUED_LABEL.match(ascii_digits(cell.strip()))
    if not match:
        return None
    label = compact(match.group("label"))
    if not any(phrase in label for phrase in label_phrases):
        return None
    digits = match.group("digits").split()
    return [Token(match.group("label"), False, source), *(Token(d, True, source) for d in digits)]
