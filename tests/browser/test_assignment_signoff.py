"""End to end: the office confirms and assigns cases in a batch from its desk; the 承办人 (a 业务人员) sees only
their cases, drafts the reply letter and cannot reply before it is signed; the 科室负责人 agrees, the 分管领导 reads
the letter and signs it (同意签发); then the 承办人 replies."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from support import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fields(n: int) -> dict:
    return {
        "applicant_type": "natural_person",
        "name": f"赵六{n}",
        "id_type": "passport",
        "id_number": f"E1234567{n}",
        "phone": "13900001111",
        "email": "zhao@example.com",
        "info_name": f"2025 年度稳岗返还名单（{n}）",
        "form": "electronic",
        "obtaining": "email",
    }


@pytest.fixture
def cases(world):
    from gongkai.agencies.roles import Role
    from gongkai.applications import services

    office = world["people"][("dept", Role.DISCLOSURE_OFFICE)].user
    online = [services.submit(world["dept"], _fields(n), on=date(2025, 3, 3))[0] for n in (1, 2)]
    decided, _ = services.intake(world["dept"], _fields(3), channel="in_person", arrived_on=date(2025, 3, 3))
    basis = "《中华人民共和国政府信息公开条例》第三十六条第（二）项"
    decided = services.decide(decided, on=date(2025, 3, 20), outcome="granted", basis=basis, by=office)
    return online, decided


def _login(browser, live_server, username: str):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_assign_draft_sign_and_reply(live_server, browser, world, cases):
    online, decided = cases
    desk = f"{live_server.url}/admin/gongkai/applications/"

    office = _login(browser, live_server, "dept-disclosure_office")
    office.goto(desk)
    for app in online:
        office.get_by_label(f"选择 {app.number}").check()
    office.get_by_label("批量操作").select_option(label="批量确认收到")
    office.get_by_role("button", name="执行").click()
    expect(office.get_by_text("已确认收到：2 件")).to_be_visible()
    for app in [*online, decided]:
        office.get_by_label(f"选择 {app.number}").check()
    office.get_by_label("批量操作").select_option(label="批量分派")
    office.get_by_label("分派给").select_option(label="dept业务人员（甲区人社局）")
    office.get_by_role("button", name="执行").click()
    expect(office.get_by_text("已分派承办人：dept业务人员：3 件")).to_be_visible()
    office.get_by_label("承办人", exact=True).select_option(label="未分派")
    office.get_by_role("button", name="筛选", exact=True).click()
    expect(office.get_by_text("没有符合条件的申请。")).to_be_visible()
    office.context.close()

    staff = _login(browser, live_server, "dept-staff")
    staff.goto(desk)
    expect(staff.get_by_role("link", name=decided.number)).to_be_visible()
    staff.get_by_role("link", name=decided.number).click()
    expect(staff.locator("#handler")).to_have_text("dept业务人员")
    case_url = staff.url
    staff.get_by_role("link", name="生成告知书：答复告知书（（一）予以公开）").click()
    staff.get_by_role("button", name="生成", exact=True).click()
    staff.wait_for_url(case_url)
    expect(staff.locator("#why-not-reply")).to_contain_text("答复告知书尚未签发（待科室负责人审核）")
    expect(staff.get_by_role("link", name="答复", exact=True)).to_have_count(0)
    staff_page = staff

    head = _login(browser, live_server, "dept-section_head")
    head.goto(desk)
    head.locator("#awaiting-signoff").get_by_role("link").click()
    head.wait_for_url(re.compile(r"/admin/gongkai/applications/signoff/\d+/$"))
    expect(head.frame_locator("iframe[title=告知书正文]").get_by_text("赵**")).to_be_visible()
    head.get_by_label("意见（退回时必填）").fill("文字通顺，同意")
    head.get_by_role("button", name="同意", exact=True).click()
    expect(head.locator("#signoff-state")).to_have_text("待签发")
    expect(head.locator("#why-not")).to_contain_text("由本机关")
    head.context.close()

    leader = _login(browser, live_server, "dept-division_leader")
    leader.goto(desk)
    leader.locator("#awaiting-signoff").get_by_role("link").click()
    expect(
        leader.frame_locator("iframe[title=告知书正文]").get_by_text("予以公开", exact=False).first
    ).to_be_visible()
    leader.get_by_role("button", name="退回").click()
    expect(leader.get_by_role("alert")).to_have_text("退回告知书的，请写明退回意见")
    leader.get_by_role("button", name="同意签发").click()
    expect(leader.locator("#signoff-state")).to_have_text("已签发")
    expect(leader.locator("#signoff-record")).to_contain_text("dept分管领导")
    leader.context.close()

    staff_page.goto(case_url)
    expect(staff_page.locator("#letters")).to_contain_text("已签发（dept分管领导")
    staff_page.get_by_role("link", name="答复", exact=True).click()
    staff_page.get_by_role("button", name="答复", exact=True).click()
    staff_page.wait_for_url(case_url)
    expect(staff_page.get_by_text("已记录：答复")).to_be_visible()
    staff_page.context.close()
