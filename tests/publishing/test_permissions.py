"""Who may create, edit and review the pages of a column: derived from roles + agencies (scoping), enforced in
Wagtail's own create / edit views."""

from __future__ import annotations

import pytest

from gongkai.publishing.models import InformationItemPage

from .conftest import act, item_fields, person


def _add_url(section):
    return f"/admin/pages/add/publishing/informationitempage/{section.pk}/"


def _allowed(response) -> bool:
    return response.status_code == 200


@pytest.mark.parametrize(
    "role,home,section,allowed",
    [
        ("staff", "dept", "dept", True),
        ("section_head", "dept", "dept", True),
        ("disclosure_office", "dept", "dept", True),
        ("staff", "dept", "sibling", False),
        ("disclosure_office", "dept", "sibling", False),
        ("principal_leader", "dept", "dept", False),
        ("confidentiality_reviewer", "dept", "dept", False),
        ("supervising_office", "gov", "dept", False),
        ("staff", "gov", "dept", False),
    ],
)
def test_create_view_follows_the_agency(client, world, portal, role, home, section, allowed):
    client.force_login(person(world, role, home))
    assert _allowed(client.get(_add_url(portal[section]))) is allowed


def _post_data(**overrides):
    fields = item_fields()
    data = {
        "title": fields["title"],
        "formed_on": "2025-03-03",
        "category": "livelihood",
        "local_category": "",
        "topic": "social_security",
        "genre": "notice",
        "document_kind": "other",
        "disclosure_mode": "proactive",
        "validity": "valid",
        "summary": fields["summary"],
        "body": '{"blocks": [], "entityMap": {}}',
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_staff_create_an_item_in_their_column_but_not_in_another(client, world, portal):
    client.force_login(person(world, "staff"))
    response = client.post(_add_url(portal["dept"]), _post_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    item = InformationItemPage.objects.get()
    assert item.agency == world["dept"]
    assert item.index_number == "dept/2025-00001"
    assert not item.live
    response = client.post(_add_url(portal["sibling"]), _post_data(title="越权采集"))
    assert not _allowed(response)
    assert InformationItemPage.objects.count() == 1


def test_staff_cannot_publish_directly(client, world, portal):
    client.force_login(person(world, "staff"))
    client.post(_add_url(portal["dept"]), _post_data(**{"action-publish": "1"}))
    item = InformationItemPage.objects.get()
    assert not item.live


def test_edit_view_is_closed_to_other_agencies(client, world, add_item):
    item = add_item()
    edit = f"/admin/pages/{item.pk}/edit/"
    client.force_login(person(world, "staff"))
    assert client.get(edit).status_code == 200
    client.force_login(world["people"][("sibling", "member")].user)
    assert not _allowed(client.get(edit))
    client.force_login(person(world, "disclosure_office", "gov"))
    assert not _allowed(client.get(edit))


def test_reviewer_reaches_the_editor_only_at_their_step(client, world, submitted):
    edit = f"/admin/pages/{submitted.pk}/edit/"
    client.force_login(person(world, "confidentiality_reviewer"))
    assert not _allowed(client.get(edit))
    act(submitted, person(world, "section_head"))
    assert client.get(edit).status_code == 200


def test_reviewer_of_another_agency_cannot_open_or_act(client, world, submitted):
    act(submitted, person(world, "section_head"))
    outsider = person(world, "confidentiality_reviewer", "gov")
    client.force_login(outsider)
    assert not _allowed(client.get(f"/admin/pages/{submitted.pk}/edit/"))
    state = submitted.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{submitted.pk}/approve/{state.pk}/",
        {"conclusion": "publishable"},
    )
    assert response.status_code in (302, 403)
    assert InformationItemPage.objects.get(pk=submitted.pk).current_workflow_task.name == "保密审查"


def test_reviewer_records_a_conclusion_through_the_admin(client, world, submitted):
    act(submitted, person(world, "section_head"))
    client.force_login(person(world, "confidentiality_reviewer"))
    state = submitted.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{submitted.pk}/approve/{state.pk}/",
        {"conclusion": "withheld", "ground": "process_info", "comment": "请示类过程性信息"},
    )
    assert response.status_code == 302
    from gongkai.publishing.models import WithheldInformation

    assert WithheldInformation.objects.get().ground == "process_info"
