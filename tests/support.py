"""Helpers shared by the tests (importable as `support` thanks to pytest's pythonpath)."""

import pytest

from gongkai.core.identifiers import uscc_check_char

PASSWORD = "test-pass-123"


def credit_code(n: int) -> str:
    """A valid 统一社会信用代码 numbered n."""
    base = f"11340100MB{n:07d}"
    return base + uscc_check_char(base)


def formats(*names: str) -> list:
    """Output formats as test parameters; the PDF (WeasyPrint, seconds) carries the `roundtrip` marker."""
    return [pytest.param(name, marks=pytest.mark.roundtrip) if name == "pdf" else name for name in names]
