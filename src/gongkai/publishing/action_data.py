"""The data of a workflow step taken in the item's editor, checked before Wagtail acts on it.

A step that asks for input (the 保密审查 conclusion, 附意见通过) is filled in a dialog whose form checks it; the
dialog then posts the item's edit form with that input as JSON in ``workflow-action-extra-data``, and Wagtail's
edit view hands the decoded JSON to the task's ``on_action`` as keyword arguments without any check. A forged or
broken payload (not JSON, not an object, a conclusion outside the choices, 部分公开 without what is removed, a
number where text belongs) would reach the sign-off with values no form ever accepted. `refusal` checks the
payload with the same form the dialog uses, so the editor refuses it with the form's message before anything is
saved."""

from __future__ import annotations

import json

ACTION = "action-workflow-action"
NAME = "workflow-action-name"
DATA = "workflow-action-extra-data"
BROKEN = "审批操作的数据无法识别，请重新打开审批对话框提交"


def refusal(page, post) -> str | None:
    """Why the workflow step posted in ``post`` for ``page`` may not be taken as posted, or None (also when the
    post takes no step, or a step Wagtail itself will not offer: it refuses those)."""
    if not post.get(ACTION):
        return None
    task = page.current_workflow_task
    if task is None:
        return None
    try:
        data = json.loads(post.get(DATA) or "{}")
    except ValueError:
        return BROKEN
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return BROKEN
    form = task.specific.get_form_for_action(post.get(NAME, ""))(data=data)
    if form.is_valid():
        return None
    return "；".join(
        f"{form.fields[name].label}：{message}" if name in form.fields else message
        for name, messages in form.errors.items()
        for message in messages
    )
