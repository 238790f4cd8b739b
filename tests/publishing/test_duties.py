"""Separation of duties through the real admin URLs: whoever took one part of an item's run (author, 复核,
保密审查, 审核) is told so on the editor and cannot take another one, not even by a forged POST."""

from __future__ import annotations

import pytest
from wagtail.models import TaskState

from gongkai.agencies.roles import Role
from gongkai.agencies.services import create_person
from gongkai.publishing.models import InformationItemPage

from .conftest import act, current_step, person

SEPARATED = "按职责分离要求"


def _holder(world, username, *roles):
    return create_person(agency=world["dept"], username=username, name=username, roles=roles).user


def _task_state(item) -> TaskState:
    return InformationItemPage.objects.get(pk=item.pk).current_workflow_task_state


def _forge(client, item, action="approve", **data):
    state = _task_state(item)
    url = f"/admin/pages/workflow/action/{item.pk}/{action}/{state.pk}/"
    return client.post(url, data)


def _editor(client, item) -> str:
    response = client.get(f"/admin/pages/{item.pk}/edit/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_author_who_also_checks_cannot_check_their_own_item(world, add_item, client):
    author = _holder(world, "collector-checker", Role.STAFF, Role.SECTION_HEAD)
    item = add_item(user=author)
    item.get_workflow().start(item, author)
    client.force_login(author)
    page = _editor(client, item)
    assert SEPARATED in page and "作者" in page
    assert 'data-workflow-action-name="approve"' not in page
    _forge(client, item, comment="自己复核")
    assert current_step(item) == "复核"
    # another holder of 复核 in the agency takes it
    client.force_login(person(world, "section_head"))
    assert 'data-workflow-action-name="approve"' in _editor(client, item)
    _forge(client, item)
    assert current_step(item) == "保密审查"


@pytest.mark.parametrize(
    "roles,first,later",
    [
        ((Role.SECTION_HEAD, Role.PRINCIPAL_LEADER), "section_head", "审核"),
        ((Role.CONFIDENTIALITY_REVIEWER, Role.PRINCIPAL_LEADER), "confidentiality_reviewer", "审核"),
    ],
)
def test_one_step_per_person_whatever_their_roles(world, submitted, client, roles, first, later):
    both = _holder(world, "two-hats", *roles)
    if first == "section_head":
        act(submitted, both)
        act(submitted, person(world, "confidentiality_reviewer"), conclusion="publishable")
    else:
        act(submitted, person(world, "section_head"))
        act(submitted, both, conclusion="publishable")
    assert current_step(submitted) == later
    client.force_login(both)
    page = _editor(client, submitted)
    assert SEPARATED in page
    assert 'data-workflow-action-name="approve"' not in page
    _forge(client, submitted, comment="同意")
    item = InformationItemPage.objects.get(pk=submitted.pk)
    assert not item.live and current_step(item) == later


def test_the_service_refuses_too(world, submitted):
    from django.core.exceptions import PermissionDenied

    both = _holder(world, "check-and-review", Role.SECTION_HEAD, Role.CONFIDENTIALITY_REVIEWER)
    act(submitted, both)
    with pytest.raises(PermissionDenied, match=SEPARATED):
        act(submitted, both, conclusion="publishable")
    assert current_step(submitted) == "保密审查"


def test_a_decision_cancelled_by_an_edit_still_counts(world, submitted):
    """The reviewer whose conclusion an edit undid did take 保密审查: they cannot approve the item."""
    from django.core.exceptions import PermissionDenied

    both = _holder(world, "review-and-approve", Role.CONFIDENTIALITY_REVIEWER, Role.PRINCIPAL_LEADER)
    act(submitted, person(world, "section_head"))
    act(submitted, both, conclusion="publishable")
    item = InformationItemPage.objects.get(pk=submitted.pk)
    item.summary = "审核前修改了概述。"
    item.save_revision(user=person(world, "staff"))
    assert current_step(item) == "保密审查"
    act(item, person(world, "confidentiality_reviewer"), conclusion="publishable")
    with pytest.raises(PermissionDenied):
        act(item, both)
