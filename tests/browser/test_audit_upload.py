"""End to end: the supervising office uploads a department's report and reads the findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).parents[1] / "fixtures" / "2020-jingkai-hrss.txt"


def test_upload_a_report_and_see_findings(live_server, page, demo_site):
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


def test_upload_external_reports_as_a_batch_and_see_the_summary(live_server, page, demo_site):
    """Two files of another region's government: the batch page shows both with their results and the pages."""
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "gkb")
    page.fill("input[name=password]", "gongkai-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/gongkai/audits/upload/")
    page.get_by_label("报告所属机关").select_option(label="外部报告（不属于本平台的机关）")
    page.get_by_label("外部报告的发布机关").fill("淮安市洪泽区人民政府")
    real = Path(__file__).parents[1] / "fixtures" / "real"
    page.set_input_files(
        "input[type=file]",
        [str(real / "2023-huaian-hongze-district.pdf"), str(real / "2024-huaian-hongze-district.pdf")],
    )
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/admin/gongkai/audits/batches/*/")
    expect(page.locator("p.progress")).to_have_text("全部 2 份报告已检查完毕。")
    rows = page.locator("table.batch-summary tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("淮安市洪泽区人民政府（外部报告）")
    expect(page.locator("table.batch-summary").get_by_text("第4页").first).to_be_visible()
    rows.first.get_by_role("link").click()
    expect(page.locator("table.findings td.page").get_by_text("第4页").first).to_be_visible()
