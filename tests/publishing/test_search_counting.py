"""A search's first page counts itself when it is not full (publishing/searching.counted): the column's search and the
portal's search then make no count query, show the same rows and totals as counting would, and a full first
page, the next pages and the limit are counted as before."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.publishing import searching
from gongkai.publishing.demo import bulk
from gongkai.publishing.public_views import PER_PAGE

ROW = dict(formed_on=date(2025, 3, 3), category="services", summary="概述。")
MANY = PER_PAGE * 2 + 3


@pytest.fixture
def items(portal):
    rows = [dict(ROW, title=f"补贴通知{i}", published_on=date(2025, 1, 1 + i % 28)) for i in range(MANY)]
    bulk.create_items(portal["dept"], [*rows, dict(ROW, title="唯一的工伤认定办法")])
    return portal


def _get(client, path: str, params: dict):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_a_page_whose_items_have_the_words_reads_no_attachments(client, items):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "工伤认定"})
    assert [result["source"] for result in response.context["results"]] == [""]
    assert not [q for q in queries if "publishing_itemattachment" in q["sql"]]


@pytest.mark.parametrize("path", ["/dept/search/", "/search/"])
def test_a_short_first_page_counts_itself(client, items, path):
    response, counts = _get(client, path, {"q": "工伤认定"})
    assert counts == []
    assert response.context["page"].paginator.count == 1
    assert [row.title for row in response.context["page"].object_list] == ["唯一的工伤认定办法"]
    nothing, counts = _get(client, path, {"q": "没有这样的信息"})
    assert counts == [] and nothing.context["page"].paginator.count == 0
    assert list(nothing.context["page"].object_list) == []


@pytest.mark.parametrize("path", ["/dept/search/", "/search/"])
def test_a_full_first_page_and_the_next_pages_are_counted(client, items, path):
    first, counts = _get(client, path, {"q": "补贴通知"})
    assert len(counts) == 1
    assert first.context["page"].paginator.count == MANY
    newest = [row.title for row in first.context["page"].object_list]
    assert len(newest) == PER_PAGE
    pages = [newest]
    for number in (2, 3):
        page, counts = _get(client, path, {"q": "补贴通知", "page": number})
        assert counts == []  # kept from the first page's count
        pages.append([row.title for row in page.context["page"].object_list])
    assert [len(titles) for titles in pages] == [PER_PAGE, PER_PAGE, 3]
    assert sorted(sum(pages, [])) == sorted(f"补贴通知{i}" for i in range(MANY))


@pytest.mark.parametrize("path", ["/dept/search/", "/search/"])
def test_a_later_page_asked_first_is_counted(client, items, path):
    page, counts = _get(client, path, {"q": "补贴", "page": 3})
    assert len(counts) == 1
    assert page.context["page"].paginator.count == MANY
    assert len(page.context["page"].object_list) == 3


def test_the_limit_holds_when_the_first_page_counts_itself(client, items, monkeypatch):
    monkeypatch.setattr(searching, "SEARCH_LIMIT", 2)
    for path in ("/dept/search/", "/search/"):
        response, _ = _get(client, path, {"q": "补贴通知1"})  # 补贴通知1, 10–19: eleven, fewer than a page
        assert response.context["more_than_limit"] is True
        assert response.context["page"].paginator.count == 2
        assert len(response.context["page"].object_list) == 2
