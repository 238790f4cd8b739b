"""The portal's search across all agencies (/search/, issue 13 item 15): live public items of every column, filters
by 发布机构, 文号 and publication dates, the matches marked in a snippet, full-width forms folded, "0 条" when
nothing matches, and nothing that is not public (drafts, items in the chain, withheld, restricted)."""

from __future__ import annotations

from datetime import date

import pytest
from wagtail.models import PageViewRestriction

from gongkai.publishing.demo import bulk
from gongkai.publishing.models import InformationItemPage, WithheldInformation

ROW = dict(formed_on=date(2025, 3, 3), category="livelihood", summary="概述。")


@pytest.fixture
def items(portal, world, add_item, submitted):
    bulk.create_items(
        portal["dept"],
        [
            dict(
                ROW,
                title="关于调整社会保障待遇标准的通知",
                document_number="甲人社发〔2025〕3号",
                published_on=date(2025, 3, 5),
                body="<p>为落实社会保障制度，现将ABC事项通知如下。</p>",
            ),
            dict(ROW, title="就业补贴申领指南", published_on=date(2024, 6, 1), summary="社会保障卡的使用。"),
            dict(ROW, title="受限的社会保障信息", published_on=date(2025, 1, 1)),
        ],
    )
    bulk.create_items(
        portal["sibling"],
        [
            dict(
                ROW,
                title="住房公积金与社会保障衔接办法",
                document_number="甲住建发〔2025〕7号",
                published_on=date(2025, 4, 1),
            )
        ],
    )
    restricted = InformationItemPage.objects.get(title="受限的社会保障信息")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    add_item(title="草稿中的社会保障信息")
    withheld = add_item(title="不予公开的社会保障请示")
    WithheldInformation.objects.create(
        agency=world["dept"],
        item=withheld,
        title=withheld.title,
        ground="process_info",
        decided_on=date(2025, 1, 5),
        reevaluate_on=date(2026, 1, 5),
    )
    return portal


def _titles(response) -> list[str]:
    return [result["row"].title for result in response.context["results"]]


def test_one_search_finds_every_agencys_public_items_and_nothing_else(client, items, submitted):
    response = client.get("/search/", {"q": "社会保障"})
    assert response.status_code == 200
    assert _titles(response) == [
        "住房公积金与社会保障衔接办法",
        "关于调整社会保障待遇标准的通知",
        "就业补贴申领指南",
    ]
    html = response.content.decode()
    assert "检索结果：3 条" in html and 'href="/sibling/' in html and 'href="/dept/' in html
    for hidden in ("受限的", "草稿中的", "不予公开的", submitted.title):
        assert hidden not in html


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"q": "社会保障", "agency": "sibling"}, ["住房公积金与社会保障衔接办法"]),
        ({"number": "人社发〔2025〕3"}, ["关于调整社会保障待遇标准的通知"]),
        ({"q": "社会保障", "start": "2025-01-01", "end": "2025-03-31"}, ["关于调整社会保障待遇标准的通知"]),
        ({"q": "社会保障", "end": "2024-12-31"}, ["就业补贴申领指南"]),
        ({"q": "ＡＢＣ"}, ["关于调整社会保障待遇标准的通知"]),  # full-width folded
        ({"q": "社會保障待遇"}, ["关于调整社会保障待遇标准的通知"]),  # traditional folded
        ({"q": "dept"}, []),  # in every index number of dept, in no text
        ({"q": "sibling/2025-00001"}, ["住房公积金与社会保障衔接办法"]),  # a whole index number
        ({"q": "SIBLING/2025-00001"}, ["住房公积金与社会保障衔接办法"]),
        ({"q": "社会　保障待遇"}, ["关于调整社会保障待遇标准的通知"]),  # an ideographic space separates words
    ],
)
def test_filters_and_folding(client, items, world, params, expected):
    if "agency" in params:
        params = {**params, "agency": world[params["agency"]].pk}
    assert _titles(client.get("/search/", params)) == expected


def test_the_snippet_marks_the_matches(client, items):
    html = client.get("/search/", {"q": "制度 abc"}).content.decode()
    assert "落实社会保障<mark>制度</mark>，现将<mark>abc</mark>事项" in html


def test_nothing_found_says_0_items(client, items):
    html = client.get("/search/", {"q": "不存在的词"}).content.decode()
    assert "检索结果：0 条" in html and "没有找到符合条件的信息" in html


@pytest.mark.parametrize(
    "params,message",
    [
        ({"q": "社会保障", "start": "2025-13-01"}, "请输入有效的日期"),
        ({"q": "社会保障", "start": "2025-05-01", "end": "2025-01-01"}, "结束日期不能早于开始日期"),
        ({"q": "社会保障", "agency": "999999"}, "请选择列表中的发布机构"),
        ({"q": "x" * 51}, "50"),
    ],
)
def test_bad_input_gets_a_chinese_error_not_a_500(client, items, params, message):
    response = client.get("/search/", params)
    assert response.status_code == 200 and message in response.content.decode()
    assert response.context["searched"] is False


def test_hostile_text_is_escaped(client, items):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in html and "检索结果：0 条" in html


def test_a_restricted_item_moved_elsewhere_stays_hidden(client, items):
    """The restricted pages' places in the tree are kept in the portal cache (columns.public): a move clears it."""
    assert "受限的社会保障信息" not in _titles(client.get("/search/", {"q": "社会保障"}))
    InformationItemPage.objects.get(title="受限的社会保障信息").move(items["sibling"], pos="last-child")
    assert "受限的社会保障信息" not in _titles(client.get("/search/", {"q": "社会保障信息"}))
    assert "受限的社会保障信息" not in client.get("/sibling/search/", {"q": "社会保障"}).content.decode()


def test_a_few_agencies_are_a_list_to_choose_from(client, items):
    html = client.get("/search/", {"q": "社会保障"}).content.decode()
    assert '<select name="agency"' in html and 'name="publisher"' not in html


@pytest.fixture
def many_agencies(monkeypatch):
    """A platform with more agencies than a list shows (the demo world's few, with the limit lowered)."""
    from gongkai.portal.forms import search

    monkeypatch.setattr(search, "AGENCY_LIST_LIMIT", 1)


@pytest.mark.parametrize(
    "publisher,expected",
    [
        ("住建", ["住房公积金与社会保障衔接办法"]),
        ("甲区人社局", ["关于调整社会保障待遇标准的通知", "就业补贴申领指南"]),
        ("", ["住房公积金与社会保障衔接办法", "关于调整社会保障待遇标准的通知", "就业补贴申领指南"]),
        ("教育局", []),
        ("%", []),
    ],
)
def test_many_agencies_are_found_by_words_of_their_name(client, items, many_agencies, publisher, expected):
    response = client.get("/search/", {"q": "社会保障", "publisher": publisher})
    html = response.content.decode()
    assert 'name="publisher"' in html and "<select" not in html
    assert _titles(response) == expected


def test_with_many_agencies_an_agency_id_is_no_filter_and_no_error(client, items, world, many_agencies):
    response = client.get("/search/", {"q": "社会保障", "agency": world["sibling"].pk})
    assert len(_titles(response)) == 3
