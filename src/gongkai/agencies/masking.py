"""Personal data as a viewer may see it: in full for the office that handles it, masked elsewhere (DESIGN.md,
"Personal data"). Whether a viewer sees it is the permission Perm.VIEW_PERSONAL_DATA (or, for feedback,
Perm.HANDLE_FEEDBACK) in the record's agency, checked by the caller through `scoping`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def mask(value: str) -> str:
    """Keep the first character and, for longer values, the last two: 张** / 1101************34."""
    if not value:
        return ""
    if len(value) <= 3:
        return value[0] + "*" * (len(value) - 1)
    return value[0] + "*" * (len(value) - 3) + value[-2:]


def masked(values: Mapping[str, str], visible: bool, keep: Iterable[str] = ()) -> dict[str, str]:
    """``values`` as they may be shown: as they are when ``visible``, else each masked but those in ``keep``
    (e.g. an organisation's name, which is not personal data)."""
    if visible:
        return dict(values)
    kept = set(keep)
    return {name: value if name in kept else mask(value) for name, value in values.items()}
