"""In the browser, with the demo's accounts: a 科室负责人 who also collects is told they cannot check their own
item (no button), and a 部分公开 conclusion goes back to the author, whose redacted revision the reviewer confirms
before the principal leader publishes it. Every step lands on the desk, saying what happens next."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect.set_options(timeout=30_000)  # a step saves, acts and redirects: slow on a loaded machine

TITLE = "关于公布2026年度就业见习人员名单的通知"
DESK = re.compile(r"/admin/gongkai/agencies/jingkai-rsj/publishing/")


@pytest.fixture
def submitted(demo_site):
    """The demo, a 科室负责人 who also collects (rsj-jianren), and an item they wrote and submitted."""
    from gongkai.agencies.models import Agency
    from gongkai.agencies.roles import Role
    from gongkai.agencies.services import create_person
    from gongkai.publishing.models import DisclosureSectionPage, InformationItemPage

    agency = Agency.objects.get(code="jingkai-rsj")
    author = create_person(
        agency=agency,
        username="rsj-jianren",
        name="赵敏",
        roles=[Role.STAFF, Role.SECTION_HEAD],
        password="gongkai-demo",
    ).user
    section = DisclosureSectionPage.objects.get(agency=agency)
    item = section.add_child(
        instance=InformationItemPage(
            title=TITLE,
            formed_on=date(2026, 11, 20),
            category="livelihood",
            summary="名单：张三（手机 13800000000）、李四（手机 13900000000）。",
            owner=author,
            live=False,
        )
    )
    item.save_revision(user=author)
    item.get_workflow().start(item, author)
    return item


def _login(browser, live_server, username):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "gongkai-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def _edit(browser, live_server, username, item):
    page = _login(browser, live_server, username)
    page.goto(f"{live_server.url}/admin/pages/{item.pk}/edit/")
    return page


def _open_actions(page):
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()


def _workflow_button(page, name: str):
    _open_actions(page)
    page.locator(f"button[data-workflow-action-name='{name}']").first.click()


def _lands_on_desk(page, told: str):
    expect(page).to_have_url(DESK)
    expect(page.get_by_text(told).first).to_be_visible()
    expect(page.get_by_text("没有权限")).to_have_count(0)
    page.context.close()


def test_separation_of_duties_and_the_partial_disclosure_round(live_server, browser, submitted):
    item = submitted
    # the author, also a 科室负责人, is told why they cannot check their own item
    page = _edit(browser, live_server, "rsj-jianren", item)
    expect(page.get_by_text("按职责分离要求").first).to_be_visible()
    expect(page.locator("button[data-workflow-action-name='approve']")).to_have_count(0)
    page.context.close()

    # another 科室负责人 checks it
    page = _edit(browser, live_server, "rsj-kezhang", item)
    _workflow_button(page, "approve")
    _lands_on_desk(page, "已进入“保密审查”")

    # 保密审查 concludes 部分公开: the item goes back to its author
    page = _edit(browser, live_server, "rsj-baomi", item)
    _workflow_button(page, "approve")
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("radio", name="部分公开").check()
    dialog.get_by_role("textbox", name="删除或遮盖的内容（部分公开时填写）").fill("删除名单中的手机号码")
    dialog.locator("button[type=submit]").click()
    _lands_on_desk(page, "保密审查结论为部分公开，已退回作者删除：删除名单中的手机号码")

    # the author makes the removals and resubmits
    page = _edit(browser, live_server, "rsj-jianren", item)
    page.locator("#id_summary").fill("名单：张三、李四。")
    _open_actions(page)
    page.locator("button[name='action-submit']").click()
    _lands_on_desk(page, "已进入“保密审查”")

    # the reviewer confirms the redacted revision; only then 审核 publishes it
    page = _edit(browser, live_server, "rsj-baomi", item)
    expect(page.get_by_text("请核对作者修改后的版本").first).to_be_visible()
    _workflow_button(page, "confirm")
    dialog = page.get_by_role("dialog")
    dialog.locator("button[type=submit]").click()
    _lands_on_desk(page, "已进入“审核”")

    page = _edit(browser, live_server, "rsj-juzhang", item)
    _workflow_button(page, "approve")
    _lands_on_desk(page, "已发布")

    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{live_server.url}/jingkai-rsj/catalogue/")
    public.get_by_role("link", name=TITLE).click()
    expect(public.get_by_text("名单：张三、李四。")).to_be_visible()
    expect(public.get_by_text("13800000000")).to_have_count(0)
    public.context.close()
