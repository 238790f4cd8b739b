"""The configured log handlers mask personal data, also in the URL-encoded forms of a request line."""

from __future__ import annotations

import io
import logging

import pytest

LINES = {
    "GET /admin/gongkai/applications/?q=13812345678 HTTP/1.1": "13812345678",
    "GET /admin/gongkai/applications/?q=138+1234+5678 HTTP/1.1": "1234+5678",
    "GET /admin/gongkai/applications/?q=138%201234%205678 HTTP/1.1": "1234%205678",
    "GET /admin/gongkai/applications/?q=%2B8613812345678 HTTP/1.1": "13812345678",
    "GET /admin/gongkai/applications/?q=zs%40example.com HTTP/1.1": "example.com",
    "GET /admin/gongkai/applications/?q=zs@example.com HTTP/1.1": "example.com",
    "GET /admin/gongkai/applications/?q=11010519491231002X HTTP/1.1": "11010519491231002X",
}


@pytest.fixture
def output():
    """What the root logger's configured handlers write (their streams swapped for a buffer)."""
    buffer = io.StringIO()
    handlers = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]  # not pytest's
    assert handlers, "the console handler of settings.LOGGING"
    old = [h.stream for h in handlers]
    for handler in handlers:  # not setStream: it flushes the old stream, which may be a closed capture file
        handler.stream = buffer
    yield buffer
    for handler, stream in zip(handlers, old, strict=True):
        handler.stream = stream


@pytest.mark.parametrize("line", LINES)
def test_request_lines_are_redacted(output, line):
    logging.getLogger("django.server").warning(line)
    written = output.getvalue()
    assert "GET /admin/gongkai/applications/?q=" in written
    assert LINES[line] not in written
    assert "已隐去" in written


def test_ordinary_numbers_are_kept(output):
    logging.getLogger("gongkai").warning("application 12345 page=2&year=2020 took 138 ms")
    assert "application 12345 page=2&year=2020 took 138 ms" in output.getvalue()
