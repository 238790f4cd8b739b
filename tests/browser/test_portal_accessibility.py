"""The public portal in the browser: axe-core finds no serious or critical violation on the main pages; the pages
fit a 375 px phone; the keyboard reaches the skip link and the form fields; the large-font (适老化) mode works
with and without JavaScript and is remembered; printing leaves out the navigation; feedback goes from the form
to the reply read back with the query code."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGENCY = "jingkai-rsj"
BLOCKING = {"serious", "critical"}


@pytest.fixture
def portal(transactional_db):
    """The demo agencies with their 政府信息公开 columns, items and guides (not the other apps' demo data)."""
    from gongkai.agencies import demo as agencies_demo
    from gongkai.portal import demo as portal_demo
    from gongkai.publishing import demo as publishing_demo
    from gongkai.publishing.models import InformationItemPage

    agencies_demo.load()
    portal_demo.load()
    publishing_demo.load()
    portal_demo.load_guides()
    item = InformationItemPage.objects.live().filter(agency__code=AGENCY).order_by("path").first()
    return {
        "home": "/",
        "section": f"/{AGENCY}/",
        "guide": f"/{AGENCY}/guide/",
        "catalogue": f"/{AGENCY}/catalogue/",
        "item": item.url,
        "search": f"/{AGENCY}/search/?q=社会保障",
        "apply": f"/apply/{AGENCY}/",
        "feedback": f"/feedback/{AGENCY}/?item={item.pk}",
        "feedback lookup": "/feedback/lookup/",
    }


def _blocking(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def test_main_pages_pass_axe_and_fit_a_phone(live_server, browser, portal):
    failures = []
    for mode in ("normal", "large"):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        if mode == "large":
            context.add_cookies([{"name": "gongkai_large", "value": "1", "url": live_server.url}])
        page = context.new_page()
        for name, path in portal.items() if mode == "normal" else list(portal.items())[:4]:
            response = page.goto(live_server.url + path)
            assert response.status == 200, (name, path)
            assert page.locator("html").get_attribute("lang") == "zh-CN"
            failures += [f"{mode} {name}: {v}" for v in _blocking(page)]
        page.set_viewport_size({"width": 375, "height": 812})
        for name, path in portal.items():
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 375:
                failures.append(f"{mode} {name}: scrolls horizontally at 375 px ({width} px wide)")
        if mode == "normal":
            page.goto(live_server.url + portal["search"])
            failures += [f"phone search: {v}" for v in _blocking(page)]
        context.close()
    assert not failures, "\n".join(failures)


def test_keyboard_reaches_the_skip_link_and_the_fields(live_server, page, portal):
    page.goto(f"{live_server.url}/feedback/{AGENCY}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "跳到正文"
    expect(page.locator("a.skip")).to_be_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.name || document.activeElement.textContent"))
    # from the main content on: the kind of report, the text, the contact fields, the button; never the honeypot
    assert reached[0] == "kind" and "content" in reached and "contact" in reached
    assert "website" not in reached and "提交" in reached


def test_large_font_mode_with_and_without_javascript(live_server, browser, portal):
    for javascript in (True, False):
        context = browser.new_context(locale="zh-CN", java_script_enabled=javascript)
        page = context.new_page()
        page.goto(live_server.url + portal["guide"])
        size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        button = page.get_by_role("button", name="大字模式")
        assert button.get_attribute("aria-pressed") == "false"
        button.click()
        page.wait_for_function("document.documentElement.classList.contains('large')")
        assert page.url == live_server.url + portal["guide"]
        larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        assert larger >= size * 1.3, javascript
        assert page.get_by_role("button", name="大字模式").get_attribute("aria-pressed") == "true"
        # remembered across pages, served already enlarged (no flash, no script needed)
        page.goto(live_server.url + portal["catalogue"])
        assert "large" in (page.locator("html").get_attribute("class") or "")
        page.get_by_role("button", name="大字模式").click()
        page.wait_for_function("!document.documentElement.classList.contains('large')")
        context.close()


def test_print_leaves_out_navigation(live_server, page, portal):
    page.goto(live_server.url + portal["catalogue"])
    page.emulate_media(media="print")
    assert page.locator(".site-nav").is_hidden() and page.locator("form.mode-toggle").is_hidden()
    assert (
        page.locator("table.catalogue thead").evaluate("e => getComputedStyle(e).display")
        == "table-header-group"
    )
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_feedback_from_item_to_reply(live_server, page, portal):
    from django.contrib.auth import get_user_model

    from gongkai.portal import feedback
    from gongkai.portal.models import Feedback

    page.goto(live_server.url + portal["item"])
    page.get_by_role("link", name="纠错").click()
    page.wait_for_url(f"**/feedback/{AGENCY}/?item=*")
    expect(page.locator("#about-item")).to_be_visible()
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("alert").get_by_text("请选择意见类型")).to_be_visible()
    page.get_by_label("链接失效").check()
    page.get_by_label("具体内容").fill("附件下载链接打不开。")
    page.get_by_label("联系电话或电子邮箱（选填）").fill("reader@example.com")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/feedback/receipt/")
    number = page.locator("#receipt-number").inner_text().strip()
    code = page.locator("#receipt-code").inner_text().strip()

    report = Feedback.objects.get(number=number)
    assert report.item_id is not None and report.contact == "reader@example.com"
    feedback.reply(report, "链接已修复。", by=get_user_model().objects.get(username="rsj-gkb"))

    page.get_by_role("link", name="查看机关的答复").click()
    page.get_by_label("意见编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert page.locator("#feedback-status").inner_text() == "已答复"
    assert "链接已修复" in page.locator("#feedback-reply").inner_text()
