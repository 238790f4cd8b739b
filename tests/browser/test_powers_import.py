"""End to end: a member of staff imports a 政务服务 export of decisions and sees the figure change."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gongkai.agencies import demo as agencies_demo
from gongkai.powers import demo as powers_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_import_decisions_with_preview(live_server, page, tmp_path, transactional_db):
    agencies_demo.load()
    powers_demo.load()
    export = tmp_path / "办件导出.csv"
    rows = [f"GK{i:04d},XK-001,2021-{i % 12 + 1:02d}-10" for i in range(40)]
    export.write_bytes(("办件编号,事项编码,办结时间\n" + "\n".join(rows)).encode("gbk"))

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "rsj-yewu")
    page.fill("input[name=password]", agencies_demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/gongkai/powers/jingkai-rsj/2021/")
    page.get_by_role("link", name="导入处理决定").click()
    page.set_input_files("input[type=file]", str(export))
    page.get_by_role("button", name="上传并预览").click()
    expect(page.get_by_text("GK0000")).to_be_visible()
    expect(page.get_by_label("事项编码所在列")).to_have_value("事项编码")
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url("**/admin/gongkai/powers/jingkai-rsj/2021/")
    expect(page.get_by_text("已导入 40 行，处理决定 40 件")).to_be_visible()
    expect(page.get_by_text("办件导出.csv")).to_be_visible()
