"""Applicants' personal data as a given viewer may see it: in full for the handling office, masked elsewhere."""

from __future__ import annotations

from .models import Application

PERSONAL_FIELDS = (
    "name",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_person",
    "phone",
    "address",
    "email",
)


def mask(value: str) -> str:
    """Keep the first character and, for longer values, the last two: 张** / 1101************34."""
    if not value:
        return ""
    if len(value) <= 3:
        return value[0] + "*" * (len(value) - 1)
    return value[0] + "*" * (len(value) - 3) + value[-2:]


def applicant(app: Application, visible: bool) -> dict[str, str]:
    """The personal fields of `app`, masked unless `visible`. Organisations' names are not personal data."""
    out = {name: getattr(app, name) for name in PERSONAL_FIELDS}
    if not visible:
        for name in PERSONAL_FIELDS:
            if name == "name" and app.is_organisation:
                continue
            out[name] = mask(out[name])
    return out
