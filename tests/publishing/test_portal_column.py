"""What a citizen sees of a column beyond the lists (issue 13, items 12, 13 and 16): a withdrawn item answers 410
and a draft's URL stays 404 without a trace of it; 已废止 / 已失效 banners on the item page; the catalogue's
有效性 column and filter; numbered pagination; the column's RSS feed holds live items only."""

from __future__ import annotations

from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from gongkai.publishing.demo import bulk
from gongkai.publishing.models import InformationItemPage, WithheldInformation
from gongkai.publishing.public_views import PER_PAGE

ROW = dict(title="关于发放就业补贴的通知", formed_on=date(2025, 3, 3), category="services", summary="补贴。")


def _items(portal, rows, published=True):
    before = set(InformationItemPage.objects.values_list("pk", flat=True))
    bulk.create_items(portal["dept"], rows, published=published)
    return list(InformationItemPage.objects.exclude(pk__in=before).order_by("index_seq"))


@pytest.fixture
def hidden(portal, add_item, submitted, world):
    """One item of each kind that is not public: a draft, an item in the sign-off chain, a withheld item."""
    draft = add_item(title="草稿：某某名单")
    withheld = add_item(title="不予公开：某某请示")
    WithheldInformation.objects.create(
        agency=world["dept"],
        item=withheld,
        title=withheld.title,
        ground="process_info",
        decided_on=date(2025, 1, 5),
        reevaluate_on=date(2026, 1, 5),
    )
    return [draft, submitted, withheld]


def test_a_withdrawn_item_is_gone_and_says_so(client, portal):
    (item,) = _items(portal, [dict(ROW, title="已撤下的通知")])
    url = item.url
    assert client.get(url).status_code == 200
    item.unpublish()
    response = client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "该信息已撤下" in html and "已撤下的通知" not in html and "index-number" not in html
    assert 'href="/dept/catalogue/"' in html


def test_a_draft_url_is_a_plain_404_without_a_trace(client, portal, hidden):
    for item in hidden:
        response = client.get(f"/dept/{item.slug}/")
        assert response.status_code == 404, item.title
        html = response.content.decode()
        assert "页面不存在" in html and "撤下" not in html and item.title not in html


def test_a_repealed_item_carries_a_banner_naming_what_repealed_it(client, portal):
    old, new = _items(
        portal,
        [
            dict(
                ROW,
                title="旧办法",
                document_kind="normative_documents",
                validity="repealed",
                validity_changed_on=date(2025, 6, 1),
            ),
            dict(ROW, title="新办法", document_kind="normative_documents"),
        ],
    )
    new.repeals.set([old])
    new.save()
    html = client.get(old.url).content.decode()
    banner = html[html.index('class="validity-banner"') : html.index("</div>", html.index("validity-banner"))]
    assert "本文件已废止（2025-06-01）" in banner and "不再作为执行依据" in banner
    assert "本文件被废止：" in banner and "新办法" in banner
    assert "validity-banner" not in client.get(new.url).content.decode()


@pytest.mark.parametrize(
    "validity,changed,expected",
    [
        ("expired", date(2025, 1, 31), "本文件已失效（2025-01-31）"),
        ("expired", "future", "本文件将于"),
        ("valid", None, None),
    ],
)
def test_the_banner_follows_validity(client, portal, validity, changed, expected):
    if changed == "future":
        changed = timezone.localdate() + timedelta(days=30)
    (item,) = _items(portal, [dict(ROW, validity=validity, validity_changed_on=changed)])
    html = client.get(item.url).content.decode()
    if expected is None:
        assert "validity-banner" not in html
    else:
        assert expected in html


def test_catalogue_shows_and_filters_validity(client, portal):
    _items(
        portal,
        [
            dict(ROW, title="有效的通知"),
            dict(ROW, title="失效的通知", validity="expired", validity_changed_on=date(2025, 5, 1)),
            dict(ROW, title="废止的办法", validity="repealed", validity_changed_on=date(2025, 5, 2)),
        ],
    )
    response = client.get("/dept/catalogue/")
    html = response.content.decode()
    assert '<th scope="col">有效性</th>' in html
    assert '<td class="validity"><span class="validity-repealed">废止</span></td>' in html
    assert '<option value="expired">失效</option>' in html
    for validity, titles in (
        ("expired", ["失效的通知"]),
        ("repealed", ["废止的办法"]),
        ("valid", ["有效的通知"]),
    ):
        page = client.get("/dept/catalogue/", {"validity": validity}).context["page"]
        assert [row.title for row in page.object_list] == titles
        assert page.paginator.count == 1
    assert client.get("/dept/catalogue/", {"validity": "bogus"}).context["page"].paginator.count == 3


def test_pagination_is_numbered_and_keeps_the_filters(client, portal):
    _items(portal, [dict(ROW, title=f"通知{i}") for i in range(PER_PAGE * 7)])
    html = client.get("/dept/catalogue/", {"category": "services", "page": 4}).content.decode()
    nav = html[html.index('class="pagination"') :]
    assert 'aria-current="page" aria-label="第 4 页（当前页）">4</a>' in nav
    for n in (1, 2, 3, 5, 6, 7):
        assert f'href="?category=services&amp;page={n}" aria-label="第 {n} 页">{n}</a>' in nav
    page_7 = client.get("/dept/catalogue/", {"page": 7}).content.decode()
    assert '<li class="gap" aria-hidden="true">…</li>' in page_7  # 1 … 5 6 7
    assert "第 7 页，共 7 页（140 条）" in page_7


def test_the_rss_feed_lists_live_items_only(client, portal, hidden):
    live = _items(portal, [dict(ROW, title=f"公开的通知{i}") for i in range(3)])
    live[0].unpublish()
    response = client.get("/dept/rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "甲区人社局政府信息公开"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert sorted(titles) == ["公开的通知1", "公开的通知2"]
    links = [item.findtext("link") for item in channel.findall("item")]
    assert all(link.startswith("http://testserver/dept/") for link in links)
    text = response.content.decode()
    assert all(item.title not in text for item in hidden) and live[0].index_number not in text
    assert 'type="application/rss+xml"' in client.get("/dept/").content.decode()


def test_a_search_without_matches_says_0_items(client, portal):
    _items(portal, [ROW])
    html = client.get("/dept/search/", {"q": "不存在的词"}).content.decode()
    assert "“不存在的词”的检索结果：0 条" in html and "暂无信息。" in html
