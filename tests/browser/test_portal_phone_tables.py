"""A published annual report on a 375 px phone (issue 13, item 16): the page itself does not scroll sideways; each
official table keeps its layout (merged cells, column headers, row labels) and scrolls sideways within the page
instead of being stacked into an unreadable column; the catalogue's date columns do not wrap."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from gongkai.agencies.roles import Role
from gongkai.reports.services import drafting, signoff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2021


@pytest.fixture
def report(world, monkeypatch):
    """dept's 2021 report, published (PDF and DOCX not rendered: this test reads the HTML page)."""
    monkeypatch.setattr("gongkai.core.render.pdf.render_pdf", lambda report: b"%PDF-1.7 test")
    monkeypatch.setattr("gongkai.core.render.docx.render_docx", lambda report: b"PK docx test")
    from gongkai.powers.models import PowerList

    PowerList.objects.create(agency=world["dept"], year=YEAR)  # table 二 counted (zeros), not blank
    people = world["people"]
    office = people[("dept", Role.DISCLOSURE_OFFICE)].user
    draft = drafting.get_or_start(world["dept"], YEAR, office)
    signoff.submit(draft, office)
    signoff.approve(draft, people[("dept", Role.SECTION_HEAD)].user)
    signoff.approve(draft, people[("dept", Role.CONFIDENTIALITY_REVIEWER)].user, conclusion="同意公开")
    signoff.approve(draft, people[("dept", Role.PRINCIPAL_LEADER)].user)
    signoff.publish(draft, office, on=date(2022, 1, 25))
    return f"/reports/dept/{YEAR}/"


def test_annual_report_tables_scroll_sideways_with_their_labels_on_a_phone(live_server, browser, report):
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(live_server.url + report)
    tables = page.locator(".report-table-wrap table.official")
    expect(tables.first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    layout = tables.evaluate_all(
        """tables => tables.map(t => ({
            scrolls: t.scrollWidth > t.clientWidth,
            cell: getComputedStyle(t.querySelector("td")).display,
            headerLeft: t.querySelector("thead th") ? t.querySelector("thead th").getBoundingClientRect().left : 0,
            labels: [...t.querySelectorAll("th")].filter(th => th.getBoundingClientRect().width > 40).length,
        }))"""
    )
    assert layout and all(t["cell"] == "table-cell" for t in layout)  # rows and columns, not stacked
    assert all(t["headerLeft"] >= 0 for t in layout)  # column headers shown, not moved off screen
    assert all(t["labels"] > 0 for t in layout)  # row labels and column headers at a readable width
    assert any(t["scrolls"] for t in layout)  # the widest tables scroll within themselves
    widest = tables.nth([t["scrolls"] for t in layout].index(True))
    widest.evaluate("t => t.scrollLeft = t.scrollWidth")
    assert widest.evaluate("t => t.scrollLeft") > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(widest.locator("th.label").first).to_have_text(re.compile(r"\S"))
    context.close()
