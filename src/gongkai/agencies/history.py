"""The audit trail: one mechanism for every change to domain data.

Changes are written to Wagtail's audit log (`ModelLogEntry`, the same log Wagtail keeps for pages
and snippets), with the fields' values before and after in `data["changes"]`. Service functions
call `record()`; nothing else writes history.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date | datetime | Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(_plain(v) for v in value)
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The editable fields of `instance` as plain JSON values, keyed by verbose name."""
    out = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key or not field.editable or (fields and field.name not in fields):
            continue
        value = getattr(instance, field.name)
        if field.choices and value is not None:
            value = getattr(instance, f"get_{field.name}_display")()
        out[str(field.verbose_name)] = _plain(value)
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), after.get(key)]
        for key in {**before, **after}
        if before.get(key) != after.get(key)
    }


def record(
    instance: models.Model, action: str, user=None, changes: dict | None = None, note: str = ""
) -> None:
    """Write one audit event: who (`user`), when (now), what (`action` on `instance`), before/after."""
    data: dict[str, Any] = {}
    if changes:
        data["changes"] = {key: [_plain(a), _plain(b)] for key, (a, b) in changes.items()}
    if note:
        data["note"] = note
    log(instance=instance, action=action, user=user, data=data)


def entries_for(instance: models.Model):
    return ModelLogEntry.objects.for_instance(instance).select_related("user").order_by("-timestamp", "-pk")
