"""The prose editor keeps what was typed right before 保存 is clicked (Draftail saves its state with a delay)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gongkai.agencies.roles import Role
from gongkai.reports import assembly
from gongkai.reports.services import drafting

from support import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2021


def test_text_typed_just_before_saving_is_saved(live_server, page, world):
    office = world["people"][("dept", Role.DISCLOSURE_OFFICE)]
    drafting.get_or_start(world["dept"], YEAR, office.user)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", office.user.get_username())
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/gongkai/reports/dept/{YEAR}/draft/prose/other/")
    editor = page.locator(".public-DraftEditor-content")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("最后补充的一句。")
    page.get_by_role("button", name="保存", exact=True).click()  # at once, within Draftail's save delay
    page.wait_for_url(f"**/admin/gongkai/reports/dept/{YEAR}/draft/")
    expect(page.get_by_text("已保存")).to_be_visible()
    assert "最后补充的一句。" in assembly.assemble(world["dept"], YEAR).prose("other")
