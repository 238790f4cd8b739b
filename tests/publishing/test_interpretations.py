"""政策解读 (issue 13, item 14): a 文字解读 / 图解 / 音视频解读 names the items it interprets through the real admin
form, chosen only among the agency's own published items (agencies/scoping.py, as 修改/废止 in linking.py); both
pages link to each other, and only while the other side is live and public."""

from __future__ import annotations

from datetime import date

from wagtail.models import PageViewRestriction

from gongkai.publishing.models import InformationItemPage, WithheldInformation

from .conftest import person
from .test_permissions import _add_url, _post_data

SEARCH = "/admin/gongkai/agencies/{code}/publishing/linkable/?for=interprets&q={q}"


def _publish(item):
    item.save_revision().publish()
    return InformationItemPage.objects.get(pk=item.pk)


def _policy(add_item, section="dept", title="关于促进就业的若干措施", live=True, **fields):
    item = add_item(section, title=title, **fields)
    return _publish(item) if live else item


def _interpretation(client, portal, title, interprets, genre="interpretation_text"):
    return client.post(
        _add_url(portal["dept"]),
        _post_data(title=title, genre=genre, interprets=[str(i.pk) for i in interprets]),
    )


def test_the_chooser_offers_only_the_agencys_published_items_that_are_not_interpretations(
    client, world, add_item
):
    own = _policy(add_item, title="促进就业措施（人社局）")
    _policy(add_item, title="促进就业措施草稿", live=False)
    _policy(add_item, title="促进就业措施解读", genre="interpretation_text")
    _policy(add_item, "sibling", title="促进就业措施（住建局）")
    client.force_login(person(world, "staff"))
    response = client.get(SEARCH.format(code="dept", q="促进就业措施"))
    assert [row["id"] for row in response.json()["items"]] == [own.pk]
    assert client.get(SEARCH.format(code="sibling", q="促进就业")).status_code in (302, 404)


def test_a_post_interpreting_a_foreign_or_unpublished_item_is_refused(client, world, add_item, portal):
    foreign = _policy(add_item, "sibling", title="住建局的政策")
    draft = _policy(add_item, title="人社局的草稿政策", live=False)
    withheld = _policy(add_item, title="人社局的不予公开请示", live=False)
    WithheldInformation.objects.create(
        agency=world["dept"],
        item=withheld,
        title=withheld.title,
        ground="process_info",
        decided_on=date(2025, 1, 5),
        reevaluate_on=date(2026, 1, 5),
    )
    client.force_login(person(world, "staff"))
    for target in (foreign, draft, withheld):
        response = _interpretation(client, portal, "越权解读", [target])
        assert response.status_code == 200
        assert "只能选择本机关已发布的信息作为所解读的文件" in response.content.decode()
    assert not InformationItemPage.objects.filter(title="越权解读").exists()


def test_only_an_interpretation_names_what_it_interprets(client, world, add_item, portal):
    policy = _policy(add_item)
    client.force_login(person(world, "staff"))
    response = _interpretation(client, portal, "不是解读的通知", [policy], genre="notice")
    assert response.status_code == 200
    assert "只有体裁为文字解读、图解或音视频解读的信息才能选择所解读的文件" in response.content.decode()


def test_policy_and_interpretations_link_both_ways_while_live(client, world, add_item, portal):
    policy = _policy(add_item)
    client.force_login(person(world, "staff"))
    for title, genre in (
        ("一图读懂促进就业措施", "interpretation_graphic"),
        ("促进就业措施文字解读", "interpretation_text"),
    ):
        assert _interpretation(client, portal, title, [policy], genre=genre).status_code == 302
    graphic = InformationItemPage.objects.get(title="一图读懂促进就业措施")
    text = InformationItemPage.objects.get(title="促进就业措施文字解读")
    client.logout()
    # drafts (saved by staff, not yet through the chain): nothing on the policy's page
    assert "政策解读" not in client.get(policy.url).content.decode()
    graphic, text = _publish(graphic), _publish(text)
    html = client.get(policy.url).content.decode()
    assert '<h2 id="interpretations-heading">政策解读</h2>' in html
    assert '<span class="tag">图解</span> <a href="/dept/' in html and "一图读懂促进就业措施" in html
    assert '<span class="tag">文字解读</span>' in html and "促进就业措施文字解读" in html
    back = client.get(graphic.url).content.decode()
    assert '<span class="tag">解读的文件</span>' in back and policy.title in back
    # withdrawn or restricted on one side: the other side no longer links to it
    text.unpublish()
    PageViewRestriction.objects.create(page=graphic, restriction_type=PageViewRestriction.LOGIN)
    assert "政策解读" not in client.get(policy.url).content.decode()
    policy.unpublish()
    graphic.get_view_restrictions().delete()
    assert policy.title not in client.get(graphic.url).content.decode()
