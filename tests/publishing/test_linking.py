"""修改的文件 / 废止的文件 through the real admin URLs: the chooser searches only the agency's own published 规章 and
规范性文件, the form renders only the items chosen, and a POST linking another agency's item is refused."""

from __future__ import annotations

from gongkai.publishing.models import InformationItemPage

from .conftest import person
from .test_permissions import _add_url, _post_data


def _publish(item):
    item.save_revision().publish()
    return InformationItemPage.objects.get(pk=item.pk)


def _rules(add_item, section, title, *, live=True, kind="normative_documents"):
    item = add_item(section, title=title, document_kind=kind)
    return _publish(item) if live else item


def test_the_chooser_finds_only_the_agencys_own_published_rules(client, world, add_item):
    own = _rules(add_item, "dept", "人社局规范性文件甲")
    _rules(add_item, "dept", "人社局规范性文件草稿", live=False)
    _rules(add_item, "dept", "人社局一般通知", kind="other")
    _rules(add_item, "sibling", "住建局规范性文件")
    client.force_login(person(world, "staff"))
    response = client.get("/admin/gongkai/agencies/dept/publishing/linkable/?q=规范性文件")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["items"]] == [own.pk]
    # another agency's search answers like a missing one
    response = client.get("/admin/gongkai/agencies/sibling/publishing/linkable/?q=规范性文件")
    assert response.status_code in (302, 404)


def test_the_chooser_finds_an_item_by_its_index_number(client, world, add_item):
    own = _rules(add_item, "dept", "人社局规范性文件甲")
    _rules(add_item, "dept", "人社局规范性文件乙")
    client.force_login(person(world, "staff"))
    response = client.get(f"/admin/gongkai/agencies/dept/publishing/linkable/?q={own.index_number.upper()}")
    assert [row["id"] for row in response.json()["items"]] == [own.pk]


def test_the_form_renders_only_what_is_chosen(client, world, add_item, portal):
    for n in range(5):
        _rules(add_item, "dept", f"人社局规范性文件{n}")
    client.force_login(person(world, "staff"))
    page = client.get(_add_url(portal["dept"])).content.decode()
    assert "人社局规范性文件" not in page
    assert "/admin/gongkai/agencies/dept/publishing/linkable/" in page


def test_a_post_linking_another_agencys_item_is_refused(client, world, add_item, portal):
    foreign = _rules(add_item, "sibling", "住建局规范性文件")
    draft = _rules(add_item, "dept", "人社局草稿文件", live=False)
    own = _rules(add_item, "dept", "人社局规范性文件")
    client.force_login(person(world, "staff"))
    for target in (foreign, draft):
        response = client.post(
            _add_url(portal["dept"]), _post_data(title="越权废止", repeals=[str(target.pk)])
        )
        assert response.status_code == 200
        assert "只能关联本机关已发布的规章、行政规范性文件" in response.content.decode()
        assert not InformationItemPage.objects.filter(title="越权废止").exists()
    response = client.post(_add_url(portal["dept"]), _post_data(title="合规废止", repeals=[str(own.pk)]))
    assert response.status_code == 302
    item = InformationItemPage.objects.get(title="合规废止")
    assert list(item.repeals.values_list("pk", flat=True)) == [own.pk]
    # the edit form shows the chosen link, and only it
    page = client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    assert "人社局规范性文件" in page and "住建局规范性文件" not in page
