"""Every step of the sign-off chain ends on a page its actor may open (the agency's desk) with a sentence saying
what happens next; an item's history is readable by its agency's staff and those supervising it."""

from __future__ import annotations

import pytest

from gongkai.publishing.models import InformationItemPage

from .conftest import act, person


def _step(client, item, action, **data):
    state = InformationItemPage.objects.get(pk=item.pk).current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{item.pk}/{action}/{state.pk}/", data, follow=True)


@pytest.mark.parametrize(
    "before,role,action,data,told",
    [
        (0, "section_head", "approve", {}, "已进入“保密审查”"),
        (0, "section_head", "reject", {"comment": "请补充时限"}, "已退回作者修改：请补充时限"),
        (1, "confidentiality_reviewer", "approve", {"conclusion": "publishable"}, "已进入“审核”"),
        (
            1,
            "confidentiality_reviewer",
            "approve",
            {"conclusion": "partial", "removed": "手机号码"},
            "保密审查结论为部分公开，已退回作者删除：手机号码",
        ),
        (
            1,
            "confidentiality_reviewer",
            "approve",
            {"conclusion": "withheld", "ground": "process_info"},
            "已登记入不予公开信息登记，不会发布",
        ),
        (2, "principal_leader", "approve", {}, "已发布"),
    ],
)
def test_each_step_lands_on_the_desk_and_says_what_next(
    world, submitted, client, before, role, action, data, told
):
    steps = [("section_head", {}), ("confidentiality_reviewer", {"conclusion": "publishable"})]
    for done, extra in steps[:before]:
        act(submitted, person(world, done), **extra)
    client.force_login(person(world, role))
    response = _step(client, submitted, action, **data)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/admin/gongkai/agencies/dept/publishing/")
    html = response.content.decode()
    assert told in html
    assert "没有权限" not in html


def test_an_approvers_edit_is_told_it_went_back_to_the_review(world, submitted, client):
    from gongkai.publishing import outcome

    act(submitted, person(world, "section_head"))
    act(submitted, person(world, "confidentiality_reviewer"), conclusion="publishable")
    item = InformationItemPage.objects.get(pk=submitted.pk)
    item.body = "<p>审核时改动了正文。</p>"
    item.save_revision(user=person(world, "principal_leader"))
    assert "已退回保密审查" in outcome.next_step(InformationItemPage.objects.get(pk=item.pk))


@pytest.mark.parametrize(
    "role,home,allowed",
    [
        ("staff", "dept", True),
        ("principal_leader", "dept", True),
        ("confidentiality_reviewer", "dept", True),
        ("supervising_office", "gov", True),
        ("staff", "gov", False),
        ("disclosure_office", "gov", False),
    ],
)
def test_the_items_history_is_readable_by_its_agency_and_supervisors(
    world, submitted, client, role, home, allowed
):
    act(submitted, person(world, "section_head"), comment="同意")
    client.force_login(person(world, role, home))
    response = client.get(f"/admin/gongkai/agencies/dept/publishing/items/{submitted.pk}/history/")
    assert (response.status_code == 200) is allowed
    if allowed:
        html = response.content.decode()
        assert submitted.title in html and "同意" in html


def test_an_autosave_refused_after_the_step_leaves_no_message(world, submitted, client):
    """The editor's autosave can still be in flight when a step takes the editor away from its actor: it is
    refused as a fetch (403), not with a flash message that would replace what the desk says happens next."""
    act(submitted, person(world, "section_head"))
    client.force_login(person(world, "confidentiality_reviewer"))
    _step(client, submitted, "approve", conclusion="partial", removed="手机号码")
    autosave = client.post(
        f"/admin/pages/{submitted.pk}/edit/", {"title": submitted.title}, HTTP_ACCEPT="application/json"
    )
    assert autosave.status_code == 403
    desk = client.get("/admin/gongkai/agencies/dept/publishing/").content.decode()
    assert "没有权限" not in desk
