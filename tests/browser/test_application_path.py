"""End to end: the public applies on the portal, the disclosure office handles the case, the public checks it."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGENCY = "经开区人力资源和社会保障局"


def _step(page, name: str, fill=None) -> None:
    """Open a step of the case from its page, fill its form (dated today) and submit it."""
    case_url = page.url
    page.get_by_role("link", name=name, exact=True).click()
    page.wait_for_url(re.compile(r"/admin/gongkai/applications/\d+/[\w-]+/$"))
    # the date input is prefilled with today (ISO), so a step can be submitted as it stands
    assert page.get_by_label("日期", exact=True).input_value() == timezone.localdate().isoformat()
    if fill:
        fill(page)
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_url(case_url)
    expect(page.get_by_text(f"已记录：{name}")).to_be_visible()


def _decide(page) -> None:
    page.get_by_label("办理结果").select_option(label="（一）予以公开")
    page.get_by_label("法律依据（条例条款及理由）").fill(
        "《中华人民共和国政府信息公开条例》第三十六条第（二）项"
    )


def _extend(page) -> None:
    page.get_by_label("批准人（政府信息公开工作机构负责人）").fill("王主任")
    page.get_by_label("延期理由").fill("需调取各街道的发放记录核对")


def _sign_reply(number: str) -> None:
    """The 科室负责人 and the 分管领导 sign the reply letter (their pages: test_assignment_signoff.py)."""
    from django.contrib.auth import get_user_model

    from gongkai.applications import signoff
    from gongkai.applications.models import Application, SignoffStep

    letter = signoff.reply_letter(Application.objects.get(number=number))
    users = get_user_model().objects
    signoff.decide(letter, SignoffStep.CHECK, approved=True, by=users.get(username="rsj-kezhang"))
    signoff.decide(letter, SignoffStep.ISSUE, approved=True, by=users.get(username="rsj-fenguan"))


def test_apply_handle_and_look_up(live_server, page, demo_site):
    # the public applies on the portal
    page.goto(f"{live_server.url}/")
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=AGENCY, exact=True))
    row.get_by_role("link", name="申请政府信息公开").click()
    page.wait_for_url("**/apply/jingkai-rsj/")
    page.get_by_role("button", name="提交申请").click()  # nothing filled in: errors per field
    page.wait_for_url("**/apply/jingkai-rsj/")
    expect(page.get_by_role("alert").get_by_text("请选择申请人类型")).to_be_visible()
    page.get_by_label("自然人").check()
    assert page.get_by_role("group", name="法人或其他组织填写").is_hidden()
    page.get_by_label("姓名或名称").fill("赵六")
    page.get_by_label("联系电话").fill("13900001111")
    page.get_by_label("电子邮箱").fill("zhao@example.com")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("所需信息的名称").fill("2025 年度稳岗返还名单")
    page.get_by_label("电子", exact=True).check()
    page.get_by_label("电子邮件", exact=True).check()
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/apply/receipt/")
    number = page.locator("#receipt-number").inner_text().strip()
    query_code = page.locator("#receipt-code").inner_text().strip()
    assert number and query_code
    assert page.url.removeprefix(live_server.url) == "/apply/receipt/"

    # the disclosure office of the 人社局 handles it on its desk
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "rsj-gkb")
    page.fill("input[name=password]", "gongkai-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/gongkai/applications/")
    page.get_by_label("搜索申请").fill(number)
    page.get_by_role("button", name="筛选", exact=True).click()
    page.get_by_role("link", name=number).click()
    page.wait_for_url(re.compile(r"/admin/gongkai/applications/\d+/$"))
    _step(page, "确认收到（双方确认）")
    _step(page, "告知补正", lambda p: p.get_by_label("需要补正的事项").fill("请写明名单的发放年度和街道"))
    _step(page, "收到补正材料")
    _step(page, "延期答复", _extend)
    _step(page, "作出决定", _decide)

    # the reply letter, generated from the agency's template and kept with the case
    case_url = page.url
    page.get_by_role("link", name="生成告知书：答复告知书（（一）予以公开）").click()
    page.wait_for_url(re.compile(r"/admin/gongkai/applications/\d+/letters/\d+/$"))
    page.get_by_role("button", name="生成", exact=True).click()
    page.wait_for_url(case_url)
    expect(page.get_by_text("已生成：答复告知书（（一）予以公开）")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    assert download.value.suggested_filename.endswith(".pdf")

    _sign_reply(number)
    page.reload()
    _step(page, "答复")
    _step(page, "送达", lambda p: p.get_by_label("送达方式").select_option(label="电子邮件送达"))

    # the applicant looks up the progress
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="查询申请办理进度").click()
    page.wait_for_url("**/apply/lookup/")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(query_code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#progress-status")).to_have_text(
        "已办结"
    )  # delivered: the case is closed for the applicant
