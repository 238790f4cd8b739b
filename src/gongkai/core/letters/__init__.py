"""Letters to applicants, third parties and other agencies (告知书、征求意见书、收费通知), as pure Python.

A letter is a `Letter` value (title, 文号, addressee, body, remedies, the agency, the date) filled in from a text
template with a small safe placeholder syntax (`placeholders`), using the built-in wording of `defaults` unless an
agency edited its own; `docx` and `pdf` typeset it in the 公文 layout. Nothing here imports Django.
"""

from gongkai.core.letters.model import Letter, LetterKind

__all__ = ["Letter", "LetterKind"]
