"""Every agency of the test world has an (empty) power list for each report year, so that table 二 is counted
(zeros) rather than blank: a figure without records is blank and blocks submission. Tests of a missing power list
delete it."""

from __future__ import annotations

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def power_lists(request):
    if "world" not in request.fixturenames:
        return
    from gongkai.agencies.models import Agency
    from gongkai.core.report.formats import FIRST_YEAR
    from gongkai.powers.models import PowerList

    request.getfixturevalue("world")
    years = range(FIRST_YEAR, timezone.localdate().year + 1)
    PowerList.objects.bulk_create(
        [PowerList(agency=agency, year=year) for agency in Agency.objects.all() for year in years]
    )
