"""Helpers shared by the tests (importable as `support` thanks to pytest's pythonpath)."""

from gongkai.core.identifiers import uscc_check_char

PASSWORD = "test-pass-123"


def credit_code(n: int) -> str:
    """A valid 统一社会信用代码 numbered n."""
    base = f"11340100MB{n:07d}"
    return base + uscc_check_char(base)
