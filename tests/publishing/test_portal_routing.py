"""The shortcut to a column's pages (publishing/routing.py) and the column data kept in the portal cache
(publishing/columns.py): the same pages as Wagtail's routing, fewer queries, nothing served that Wagtail would
refuse, and nothing stale after a publication."""

from __future__ import annotations

from datetime import date

import pytest
from wagtail.models import PageViewRestriction

from gongkai.publishing import searching
from gongkai.publishing.demo import bulk
from gongkai.publishing.models import InformationItemPage

ROW = dict(title="关于发放就业补贴的通知", formed_on=date(2025, 3, 3), category="services", summary="补贴。")


@pytest.fixture
def items(portal):
    bulk.create_items(portal["dept"], [dict(ROW, title=f"通知{i}") for i in range(3)])
    return list(InformationItemPage.objects.filter(agency=portal["dept"].agency).order_by("index_seq"))


def test_an_item_page_costs_one_query_once_the_column_is_known(client, items, django_assert_num_queries):
    assert client.get(items[0].url).status_code == 200  # the column is looked up and kept
    with django_assert_num_queries(1):
        response = client.get(items[1].url)
    assert response.status_code == 200 and "通知1" in response.content.decode()


def test_item_page_breadcrumbs_lead_home_through_the_column(client, items):
    html = client.get(items[0].url).content.decode()
    trail = html[html.index('class="breadcrumbs') : html.index("</nav>", html.index('class="breadcrumbs'))]
    assert [part in trail for part in ('href="/"', 'href="/dept/"', f'href="{items[0].url}"')] == [True] * 3
    assert f'href="{items[0].url}" aria-current="page"' in trail


def test_links_between_items_show_on_both_pages(client, items):
    newer, older = items[2], items[1]
    newer.revises.set([older])
    newer.repeals.set([items[0]])
    newer.save()
    html = client.get(newer.url).content.decode()
    assert "修改：" in html and older.index_number in html and "废止：" in html
    assert "被修改：" in client.get(older.url).content.decode()
    assert "被废止：" in client.get(items[0].url).content.decode()


@pytest.mark.parametrize("path", ["/dept/no-such-item/", "/nobody/anything/", "/nobody/"])
def test_unknown_paths_are_not_found(client, items, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_item_is_not_served(client, items):
    url = items[0].url
    assert client.get(url).status_code == 200
    items[0].unpublish()
    assert client.get(url).status_code == 410  # withdrawn: test_portal_column.py


def test_other_children_and_sub_views_still_route(client, portal, items):
    from gongkai.publishing.models import GuidePage

    guide = portal["dept"].add_child(instance=GuidePage(title="政府信息公开指南", slug="guide"))
    guide.save_revision().publish()
    assert client.get("/dept/guide/").status_code == 200
    assert client.get("/dept/catalogue/").status_code == 200
    assert client.get("/dept/").status_code == 200


def test_a_view_restriction_on_the_column_or_the_item_is_enforced(client, portal, items):
    assert client.get(items[0].url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=portal["dept"], restriction_type=PageViewRestriction.LOGIN
    )
    for url in (items[0].url, items[1].url, "/dept/catalogue/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/_util/login/")
    assert client.get(response["Location"]).status_code == 200  # Wagtail's own URL behind the shortcut's
    restriction.delete()
    assert client.get(items[1].url).status_code == 200
    PageViewRestriction.objects.create(page=items[2], restriction_type=PageViewRestriction.LOGIN)
    assert client.get(items[2].url).status_code == 302
    assert client.get(items[1].url).status_code == 200


def test_catalogue_totals_follow_publication(client, portal, items):
    from gongkai.publishing import columns
    from gongkai.publishing.models import InformationItemPage as Item

    assert client.get("/dept/catalogue/").context["page"].paginator.count == 3
    item = portal["dept"].add_child(
        instance=Item(
            title="新公开的信息",
            slug="new-item",
            formed_on=date(2025, 5, 6),
            category="other",
            summary="新。",
        )
    )
    assert "新公开的信息" not in client.get("/dept/catalogue/").content.decode()  # a draft is not listed
    item.save_revision().publish()
    response = client.get("/dept/catalogue/")
    assert response.context["page"].paginator.count == 4 and "新公开的信息" in response.content.decode()
    assert columns.facets(portal["dept"]).total(category="other") == 1
    assert date.today().year in columns.facets(portal["dept"]).years()


def test_a_search_counts_and_lists_at_most_the_limit(client, items, monkeypatch):
    monkeypatch.setattr(searching, "SEARCH_LIMIT", 2)
    response = client.get("/dept/search/", {"q": "通知"})
    assert response.context["more_than_limit"] is True
    assert response.context["page"].paginator.count == 2
    assert "超过 2 条" in response.content.decode()
    narrow = client.get("/dept/search/", {"q": "通知1"})
    assert narrow.context["more_than_limit"] is False and narrow.context["page"].paginator.count == 1


def test_facets_kept_in_the_process_follow_the_portal_cache(portal, items):
    """The facet counts are kept in the process while the portal cache's generation lasts (columns._local)."""
    from django.core.cache import caches

    from gongkai.publishing import columns

    first = columns.facets(portal["dept"])
    assert columns.facets(portal["dept"]) is first
    caches["portal"].clear()  # as on every publication
    assert columns.facets(portal["dept"]) is not first
