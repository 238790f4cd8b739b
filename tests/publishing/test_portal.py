"""The column on the portal: front page, 公开目录 (by category, topic, year; paginated), item pages, search that
finds Chinese substrings."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.publishing.demo import bulk
from gongkai.publishing.public_views import PER_PAGE

ROWS = [
    dict(
        title="关于调整社会保障待遇标准的通知",
        formed_on=date(2025, 3, 3),
        category="livelihood",
        topic="social_security",
        summary="调整待遇。",
        body="<p>正文</p>",
    ),
    dict(
        title="就业补贴申领指南",
        formed_on=date(2025, 4, 1),
        category="services",
        topic="employment",
        summary="介绍城乡居民社会保障卡的使用。",
        body="<p>正文</p>",
    ),
    dict(
        title="部门预算",
        formed_on=date(2024, 2, 1),
        category="budget",
        topic="finance",
        summary="预算公开。",
        body="<p>落实<strong>社会保障</strong>资金安排</p>",
    ),
    dict(
        title="劳动关系协调员名单",
        formed_on=date(2024, 5, 1),
        category="other",
        topic="labour_relations",
        summary="名单。",
        body="<p>名单</p>",
    ),
]


@pytest.fixture
def published(portal):
    bulk.create_items(portal["dept"], ROWS)
    bulk.create_items(portal["sibling"], [dict(ROWS[0], title="住建局的社会保障信息")])
    bulk.create_items(portal["dept"], [dict(ROWS[0], title="草稿中的社会保障信息")], published=False)
    return portal


def _titles(response) -> list[str]:
    return [item.title for item in response.context["page"].object_list]


def test_search_finds_chinese_substrings_in_title_summary_and_body(client, published):
    response = client.get(published["dept"].url + "search/", {"q": "社会保障"})
    assert response.status_code == 200
    assert sorted(_titles(response)) == sorted(
        ["关于调整社会保障待遇标准的通知", "就业补贴申领指南", "部门预算"]
    )


@pytest.mark.parametrize(
    "query,expected",
    [
        ("保障 预算", ["部门预算"]),
        ("dept/2024-00002", ["劳动关系协调员名单"]),
        ("不存在的词", []),
        ("协调员", ["劳动关系协调员名单"]),
    ],
)
def test_search_words_and_index_numbers(client, published, query, expected):
    assert _titles(client.get(published["dept"].url + "search/", {"q": query})) == expected


def test_search_input_is_bounded_and_escaped(client, published):
    response = client.get(published["dept"].url + "search/", {"q": "<script>alert(1)</script>" * 10})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    assert client.get(published["dept"].url + "search/", {"q": "   "}).status_code == 200
    assert client.get(published["dept"].url + "search/", {"q": "社会", "page": "x"}).status_code == 200


@pytest.mark.parametrize(
    "params,expected",
    [
        ({}, 4),
        ({"category": "livelihood"}, 1),
        ({"topic": "employment"}, 1),
        ({"year": "2024"}, 2),
        ({"year": "2024", "category": "budget"}, 1),
        ({"year": "abc", "category": "nonsense"}, 4),
    ],
)
def test_catalogue_filters(client, published, params, expected):
    response = client.get(published["dept"].url + "catalogue/", params)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == expected


def test_catalogue_shows_the_statutory_columns_and_paginates(client, portal):
    rows = [
        dict(title=f"信息{i}", formed_on=date(2025, 1, 2), category="other", summary=f"概述{i}")
        for i in range(PER_PAGE + 3)
    ]
    bulk.create_items(portal["dept"], rows)
    response = client.get(portal["dept"].url + "catalogue/")
    html = response.content.decode()
    for header in ("索引号", "名称", "内容概述", "生成日期"):
        assert f'<th scope="col">{header}</th>' in html
    assert response.context["page"].has_next()
    second = client.get(portal["dept"].url + "catalogue/", {"page": 2})
    assert len(second.context["page"].object_list) == 3
    assert client.get(portal["dept"].url + "catalogue/", {"page": 99}).status_code == 200


def test_section_front_page_links_the_subcolumns(client, world, published):
    html = client.get(published["dept"].url).content.decode()
    assert "/apply/dept/" in html
    assert 'href="/dept/catalogue/"' in html
    assert 'action="/dept/search/"' in html


def test_item_page_metadata_and_feedback(client, world, published):
    from gongkai.publishing.models import InformationItemPage

    item = InformationItemPage.objects.get(title="部门预算")
    html = client.get(item.url).content.decode()
    for text in (
        "dept/2024-00001",
        "索引号",
        "发布机构",
        "成文日期",
        "发布日期",
        "主题分类",
        "有效性",
        "甲区人社局",
    ):
        assert text in html
    assert '<th scope="row">索引号</th>' in html


def test_drafts_and_other_agencies_are_not_listed(client, published):
    response = client.get(published["dept"].url + "search/", {"q": "住建局"})
    assert _titles(response) == []
    response = client.get(published["dept"].url + "search/", {"q": "草稿"})
    assert _titles(response) == []
