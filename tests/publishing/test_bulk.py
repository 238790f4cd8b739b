"""The bulk helper: valid tree, resolvable URLs, searchable and numbered items, fast."""

from __future__ import annotations

import time
from datetime import date

import pytest
from wagtail.models import Page

from gongkai.publishing.demo import bulk
from gongkai.publishing.models import InformationItemPage


def test_pages_are_tree_consistent_and_served(client, portal, add_item):
    add_item()
    rows = [
        dict(title=f"第{i}号通知", formed_on=date(2024, 1 + i % 12, 1), category="other", summary="s")
        for i in range(40)
    ]
    assert bulk.create_items(portal["dept"], rows) == 40
    assert Page.find_problems() == ([], [], [], [], [])
    section = Page.objects.get(pk=portal["dept"].pk)
    assert section.numchild == 41
    item = InformationItemPage.objects.order_by("-pk").first()
    assert item.url == f"/dept/{item.slug}/"
    assert client.get(item.url).status_code == 200
    assert item.search_text.startswith("第39号通知")
    assert item.due_on is not None
    # A later page added the normal way lands after the bulk ones.
    assert add_item(n=2).path > item.path


def test_missing_fields_are_refused(portal):
    with pytest.raises(ValueError, match="title"):
        bulk.create_items(portal["dept"], [dict(formed_on=date(2024, 1, 1), category="other", summary="s")])


def test_drafts(portal):
    bulk.create_items(
        portal["dept"],
        [dict(title="t", formed_on=date(2024, 1, 1), category="other", summary="s")],
        published=False,
    )
    item = InformationItemPage.objects.get()
    assert not item.live
    assert item.published_on is None


def test_speed(portal):
    rows = (
        dict(title=f"标题{i}", formed_on=date(2024, 1, 2), category="other", summary="概述" * 20)
        for i in range(5000)
    )
    started = time.perf_counter()
    bulk.create_items(portal["dept"], rows)
    assert time.perf_counter() - started < 15
    assert InformationItemPage.objects.count() == 5000
