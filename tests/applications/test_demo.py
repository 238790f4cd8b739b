"""The demo cases: a year for each demo department, every outcome and the main states, loaded once."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from gongkai.agencies import demo as agencies_demo
from gongkai.agencies.models import Agency
from gongkai.applications import demo, figures
from gongkai.applications.choices import OPEN_STATUSES, Status
from gongkai.applications.models import Application
from gongkai.applications.services import DECIDABLE_OUTCOMES
from gongkai.core.report.checks import check_numbers

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 11, 26), tick=False)
def test_demo_cases():
    agencies_demo.load()
    created = demo.load()
    assert created == 2 * demo.CASES_PER_AGENCY
    assert demo.load() == 0
    outcomes = set(Application.objects.values_list("outcome", flat=True))
    assert set(DECIDABLE_OUTCOMES) | {"other.no_correction", "other.unpaid_fee"} <= outcomes
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses >= {
        Status.SUBMITTED,
        Status.PROCESSING,
        Status.AWAITING_CORRECTION,
        Status.CONSULTING,
        Status.AWAITING_FEE,
        Status.DECIDED,
        Status.REPLIED,
        Status.DELIVERED,
        Status.CLOSED,
        Status.WITHDRAWN,
    }, statuses
    for code in ("jingkai-rsj", "jingkai-zjj"):
        for year in (2025, 2026):
            assert check_numbers(figures.requests_report(Agency.objects.get(code=code), year)) == []
    first = Application.objects.filter(agency__code="jingkai-rsj").order_by("year", "seq").first()
    assert first.number.startswith("经开人社依申〔2025〕")
    # the demo's 业务人员 are 承办人 of some open cases (log in as rsj-yewu to see them)
    assigned = Application.objects.filter(agency__code="jingkai-rsj", handler__user__username="rsj-yewu")
    assert assigned.exists() and not assigned.exclude(status__in=OPEN_STATUSES).exists()
