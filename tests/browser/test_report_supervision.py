"""End to end: the supervising office opens the supervision page, opens a department's report with its
findings, sends it back with a comment; the department's office sees it returned, with the comment."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENT = "表二第二十条第（一）项未填写，请补充规范性文件的数量后重新提交。"


def login(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "gongkai-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_supervising_office_sends_a_report_back(live_server, page, browser, demo_site):
    year = timezone.localdate().year - 1
    login(page, live_server, "gkb")
    page.get_by_role("link", name="年度报告监督").click()
    page.get_by_role("link", name=f"{year}年").first.click()
    page.wait_for_url(f"**/admin/gongkai/reports/supervision/jingkai/{year}/")
    table = page.locator("table.supervision")
    zjj = table.locator("tr[data-agency=jingkai-zjj]")
    assert "审核中" in zjj.inner_text()
    assert "保密审查" in zjj.inner_text()
    expect(table.locator("tr[data-agency=jingkai]")).to_be_visible()
    zjj.get_by_role("link", name="查看报告").click()
    page.wait_for_url(f"**/admin/gongkai/reports/jingkai-zjj/{year}/signoff/")
    assert page.locator(".report-step").inner_text() == "保密审查"
    expect(page.locator("table.findings").get_by_text("人工填写").first).to_be_visible()
    page.get_by_label("退回修改意见").fill(COMMENT)
    page.get_by_role("button", name="退回修改").click()
    page.wait_for_url(f"**/admin/gongkai/reports/jingkai-zjj/{year}/signoff/")
    assert page.locator(".report-status").inner_text() == "退回修改"

    office = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    office.set_default_timeout(15_000)
    login(office, live_server, "zjj-gkb")
    desk = office.locator("table.annual-report-desk")
    assert "退回修改" in desk.inner_text()
    desk.get_by_role("link", name="经开区住房和城乡建设局").click()
    office.wait_for_url(f"**/admin/gongkai/reports/jingkai-zjj/{year}/signoff/")
    assert office.locator(".return-comment").inner_text() == COMMENT
    expect(office.get_by_role("button", name="提交审核")).to_be_visible()
    office.context.close()
