"""End to end on Wagtail's admin: staff collect an item, the section head checks it, the confidentiality reviewer
clears it, the principal leader approves it, and the public finds it on the portal with its 索引号. An edit
after the confidentiality review sends the item back to it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "关于发放2026年度社会保障卡补换服务的通知"


def _login(browser, live_server, username):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "gongkai-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def _item():
    from gongkai.publishing.models import InformationItemPage

    return InformationItemPage.objects.get(title=TITLE)


def _workflow_button(page, name: str):
    """Press a workflow action of the editor's action menu (they sit in its dropdown)."""
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator(f"button[data-workflow-action-name='{name}']").first.click()


def _approve(browser, live_server, username, item_pk, then: str | None = None):
    """Approve the item's current step; `then`: the sentence the page must show afterwards (what happened next),
    which also means the server has finished the step."""
    page = _login(browser, live_server, username)
    page.goto(f"{live_server.url}/admin/pages/{item_pk}/edit/")
    with page.expect_navigation():
        _workflow_button(page, "approve")
    if then:
        expect(page.get_by_text(then)).to_be_visible()
    page.context.close()


def _conclude(browser, live_server, item_pk):
    page = _login(browser, live_server, "rsj-baomi")
    page.goto(f"{live_server.url}/admin/pages/{item_pk}/edit/")
    _workflow_button(page, "approve")
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("可公开").check()
    with page.expect_navigation():
        dialog.locator("button[type=submit]").click()
    page.context.close()


def _step(item_pk):
    from gongkai.publishing.models import InformationItemPage

    task = InformationItemPage.objects.get(pk=item_pk).current_workflow_task
    return task.name if task else None


def test_collect_check_review_approve_publish(live_server, browser, demo_site):
    # 采集: the staff member writes the item on the desk and submits it to the review chain
    page = _login(browser, live_server, "rsj-yewu")
    page.goto(f"{live_server.url}/admin/gongkai/agencies/jingkai-rsj/publishing/")
    page.get_by_role("link", name="采集新信息").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/publishing/informationitempage/\d+/"))
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_formed_on").fill("2026-11-20")
    page.locator("#id_category").select_option("livelihood")
    page.locator("#id_topic").select_option("social_security")
    page.locator("#id_summary").fill("说明社会保障卡补换的办理地点、材料和时限。")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_url(re.compile(r"/admin/gongkai/agencies/jingkai-rsj/publishing/"))
    item = _item()
    assert item.index_number.startswith("jingkai-rsj/2026-")
    assert _step(item.pk) == "复核"
    page.context.close()

    # 复核 → 保密审查
    _approve(browser, live_server, "rsj-kezhang", item.pk)
    assert _step(item.pk) == "保密审查"
    _conclude(browser, live_server, item.pk)
    assert _step(item.pk) == "审核"

    # an edit after the confidentiality review sends the item back to it
    page = _login(browser, live_server, "rsj-yewu")
    page.goto(f"{live_server.url}/admin/pages/{item.pk}/edit/")
    page.locator("#id_summary").fill("说明社会保障卡补换的办理地点、材料、时限和收费标准。")
    with page.expect_navigation():
        page.locator("footer button[type=submit]").first.click()
    assert _step(item.pk) == "保密审查"
    page.context.close()
    _conclude(browser, live_server, item.pk)
    assert _step(item.pk) == "审核"

    # 审核: the principal leader's approval publishes it
    _approve(browser, live_server, "rsj-juzhang", item.pk, then=f"“{TITLE}”已发布。")
    item = _item()
    assert item.live

    # the public finds it in the catalogue and by search, with its 索引号
    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{live_server.url}/jingkai-rsj/")
    public.get_by_label("在本栏目中检索").fill("社会保障卡补换")
    public.get_by_role("button", name="检索").click()
    public.get_by_role("link", name=TITLE).click()
    assert public.locator("#index-number").inner_text().strip() == item.index_number
    assert "收费标准" in public.content()
    public.context.close()
