"""End to end: the 公开办 of 经开区管委会 (the supervising office) issues a work plan with a task for 经开区人社局;
the 人社局's 公开办 reports it done with evidence, and the plan's page shows it done."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gongkai.agencies import demo as agencies_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", agencies_demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_a_task_is_issued_and_reported_done(live_server, page, transactional_db, tmp_path):
    agencies_demo.load()
    _login(page, live_server, "gkb")
    page.goto(f"{live_server.url}/admin/gongkai/work/")
    page.get_by_role("link", name="工作要点").first.click()
    page.get_by_role("link", name="登记工作要点").click()
    page.fill("input[name=year]", "2020")
    page.fill("input[name=title]", "2020年政务公开工作要点")
    page.fill("input[name=issued_on]", "2020-03-01")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("link", name="登记任务").click()
    page.fill("input[name=order]", "1")
    page.fill("textarea[name=text]", "推进决策公开")
    page.get_by_label("经开区人力资源和社会保障局").check()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("cell", name="经开区人力资源和社会保障局：未开始")).to_be_visible()
    plan_url = page.url

    page.context.clear_cookies()
    _login(page, live_server, "rsj-gkb")
    page.goto(f"{live_server.url}/admin/gongkai/work/jingkai-rsj/2020/")
    page.get_by_role("link", name="报告进展").click()
    page.select_option("select[name=state]", "done")
    page.fill("textarea[name=note]", "重大决策预公开5件")
    proof = tmp_path / "proof.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    page.set_input_files("input[name=evidence]", str(proof))
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("cell", name="已完成")).to_be_visible()
    expect(page.get_by_role("link", name="证明材料")).to_be_visible()

    page.context.clear_cookies()
    _login(page, live_server, "gkb")
    page.goto(plan_url)
    expect(
        page.get_by_role("cell", name="经开区人力资源和社会保障局：已完成（重大决策预公开5件）")
    ).to_be_visible()
