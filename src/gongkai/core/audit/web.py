"""Fetching reports over HTTP(S) for `gongkai audit --url/--urls/--crawl`: bounded, polite, never raising.

Only http and https; at most five redirects; a timeout on connecting and on every read; the body read up to the
auditor's file limit and refused beyond it; robots.txt asked once per host (a missing or unreadable robots.txt
allows everything, as crawlers agree). Every failure becomes a `Page` with the reason in Chinese, which the
caller turns into an `unreadable` finding with the URL as its source.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from html import unescape

from .encoding import decode_text, html_declared_charset
from .limits import MAX_BYTES

USER_AGENT = "Gongkai-audit/1.0 (annual report auditor)"
MAX_REDIRECTS = 5
ATTACHMENT = re.compile(r"\.(?:pdf|docx|xlsx|doc|wps|txt)(?:$|[?#])", re.IGNORECASE)
_LINK = re.compile(
    r"""<a\b[^<>]*?\bhref\s*=\s*["']?([^"'\s<>]+)["']?[^<>]*>(.*?)</a\s*>""", re.IGNORECASE | re.DOTALL
)
_TAGS = re.compile(r"<[^<>]*>")


@dataclass
class Page:
    """What one request gave: the final URL (after redirects), the body, or the reason it failed."""

    url: str
    data: bytes = b""
    content_type: str = ""
    error: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)  # (absolute URL, link text) of an HTML page

    @property
    def is_html(self) -> bool:
        head = self.data[:1024].lower()
        return "html" in self.content_type or b"<html" in head or b"<!doctype html" in head

    def name(self) -> str:
        """A file name for the auditor's type detection: the URL's last segment, else by content type."""
        path = urllib.parse.urlsplit(self.url).path
        last = path.rsplit("/", 1)[-1]
        if "." in last:
            return last
        return "page.html" if self.is_html else "document"


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"重定向到不支持的地址：{newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_Redirects)


def fetch(url: str, timeout: float = 20.0) -> Page:
    """GET ``url``; a Page with the body, or with ``error`` set (never an exception)."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return Page(url, error="只支持 http:// 和 https:// 地址")
    # a Chinese path or query is sent percent-encoded; results keep the readable form
    request = urllib.request.Request(_encoded(url), headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    started = time.monotonic()
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            final = urllib.parse.unquote(response.geturl())
            content_type = response.headers.get("Content-Type", "").lower()
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                return Page(
                    final,
                    error=f"文件过大（{int(declared) // (1024 * 1024)} MB，上限 {MAX_BYTES // (1024 * 1024)} MB）",
                )
            chunks, size = [], 0
            while True:
                if time.monotonic() - started > timeout * 3:
                    return Page(final, error=f"下载超时（超过 {timeout * 3:.0f} 秒）")
                chunk = response.read(64 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_BYTES:
                    return Page(final, error=f"文件过大（超过 {MAX_BYTES // (1024 * 1024)} MB）")
                chunks.append(chunk)
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            return Page(url, error=f"重定向过多或循环重定向（超过 {MAX_REDIRECTS} 次，或回到已访问的地址）")
        return Page(url, error=f"服务器返回错误 {exc.code}（{exc.reason}）")
    except TimeoutError:
        return Page(url, error=f"连接超时（{timeout:g} 秒内没有响应）")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return Page(url, error=f"连接超时（{timeout:g} 秒内没有响应）")
        return Page(url, error=f"无法访问（{reason}）")
    except (OSError, ValueError) as exc:
        return Page(url, error=f"无法访问（{type(exc).__name__}: {exc}）")
    page = Page(final, b"".join(chunks), content_type)
    if page.is_html:
        page.links = links(page.data, final)
    return page


def _encoded(url: str) -> str:
    return urllib.parse.quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def links(data: bytes, base: str) -> list[tuple[str, str]]:
    """The page's links as absolute http(s) URLs without fragments, with their text, in order, once each."""
    text = decode_text(data, html_declared_charset(data))
    seen: set[str] = set()
    found = []
    for href, label in _LINK.findall(text):
        href = unescape(href.strip())
        if href.startswith(("javascript:", "mailto:", "#", "tel:")):
            continue
        absolute = urllib.parse.urldefrag(urllib.parse.urljoin(base, href))[0]
        if urllib.parse.urlsplit(absolute).scheme in ("http", "https") and absolute not in seen:
            seen.add(absolute)
            found.append((absolute, " ".join(unescape(_TAGS.sub("", label)).split())))
    return found


class Robots:
    """robots.txt of each host, fetched once (with the same timeout) and asked for every URL."""

    def __init__(self, timeout: float = 20.0) -> None:
        self.timeout = timeout
        self._parsers: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def allowed(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._parsers:
            page = fetch(f"{root}/robots.txt", self.timeout)
            parser = None
            if page.error is None and page.data and not page.is_html:
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(page.data.decode("utf-8", errors="replace").splitlines())
            self._parsers[root] = parser
        parser = self._parsers[root]
        return parser is None or parser.can_fetch(USER_AGENT, url)
