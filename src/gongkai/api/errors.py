"""The error bodies every endpoint may answer, declared once so the schema states what is actually returned.

`BAD_INPUT` (400) comes from `gongkai.inputs` before any view runs (a NUL, a lone surrogate or a control character
in the path, the query or a field), so every operation declares it.
"""

from __future__ import annotations

from ninja import Schema


class DetailOut(Schema):
    detail: str


class ErrorsOut(Schema):
    detail: str
    errors: dict[str, str]


BAD_INPUT = {400: ErrorsOut}
STAFF_ERRORS = {**BAD_INPUT, 401: DetailOut, 403: DetailOut, 404: DetailOut}
"""What a staff endpoint answers besides its result: bad input, not logged in, not allowed, no such agency."""
