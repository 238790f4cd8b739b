"""A workflow step posted through the item's edit form carries its data as JSON that Wagtail hands to the task
unvalidated (``workflow-action-extra-data``): a forged or broken payload is refused with a Chinese message and
changes nothing, never a 500."""

from __future__ import annotations

import json

import pytest

from gongkai.publishing.action_data import BROKEN
from gongkai.publishing.models import ConfidentialityConclusion, InformationItemPage

from .conftest import act, current_step, person
from .test_attachments import _edit_data


@pytest.mark.parametrize(
    "extra,told",
    [
        ("{not json", BROKEN),
        (json.dumps([1, 2]), BROKEN),
        (json.dumps({"conclusion": "partial", "removed": 123}), BROKEN),
        (json.dumps({"conclusion": ["publishable"]}), BROKEN),
        (json.dumps({"conclusion": "partial", "removed": " "}), "部分公开须写明删除或遮盖的内容"),
        (json.dumps({"conclusion": "withheld"}), "不予公开须选择条例第十四至十六条的依据"),
        (json.dumps({"conclusion": "bogus"}), "审查结论："),
        (json.dumps({}), "审查结论："),
    ],
)
def test_a_forged_conclusion_is_refused(client, world, submitted, extra, told):
    act(submitted, person(world, "section_head"))
    client.force_login(person(world, "confidentiality_reviewer"))
    edit = f"/admin/pages/{submitted.pk}/edit/"
    data = _edit_data(client.get(edit))
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": extra,
        }
    )
    response = client.post(edit, data, follow=True)
    assert response.redirect_chain[-1][0] == edit
    assert told in response.content.decode()
    assert current_step(InformationItemPage.objects.get(pk=submitted.pk)) == "保密审查"
    assert not ConfidentialityConclusion.objects.exists()


def test_a_conclusion_posted_through_the_editor_is_taken(client, world, submitted):
    act(submitted, person(world, "section_head"))
    client.force_login(person(world, "confidentiality_reviewer"))
    edit = f"/admin/pages/{submitted.pk}/edit/"
    data = _edit_data(client.get(edit))
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"conclusion": "publishable", "comment": ""}),
        }
    )
    response = client.post(edit, data, follow=True)
    assert "已进入“审核”" in response.content.decode()
    assert ConfidentialityConclusion.objects.get().conclusion == "publishable"
