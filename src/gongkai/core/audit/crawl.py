"""Audit reports on the web: single URLs, a list of them, or a site's 年报 column followed link by link.

A fetched page is read as it is served (the shared figure checks come after, with the rest of the batch). When it does not read as a report but links to attachments (PDF,
DOCX, XLSX) — a page that only wraps the document — the attachment that reads as a report is audited instead,
and its URL is the result's source. A page that is no report and links none gives one `unreadable` finding
that says so. Crawling starts from a column page and follows links on the same host, breadth first, to a
bounded depth and number of requests, waiting between requests and asking robots.txt first; every report it
finds is one result, with the URL it came from.
"""

from __future__ import annotations

import re
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gongkai.core.report.model import AnnualReport

from .api import read_report, unreadable
from .web import ATTACHMENT, Page, Robots, fetch

_REPORTISH = re.compile(r"年度报告|年报|工作报告|政府信息公开")
_NEXT_PAGE = re.compile(r"下一页|下页|next|index_\d+\.s?html?|page=\d+", re.IGNORECASE)


@dataclass
class Politeness:
    """How the crawler behaves: seconds between requests, timeout per request, depth and count bounds."""

    delay: float = 1.0
    timeout: float = 20.0
    depth: int = 2
    max_pages: int = 100


def is_report(report: AnnualReport) -> bool:
    """Whether a reading found a report at all: one of its tables, or at least three of its six sections (a
    year in a page's title alone is not enough — a column page lists reports of several years)."""
    if any(f.code == "unreadable" for f in report.findings):
        return False
    found = sum(1 for s in report.sections if s.found)
    return found >= 3 or any(report.tables.get(table) for table in ("proactive", "requests", "appeals"))


def not_a_report(url: str) -> AnnualReport:
    return unreadable(
        url, "该网页不是政府信息公开工作年度报告（未找到报告的章节或表格，也没有链接年度报告的附件）"
    )


class Auditor:
    """Fetches and audits, with one robots.txt cache and the delay kept between any two requests."""

    def __init__(self, politeness: Politeness | None = None) -> None:
        self.politeness = politeness or Politeness()
        self.robots = Robots(self.politeness.timeout)
        self._last = 0.0
        self.requests = 0

    def get(self, url: str) -> Page:
        if not self.robots.allowed(url):
            return Page(url, error="网站的 robots.txt 不允许抓取该地址")
        wait = self._last + self.politeness.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.requests += 1
        try:
            return fetch(url, self.politeness.timeout)
        finally:
            self._last = time.monotonic()

    def audit_url(self, url: str) -> AnnualReport:
        """One URL: the page, or the attachment it wraps; never an exception."""
        page = self.get(url)
        if page.error:
            return unreadable(url, page.error)
        report = read_report(page.data, page.url)
        if is_report(report):
            return report
        if not page.is_html:
            unread = any(f.code == "unreadable" for f in report.findings)
            return report if unread else not_a_report(page.url)
        for link, _ in _attachments(page):
            attached = self.get(link)
            if attached.error:
                continue
            candidate = read_report(attached.data, attached.url)
            if is_report(candidate):
                return candidate
        return not_a_report(page.url)

    def audit_urls(
        self, urls: Iterable[str], progress: Callable[[], None] | None = None
    ) -> list[AnnualReport]:
        results = []
        for url in urls:
            results.append(self.audit_url(url))
            if progress:
                progress()
        return results

    def crawl(self, start: str, progress: Callable[[], None] | None = None) -> list[AnnualReport]:
        """Every report reachable from ``start`` on its host within the bounds, each once, in the order found."""
        host = urllib.parse.urlsplit(start).netloc
        queue: list[tuple[str, int]] = [(start, 0)]
        seen = {start}
        reported: set[str] = set()  # final URLs: an old address that redirects to a report gives it once
        results: list[AnnualReport] = []
        while queue and self.requests < self.politeness.max_pages:
            url, depth = queue.pop(0)
            page = self.get(url)
            if page.error:
                if depth == 0:
                    results.append(unreadable(url, page.error))
                continue
            if page.url in reported:
                continue
            report = read_report(page.data, page.url)
            if is_report(report):
                reported.add(page.url)
                results.append(report)
                if progress:
                    progress()
                continue
            if not page.is_html or depth >= self.politeness.depth:
                continue
            for link, _ in _worth_following(page, host):
                if link not in seen:
                    seen.add(link)
                    queue.append((link, depth + 1))
        if not results:
            results.append(not_a_report(start))
        return results


def _attachments(page: Page) -> list[tuple[str, str]]:
    """The page's attachment links, those whose text or name speaks of a report first."""
    found = [(url, text) for url, text in page.links if ATTACHMENT.search(url)]
    return sorted(found, key=lambda link: not _REPORTISH.search(link[1] + urllib.parse.unquote(link[0])))


def _worth_following(page: Page, host: str) -> list[tuple[str, str]]:
    """Links on the same host that may lead to reports: those named like one, attachments, the column's next
    pages — in that order."""
    same = [(u, t) for u, t in page.links if urllib.parse.urlsplit(u).netloc == host]

    def rank(link: tuple[str, str]) -> int:
        url, text = link
        if _REPORTISH.search(text + urllib.parse.unquote(url)):
            return 0
        if ATTACHMENT.search(url):
            return 1
        if _NEXT_PAGE.search(text + " " + url):
            return 2
        return 3

    return [link for link in sorted(same, key=rank) if rank(link) < 3]
