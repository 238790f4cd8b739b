"""`gongkai audit --url / --urls / --crawl` against a local HTTP server that the test starts.

The server (127.0.0.1, a free port, threads) serves a small government site: a 年报 column of two pages, a
report page rendered by core/render, a page that only wraps a PDF attachment (a real published report), a GBK
page whose header and meta tag say UTF-8, an old address that redirects, a redirect loop, a page that answers
too slowly, a missing page, a news page that is no report, and a robots.txt that closes /private/. The polite
delay is set to 0 where the test is not about it, so the tests are fast.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.core.render.html import render_html

from report_samples import city_department_2022, jingkai_2020

REAL = Path(__file__).parents[1] / "fixtures" / "real"
SLOW_SECONDS = 3.0


def _page(title: str, body: str) -> bytes:
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>{body}</body></html>'.encode()


def _site() -> dict[str, tuple[int, dict[str, str], bytes]]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    gbk = render_html(jingkai_2020()).encode("gb18030")  # declared UTF-8 (meta and header), written in GBK
    column = _page(
        "政府信息公开年报",
        '<ul><li><a href="2022.html">淮安市示范区市场监督管理局2022年政府信息公开工作年度报告</a></li>'
        '<li><a href="/ndbg/2023.html">洪泽区2023年政府信息公开工作年度报告</a></li>'
        '<li><a href="/private/2019.html">2019年度报告（内部）</a></li>'
        '<li><a href="/news/1.html">工作动态</a></li>'
        '<li><a href="https://elsewhere.example/ndbg.html">上级政府年度报告</a></li></ul>'
        '<a href="index_1.html">下一页</a>',
    )
    second = _page(
        "政府信息公开年报（第2页）",
        '<a href="/ndbg/2020gbk.html">经开区人力资源和社会保障局2020年年度报告</a>'
        '<a href="/old/2022">2022年度报告（旧地址）</a><a href="/loop/a">年报（循环）</a>',
    )
    wrapper = _page(
        "洪泽区2023年报",
        '<p>请下载附件查看全文：</p><p><a href="/files/2023年度报告.pdf">2023年度报告.pdf</a></p>',
    )
    return {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
        "/ndbg/": (200, html, column),
        "/ndbg/index_1.html": (200, html, second),
        "/ndbg/2022.html": (200, html, render_html(city_department_2022()).encode()),
        "/ndbg/2023.html": (200, html, wrapper),
        "/files/2023年度报告.pdf": (
            200,
            {"Content-Type": "application/pdf"},
            (REAL / "2023-huaian-hongze-district.pdf").read_bytes(),
        ),
        "/ndbg/2020gbk.html": (200, html, gbk),
        "/old/2022": (302, {"Location": "/ndbg/2022.html"}, b""),
        "/loop/a": (302, {"Location": "/loop/b"}, b""),
        "/loop/b": (302, {"Location": "/loop/a"}, b""),
        "/private/2019.html": (200, html, render_html(city_department_2022()).encode()),
        "/news/1.html": (200, html, _page("工作动态", "<p>我局召开政务公开工作会议。</p>")),
    }


class _Handler(BaseHTTPRequestHandler):
    site: dict = {}
    requests: list[tuple[float, str]] = []

    def do_GET(self):  # noqa: N802 — the name http.server calls
        from urllib.parse import unquote

        path = unquote(self.path)
        self.requests.append((time.monotonic(), path))
        if path == "/slow.html":
            time.sleep(SLOW_SECONDS)
        status, headers, body = self.site.get(path, (404, {"Content-Type": "text/plain"}, b"not found"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the auditor gave up (timeout test)
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    _Handler.site = _site()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def audit(capsys, *args: str) -> list[dict]:
    status = main(["audit", "--json", "--delay", "0", "--timeout", "1", *args])
    out = capsys.readouterr()
    assert status == 0, out.err
    assert "Traceback" not in out.err
    return json.loads(out.out)


def codes(report: dict) -> list[str]:
    return [f["code"] for f in report["findings"]]


def test_a_report_page(server, capsys):
    (report,) = audit(capsys, "--url", f"{server}/ndbg/2022.html")
    assert report["source"] == f"{server}/ndbg/2022.html"
    assert (report["year"], report["template"], report["agency"]) == (
        2022,
        "2021",
        "淮安市示范区市场监督管理局",
    )
    assert report["tables"]["requests"]["new"]["total"]["value"] == 97
    assert not [f for f in report["findings"] if f["severity"] == "error"]


def test_a_page_that_wraps_an_attachment_gives_the_attachment(server, capsys):
    (report,) = audit(capsys, "--url", f"{server}/ndbg/2023.html")
    assert report["source"].endswith("/files/2023年度报告.pdf")
    assert (report["year"], report["template"]) == (2023, "2021")
    assert report["agency"].endswith("洪泽区人民政府")


def test_gbk_page_declared_utf8_and_a_redirect(server, capsys):
    gbk, moved = audit(capsys, "--url", f"{server}/ndbg/2020gbk.html", "--url", f"{server}/old/2022")
    assert gbk["agency"] == "经开区人力资源和社会保障局" and gbk["year"] == 2020
    assert gbk["tables"]["proactive"]["other_services.decisions"]["value"] == 100290
    assert moved["source"] == f"{server}/ndbg/2022.html" and moved["year"] == 2022


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/missing.html", "404"),
        ("/news/1.html", "不是政府信息公开工作年度报告"),
        ("/loop/a", "重定向"),
        ("/private/2019.html", "robots.txt"),
        ("/slow.html", "超时"),
    ],
)
def test_what_is_no_report_says_why(server, capsys, path, words):
    started = time.monotonic()
    (report,) = audit(capsys, "--url", f"{server}{path}")
    assert codes(report) == ["unreadable"]
    assert words in report["findings"][0]["message"]
    assert report["source"].startswith(server)
    assert time.monotonic() - started < 30  # generous: the timeout is one second


def test_urls_file(server, capsys, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# 本市各部门\n{server}/ndbg/2022.html\n\n{server}/missing.html\n", encoding="utf-8")
    reports = audit(capsys, "--urls", str(listing))
    assert [codes(r) == ["unreadable"] for r in reports] == [False, True]


def test_crawl_finds_every_report_of_the_column(server, capsys):
    reports = audit(capsys, "--crawl", f"{server}/ndbg/")
    sources = [r["source"] for r in reports]
    assert f"{server}/ndbg/2022.html" in sources
    assert any(s.endswith("/files/2023年度报告.pdf") for s in sources)
    assert f"{server}/ndbg/2020gbk.html" in sources
    assert not any("/private/" in s or "/news/" in s or "elsewhere" in s for s in sources)
    assert len(sources) == len(set(sources))  # the redirect to 2022.html is not a second report
    assert all(r["year"] for r in reports)


def test_crawl_is_bounded(server, capsys):
    _Handler.requests.clear()
    reports = audit(capsys, "--crawl", f"{server}/ndbg/", "--max-pages", "2")
    assert len([p for _, p in _Handler.requests if p != "/robots.txt"]) <= 2
    assert len(reports) <= 1
    (only,) = audit(capsys, "--crawl", f"{server}/ndbg/", "--depth", "0")
    assert codes(only) == ["unreadable"]  # the column page itself is no report


def test_polite_delay_between_requests(server, capsys):
    _Handler.requests.clear()
    status = main(["audit", "--json", "--delay", "0.3", "--crawl", f"{server}/ndbg/", "--max-pages", "4"])
    capsys.readouterr()
    assert status == 0
    times = [t for t, p in _Handler.requests if p != "/robots.txt"]
    assert len(times) >= 3
    assert all(later - earlier >= 0.25 for earlier, later in zip(times, times[1:], strict=False))
