"""Demo data for `make run`: each app contributes its part, in dependency order. Idempotent."""

from __future__ import annotations

from django.db import transaction


@transaction.atomic
def load() -> list[tuple[str, str, str]]:
    from gongkai.agencies import demo as agencies_demo
    from gongkai.applications import demo as applications_demo
    from gongkai.portal import demo as portal_demo
    from gongkai.powers import demo as powers_demo

    accounts = agencies_demo.load()
    portal_demo.load()
    applications_demo.load()
    powers_demo.load()
    return accounts
