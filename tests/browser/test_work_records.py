"""End to end: the 公开办 of 经开区人社局 enters its 督导小组 with a leader, then a study meeting with its
participants, and sees both on the year's page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gongkai.agencies import demo as agencies_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_enters_a_group_and_a_meeting(live_server, page, transactional_db):
    agencies_demo.load()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "rsj-gkb")
    page.fill("input[name=password]", agencies_demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    year = f"{live_server.url}/admin/gongkai/work/jingkai-rsj/2020/"

    page.goto(year)
    page.get_by_role("link", name="新增小组").click()
    page.select_option("select[name=kind]", "supervision")
    page.fill("input[name=name]", "政务公开工作督导小组")
    page.fill("textarea[name=duties]", "政务公开的督导、审核")
    page.fill("input[name=formed_on]", "2020-01-15")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name="政务公开工作督导小组（督导小组） 编辑")).to_be_visible()

    page.get_by_role("link", name="新增成员").click()
    page.select_option("select[name=group]", label="政务公开工作督导小组")
    page.select_option("select[name=person]", label="刘洋（经开区人社局）")
    page.select_option("select[name=role]", "leader")
    page.fill("input[name=from_on]", "2020-01-15")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("cell", name="刘洋")).to_be_visible()

    page.get_by_role("link", name="新增会议或培训").click()
    page.fill("input[name=held_on]", "2020-03-12")
    page.select_option("select[name=kind]", "study")
    page.fill("input[name=title]", "政务公开督导审核业务学习")
    page.fill("input[name=organiser]", "督导小组")
    page.fill("input[name=participant_count]", "9")
    page.fill("textarea[name=topics]", "督导和审核要求")
    page.fill("input[name=hours]", "1.5")
    page.get_by_label("李娜（经开区人社局）").check()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("cell", name="政务公开督导审核业务学习")).to_be_visible()
    expect(page.get_by_role("cell", name="李娜")).to_be_visible()
