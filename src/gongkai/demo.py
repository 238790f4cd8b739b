"""Demo data for `make run`: each app contributes its part, in dependency order. Idempotent."""

from __future__ import annotations

from django.db import transaction


@transaction.atomic
def load() -> list[tuple[str, str, str]]:
    from gongkai.agencies import demo as agencies_demo
    from gongkai.applications import demo as applications_demo
    from gongkai.portal import demo as portal_demo
    from gongkai.powers import demo as powers_demo
    from gongkai.publishing import demo as publishing_demo
    from gongkai.reports import demo as reports_demo
    from gongkai.workrecords import demo as workrecords_demo

    accounts = agencies_demo.load()
    portal_demo.load()
    publishing_demo.load()
    portal_demo.load_guides()  # after publishing: a guide in each agency's column
    applications_demo.load()
    powers_demo.load()
    workrecords_demo.load()
    reports_demo.load()  # last: the reports are assembled from the other apps' demo records
    return accounts
