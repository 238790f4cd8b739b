"""Each role's dashboard starts with its own work; the 公开办 reaches the guide's editor from the menu."""

from __future__ import annotations

import pytest

from .conftest import act, person

_PANEL_IDS = {
    "own": "gongkai-own-items-section",
    "review": "等待你的审查",
    "office": "gongkai-office-desk-section",
    "reports": "gongkai-annual-reports-section",
}


def _panel_order(body: str) -> list[str]:
    found = [(body.find(marker), key) for key, marker in _PANEL_IDS.items() if marker in body]
    return [key for _, key in sorted(found)]


@pytest.mark.parametrize(
    "role,first",
    [
        ("staff", "own"),
        ("section_head", "review"),
        ("confidentiality_reviewer", "review"),
        ("principal_leader", "review"),
        ("disclosure_office", "office"),
    ],
)
def test_each_dashboard_starts_with_its_own_work(role, first, world, portal, add_item, client):
    author = person(world, "staff")
    returned = add_item(user=author, n=1)
    returned.get_workflow().start(returned, author)
    act(returned, person(world, "section_head"), "reject", comment="请补充依据")
    waiting = {"section_head": 2, "confidentiality_reviewer": 3, "principal_leader": 4}
    for n in waiting.values():
        item = add_item(user=author, n=n)
        item.get_workflow().start(item, author)
        if n >= 3:
            act(item, person(world, "section_head"))
        if n == 4:
            item.refresh_from_db()
            act(item, person(world, "confidentiality_reviewer"), conclusion="publishable")
    add_item(user=author, n=5)  # a draft
    client.force_login(person(world, role))
    body = client.get("/admin/").content.decode()
    order = _panel_order(body)
    assert order[0] == first, order
    if "reports" in order:
        assert order[-1] == "reports", order
    if role == "staff":
        assert "请补充依据" in body and "（5）" in body and "草稿，尚未提交审核" in body
    if role in waiting:
        assert f"（{waiting[role]}）" in body


def test_the_disclosure_office_reaches_the_guide_editor_from_the_menu(world, portal, client):
    from gongkai.publishing.models import GuidePage

    client.force_login(person(world, "disclosure_office"))
    menu = client.get("/admin/").content.decode()
    assert "/admin/gongkai/publishing/guides/" in menu
    response = client.get("/admin/gongkai/publishing/guides/", follow=True)
    add_url = f"/admin/pages/add/publishing/guidepage/{portal['dept'].pk}/"
    assert add_url in response.content.decode()  # no guide yet: write it
    guide = portal["dept"].add_child(instance=GuidePage(title="经开区人社局政府信息公开指南"))
    response = client.get("/admin/gongkai/agencies/dept/publishing/guide/")
    assert f"/admin/pages/{guide.pk}/edit/" in response.content.decode()
    assert client.get(f"/admin/pages/{guide.pk}/edit/").status_code == 200


def test_the_guide_menu_is_only_for_the_disclosure_office(world, portal, client):
    client.force_login(person(world, "staff"))
    assert "/admin/gongkai/publishing/guides/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/gongkai/agencies/dept/publishing/guide/").status_code in (302, 403, 404)
