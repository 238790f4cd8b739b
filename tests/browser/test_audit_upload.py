"""End to end: the supervising office uploads a department's report and reads the findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from gongkai import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).parents[1] / "fixtures" / "2020-jingkai-hrss.txt"


def test_upload_a_report_and_see_findings(live_server, page, transactional_db):
    demo.load()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "gkb")
    page.fill("input[name=password]", "gongkai-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.get_by_role("link", name="年度报告检查").click()
    page.get_by_role("link", name="上传报告").click()
    page.get_by_label("报告所属机关").select_option(label="经开区人力资源和社会保障局")
    page.set_input_files("input[type=file]", str(SAMPLE))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/admin/gongkai/audits/*/")
    findings = page.locator("table.findings")
    expect(findings.get_by_text("左栏所有总计").first).to_be_visible()
    expect(findings.locator("td[title='section-missing']").first).to_have_text("缺少章节")
    # the re-drawn table 二 highlights the placeholder cell
    expect(page.locator(".report-tables").get_by_text("100290").first).to_be_visible()
