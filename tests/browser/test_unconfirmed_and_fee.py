"""End to end: the office finds a forgotten online application on the dashboard, confirms it, and sends a fee
notice whose amount the bands compute (previewed, then recorded)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from support import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def waiting(world):
    from gongkai.agencies.roles import Role
    from gongkai.applications import services

    office = world["people"][("dept", Role.DISCLOSURE_OFFICE)].user
    fields = {
        "applicant_type": "natural_person",
        "name": "钱七",
        "id_type": "passport",
        "id_number": "E87654321",
        "phone": "13900002222",
        "info_name": "2025 年度培训补贴名单",
        "form": "paper",
        "obtaining": "email",
        "email": "qian@example.com",
    }
    app, _ = services.submit(world["dept"], fields, on=date.today() - timedelta(days=21))
    return office, app


def test_dashboard_queue_confirm_and_fee(live_server, page, waiting):
    office, app = waiting
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", office.get_username())
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    row = page.locator(f'tr[data-unconfirmed="{app.number}"]')
    expect(row).to_contain_text("超期未确认")
    expect(row).to_contain_text(re.compile(r"\d+ 个工作日"))
    row.get_by_role("link", name="确认收到").click()
    page.get_by_role("button", name="确认收到（双方确认）").click()
    case_url = f"{live_server.url}/admin/gongkai/applications/{app.pk}/"
    page.wait_for_url(case_url)
    expect(page.get_by_text("已记录：确认收到（双方确认）")).to_be_visible()

    page.get_by_role("link", name="发出收费通知").click()
    expect(page.get_by_text("第201页以上：每页40元")).to_be_visible()
    page.get_by_label("计收方式").select_option("pages")
    page.get_by_label("件数或页数").fill("150")
    page.get_by_role("button", name="计算金额").click()
    expect(page.locator("#fee-preview")).to_contain_text("1700 元")
    expect(page.locator("#fee-preview")).to_contain_text("第101—200页：每页20元 × 50页 = 1000元")
    page.get_by_label("核对金额（元，可不填）").fill("1234")
    page.get_by_role("button", name="发出收费通知").click()
    expect(page.get_by_text("收费金额 1234 元与按量计收标准不符")).to_be_visible()
    page.get_by_label("核对金额（元，可不填）").fill("1700")
    page.get_by_role("button", name="发出收费通知").click()
    page.wait_for_url(case_url)
    expect(page.get_by_text("应缴 1700 元", exact=False)).to_be_visible()
