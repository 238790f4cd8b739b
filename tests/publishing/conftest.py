"""Fixtures for the publishing tests: the portal with a 政府信息公开 column for `dept`, and items in it."""

from __future__ import annotations

from datetime import date

import pytest


def item_fields(n: int = 1, **overrides) -> dict:
    fields = {
        "title": f"关于做好2025年社会保障卡发放工作的通知（{n}）",
        "formed_on": date(2025, 3, 3),
        "category": "livelihood",
        "topic": "social_security",
        "genre": "notice",
        "summary": "明确社会保障卡申领、发放和激活的办理流程。",
        "body": "<p>各有关单位：为进一步做好社会保障卡发放工作……</p>",
    }
    return {**fields, **overrides}


@pytest.fixture
def portal(world):
    """The portal home page (site root) and a column for `dept` and for `sibling`."""
    from gongkai.portal import demo as portal_demo
    from gongkai.portal.models import PortalHomePage
    from gongkai.publishing.services import create_section

    portal_demo.load()
    home = PortalHomePage.objects.get()
    return {
        "home": home,
        "dept": create_section(world["dept"], home),
        "sibling": create_section(world["sibling"], home),
    }


def person(world, role, home="dept"):
    from gongkai.agencies.roles import Role

    return world["people"][(home, Role(role))].user


def act(item, user, action="approve", **kwargs):
    """Perform a workflow action on the item's current step, as the admin's workflow views do."""
    from wagtail.models import TaskState

    state = TaskState.objects.get(pk=item.current_workflow_task_state.pk).specific
    return state.task.specific.on_action(state, user, action, **kwargs)


def current_step(item) -> str | None:
    item = type(item).objects.get(pk=item.pk)
    task = item.current_workflow_task
    return task.name if task else None


@pytest.fixture
def submitted(world, add_item):
    """An item written by dept's staff and submitted to the review chain."""
    author = person(world, "staff")
    item = add_item(user=author)
    item.get_workflow().start(item, author)
    return item


@pytest.fixture
def add_item(portal):
    """Create a draft item in a column (as Wagtail's create view does) and return it."""
    from gongkai.publishing.models import InformationItemPage

    def make(section="dept", *, user=None, **fields):
        section_page = portal[section] if isinstance(section, str) else section
        item = section_page.add_child(
            instance=InformationItemPage(live=False, owner=user, **item_fields(**fields))
        )
        item.save_revision(user=user)
        return item

    return make
