"""Loading a year's holiday notice moves the open deadlines that run into it, with history."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from gongkai.agencies import history
from gongkai.applications import services
from gongkai.core.calendar import parse_calendar_text
from gongkai.workdays import services as workdays
from gongkai.workdays.models import CalendarYear

from .conftest import received

pytestmark = pytest.mark.django_db

NOTICE_2027 = """\
year 2027
title 2027 年节假日安排（测试用）
holiday 2027-01-01  元旦
"""


@pytest.fixture
def immediate_on_commit(monkeypatch):
    monkeypatch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())


@time_machine.travel(date(2026, 12, 15), tick=False)
def test_loading_2027_moves_a_provisional_deadline(world, office, immediate_on_commit):
    CalendarYear.objects.filter(year=2027).delete()  # in case the seed already knows it
    open_case = received(world["dept"], date(2026, 12, 10), by=office)
    replied = received(world["dept"], date(2026, 12, 10), by=office)
    services.decide(replied, on=date(2026, 12, 11), outcome="granted", basis="第三十六条")
    replied = services.reply(replied, on=date(2026, 12, 11))
    early = received(world["dept"], date(2026, 3, 2), by=office)
    assert open_case.due_provisional and open_case.due == date(2027, 1, 7)  # 2027-01-01 counted as a workday
    before_early = (early.due, history.entries_for(early).count())
    before_replied = history.entries_for(replied).count()

    workdays.load_year(parse_calendar_text(NOTICE_2027))

    open_case.refresh_from_db()
    assert open_case.due == date(2027, 1, 8) and not open_case.due_provisional
    entry = history.entries_for(open_case).first()
    assert "2027 年" in entry.data["note"] and "重新计算答复期限" in entry.data["note"]
    assert entry.data["changes"]["答复期限"] == ["2027-01-07", "2027-01-08"]
    assert entry.data["changes"]["答复期限为暂定"] == ["是", "否"]
    early.refresh_from_db()
    assert (early.due, history.entries_for(early).count()) == before_early
    assert history.entries_for(replied).count() == before_replied
