"""Time to confirm and time to reply, kept apart, against cases counted by hand on the 2025 calendar.

March 2025 has no holiday; 2025-01-01 is one. Working days are counted in (start, end].
"""

from __future__ import annotations

from datetime import date as D

import pytest

from gongkai.applications import services
from gongkai.applications.choices import Party
from gongkai.applications.statistics import Summary, clock_statistics

from .conftest import org_fields, person_fields, received

pytestmark = pytest.mark.django_db


def _online(agency, submitted, confirmed, fields):
    app, _ = services.submit(agency, fields, on=submitted)
    return services.confirm_receipt(app, on=confirmed)


@pytest.fixture
def cases(world, office):
    dept = world["dept"]
    # 1. online, person: confirm (03-03, 03-05] = 2; reply (03-05, 03-12] = 5; granted.
    one = _online(dept, D(2025, 3, 3), D(2025, 3, 5), person_fields(1))
    services.decide(one, on=D(2025, 3, 12), outcome="granted", basis="第三十六条第（二）项")
    # 2. online, company: confirm (03-07 Fri, 03-10 Mon] = 1; reply (03-10, 03-24] = 10 less the
    #    consultation (03-12, 03-19] = 5 → 5; granted.
    two = _online(dept, D(2025, 3, 7), D(2025, 3, 10), org_fields(1))
    services.send_consultation(two, on=D(2025, 3, 12), party=Party.THIRD_PARTY, to="某公司")
    services.answer_consultation(two, on=D(2025, 3, 19), key="1")
    services.decide(two, on=D(2025, 3, 24), outcome="granted", basis="第三十六条第（二）项")
    # 3. in person: reply (03-03, 03-14] = 9 less the correction wait (03-04, 03-11] = 5 → 4; partial.
    three = received(dept, D(2025, 3, 3), person_fields(3))
    services.request_correction(three, on=D(2025, 3, 4), what="请写明文号")
    services.receive_correction(three, on=D(2025, 3, 11))
    services.decide(three, on=D(2025, 3, 14), outcome="partial", basis="第三十七条", withheld="个人信息")
    # 4. in person: reply (03-03, 03-17] = 10 less the fee window (03-05, 03-07] = 2 → 8; granted.
    four = received(dept, D(2025, 3, 3), person_fields(4))
    services.send_fee_notice(four, on=D(2025, 3, 5), quantity=11, method="count")
    services.record_fee_paid(four, on=D(2025, 3, 7))
    services.decide(four, on=D(2025, 3, 17), outcome="granted", basis="第三十六条第（二）项")
    # 5. in person, never corrected: (03-03, 03-11] = 6 less (03-04, 03-11] = 5 → 1; other.no_correction.
    five = received(dept, D(2025, 3, 3), person_fields(5))
    services.request_correction(five, on=D(2025, 3, 4), what="请写明文号", respond_by=D(2025, 3, 10))
    services.abandon(five, on=D(2025, 3, 11))
    # 6. online, person, not yet decided: confirm (03-03, 03-12] = 7.
    _online(dept, D(2025, 3, 3), D(2025, 3, 12), person_fields(6))
    # 7. online, person, across the new year: confirm (2024-12-30, 2025-01-02] = 2 (01-01 is a holiday).
    _online(dept, D(2024, 12, 30), D(2025, 1, 2), person_fields(7))
    # 8. decided in 2024: not in 2025's figures.
    eight = received(dept, D(2024, 12, 2), person_fields(8))
    services.decide(eight, on=D(2024, 12, 10), outcome="granted", basis="第三十六条第（二）项")
    # Another agency's case never counts.
    other = _online(world["sibling"], D(2025, 3, 3), D(2025, 3, 4), person_fields(9))
    services.decide(other, on=D(2025, 3, 5), outcome="granted", basis="第三十六条第（二）项")


def _by(rows):
    return {row.key: row.summary for row in rows}


def test_time_to_confirm(world, cases):
    stats = clock_statistics(world["dept"], 2025)
    confirm = _by(stats.confirm_by_type)
    assert confirm["natural_person"] == Summary(count=3, median=2, p90=7, max=7)
    assert confirm["commercial"] == Summary(count=1, median=1, p90=1, max=1)
    assert confirm["research"] == Summary(0, None, None, None)
    assert stats.confirm_all == Summary(count=4, median=2, p90=7, max=7)


def test_time_to_reply(world, cases):
    stats = clock_statistics(world["dept"], 2025)
    outcome = _by(stats.reply_by_outcome)
    assert outcome["granted"] == Summary(count=3, median=5, p90=8, max=8)
    assert outcome["partial"] == Summary(count=1, median=4, p90=4, max=4)
    assert outcome["other.no_correction"] == Summary(count=1, median=1, p90=1, max=1)
    assert outcome["withheld.state_secret"].count == 0
    by_type = _by(stats.reply_by_type)
    assert by_type["natural_person"] == Summary(count=4, median=4.5, p90=8, max=8)
    assert by_type["commercial"] == Summary(count=1, median=5, p90=5, max=5)
    assert stats.reply_all == Summary(count=5, median=5, p90=8, max=8)
    assert clock_statistics(world["dept"], 2024).reply_all == Summary(count=1, median=6, p90=6, max=6)


def test_summary_percentiles_by_nearest_rank():
    assert Summary.of(list(range(1, 11))) == Summary(count=10, median=5.5, p90=9, max=10)
    assert Summary.of([3]) == Summary(1, 3, 3, 3)
    assert Summary.of([]) == Summary(0, None, None, None)


def test_statistics_page(client, world, office, cases):
    client.force_login(office)
    desk = client.get("/admin/gongkai/applications/").content.decode()
    assert "/admin/gongkai/agencies/dept/applications/statistics/" in desk
    html = client.get("/admin/gongkai/agencies/dept/applications/statistics/2025/").content.decode()
    assert "确认用时" in html and "答复用时" in html and "<td>商业企业</td><td>1</td>" in html
