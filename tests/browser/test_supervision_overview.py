"""End to end: the demo's 政务公开办 opens the cross-agency views from the supervision page."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cross_agency_views_from_the_supervision_page(live_server, page, demo_site):
    year = timezone.localdate().year - 1
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "gkb")
    page.fill("input[name=password]", "gongkai-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/gongkai/reports/supervision/jingkai/{year}/")
    expect(page.locator("table.missing-by-level tr[data-government=jingkai]")).to_contain_text("本级")
    expect(page.get_by_role("link", name="领导摘要（PDF）")).to_have_attribute(
        "href", f"/admin/gongkai/reports/supervision/jingkai/{year}/summary.pdf"
    )
    page.get_by_role("link", name="各机关主要数据（历年）").click()
    page.wait_for_url(f"**/admin/gongkai/reports/supervision/jingkai/{year}/figures/")
    figures = page.locator("table.key-figures")
    expect(figures.locator(f"tr[data-agency=jingkai-rsj][data-year='{year}']")).to_be_visible()
    expect(figures.locator("tr[data-agency=jingkai]").first).to_contain_text("经开区")
    page.get_by_role("link", name="逾期和待确认的申请").click()
    page.wait_for_url("**/admin/gongkai/reports/supervision/jingkai/applications/")
    expect(page.get_by_role("heading", name="已超过答复期限的申请", exact=False)).to_be_visible()
    expect(page.locator("table.unconfirmed")).to_be_visible()
