"""End to end: a staff member logs in and sees the admin dashboard; the public opens the portal."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_login_and_dashboard(live_server, page, demo_site):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "rsj-gkb")
    page.fill("input[name=password]", "gongkai-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.get_by_role("link", name="机关与人员").click()
    page.wait_for_url("**/admin/gongkai/agencies/")
    expect(page.get_by_role("link", name="经开区人力资源和社会保障局")).to_be_visible()
    # the disclosure office of the 人社局 sees its own agency only
    assert page.get_by_role("link", name="经开区住房和城乡建设局").count() == 0


def test_public_portal(live_server, page, demo_site):
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="经开区政府信息公开", level=1)).to_be_visible()
    expect(page.get_by_role("rowheader", name="经开区人力资源和社会保障局")).to_be_visible()
    page.get_by_role("button", name="大字模式").click()
    assert "large" in (page.locator("html").get_attribute("class") or "")
