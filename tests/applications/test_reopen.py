"""Re-opening a case on an administrative review's or a court's order: back to processing, a new deadline from
the day the order was received, the earlier result kept in the events and counted once in table 三."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.agencies import history
from gongkai.agencies.roles import Role
from gongkai.applications import figures, services, steps
from gongkai.applications.choices import EventKind, Status
from gongkai.applications.lifecycle import StoredEvent, replay
from gongkai.core.errors import Refused
from gongkai.core.report import formats

from .conftest import org_fields, person_fields, received

pytestmark = pytest.mark.django_db

D = date
ORDER = {"reference": "甲府复决〔2025〕3号", "case": "行政复议，甲区人民政府"}


def _answered(
    agency, on_received: date, on_decided: date, fields=None, by=None, outcome="unavailable.not_held"
):
    app = received(agency, on_received, fields, by=by)
    app = services.decide(app, on=on_decided, outcome=outcome, basis="第三十六条第（四）项", by=by)
    return services.reply(app, on=on_decided, by=by)


def test_reopen_returns_the_case_to_processing_with_a_new_deadline(world, office):
    app = _answered(world["dept"], D(2025, 1, 24), D(2025, 2, 20), by=office)
    app = services.deliver(app, on=D(2025, 2, 21), method="post", by=office)
    app = services.close(app, on=D(2025, 2, 24), by=office)
    entries_before = history.entries_for(app).count()

    app = services.reopen(app, on=D(2025, 6, 3), by=office, **ORDER)

    assert app.status == Status.PROCESSING
    assert (app.outcome, app.decided_on, app.legal_basis) == ("", None, "")
    assert (app.counted_outcome, app.counted_on) == ("unavailable.not_held", D(2025, 2, 20))
    assert app.received_on == D(2025, 1, 24)  # the application's receipt date does not move
    # 20 working days from the day after the order arrived; 2025-06-02 (端午) is before it.
    assert app.due == D(2025, 7, 1) and not app.due_provisional
    assert services.deadline(app, today=D(2025, 6, 3)).state == "running"
    kinds = list(app.events.values_list("kind", flat=True))
    assert kinds.count(EventKind.DECIDED) == 1 and kinds[-1] == EventKind.REOPENED
    assert app.events.last().data == {**ORDER, "order": "redo", "days": 20}
    entries = list(history.entries_for(app))
    assert len(entries) == entries_before + 1
    assert entries[0].data["note"].endswith("依复议决定或判决重新办理")
    assert "办理状态" in entries[0].data["changes"]

    app = services.decide(app, on=D(2025, 6, 20), outcome="granted", basis="第三十六条第（二）项", by=office)
    assert (app.outcome, app.decided_on, app.legal_basis) == (
        "granted",
        D(2025, 6, 20),
        "第三十六条第（二）项",
    )
    assert (app.counted_outcome, app.counted_on) == ("unavailable.not_held", D(2025, 2, 20))


def test_the_new_period_can_be_extended_once_again(world, office):
    app = received(world["dept"], D(2025, 1, 24), by=office)
    app = services.extend(app, on=D(2025, 2, 10), days=10, approver="办公室主任", by=office)
    app = services.decide(app, on=D(2025, 2, 20), outcome="granted", basis="第三十六条第（二）项", by=office)
    app = services.reopen(app, on=D(2025, 6, 3), by=office, **ORDER)
    app = services.extend(app, on=D(2025, 6, 20), days=5, approver="办公室主任", by=office)
    assert app.due == D(2025, 7, 8)


def test_reopen_needs_a_result_and_the_order(world, office):
    app = received(world["dept"], D(2025, 1, 24), by=office)
    with pytest.raises(Refused, match="不能进行“依复议决定或判决重新办理”"):
        services.reopen(app, on=D(2025, 2, 3), by=office, **ORDER)
    app = services.decide(app, on=D(2025, 2, 20), outcome="granted", basis="第三十六条第（二）项", by=office)
    with pytest.raises(Refused, match="文号"):
        services.reopen(app, on=D(2025, 6, 3), reference=" ", case="行政复议", by=office)
    with pytest.raises(Refused, match="早于上一步骤"):
        services.reopen(app, on=D(2025, 2, 19), by=office, **ORDER)
    assert app.events.count() == 2


def test_a_withdrawn_case_is_not_reopened():
    events = [
        StoredEvent(EventKind.RECEIVED, D(2025, 1, 2), {}),
        StoredEvent(EventKind.WITHDRAWN, D(2025, 1, 3), {}),
        StoredEvent(EventKind.REOPENED, D(2025, 3, 3), ORDER),
    ]
    with pytest.raises(Refused):
        replay(events)


def test_an_abandoned_case_can_be_reopened():
    events = [
        StoredEvent(EventKind.RECEIVED, D(2025, 1, 2), {}),
        StoredEvent(EventKind.CORRECTION_REQUESTED, D(2025, 1, 3), {"respond_by": None}),
        StoredEvent(EventKind.ABANDONED, D(2025, 2, 3), {}),
        StoredEvent(EventKind.REOPENED, D(2025, 3, 3), ORDER),
    ]
    state = replay(events)
    assert state.status == Status.PROCESSING and state.outcome == ""
    assert (state.counted_outcome, state.counted_on) == ("other.no_correction", D(2025, 2, 3))


def test_the_desk_offers_the_step_once_there_is_a_result(client, world, office):
    app = _answered(world["dept"], D(2025, 1, 24), D(2025, 2, 20), by=office)
    assert "reopen" in [s.key for s in steps.available(app.status)]
    assert "reopen" not in [s.key for s in steps.available(Status.PROCESSING)]
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    url = f"/admin/gongkai/applications/{app.pk}/reopen/"
    assert "收到复议决定书或判决书之日" in client.get(url).content.decode()
    response = client.post(url, {"on": "2025-06-03", "order": "redo", **ORDER})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.PROCESSING and app.due == D(2025, 7, 1)


# (the decision's result, the period it sets, re-opened?, due date)
ORDERS = [
    ("redo", "", True, D(2025, 12, 1)),
    ("perform", "10", True, D(2025, 11, 17)),
    ("unlawful", "", False, None),
    ("other", "", False, None),
]


@pytest.mark.parametrize("order,days,reopens,due", ORDERS)
def test_only_an_order_of_a_new_reply_reopens(client, world, office, order, days, reopens, due):
    app = _answered(world["dept"], D(2025, 9, 18), D(2025, 10, 20), by=office)  # received in person
    client.force_login(office)
    url = f"/admin/gongkai/applications/{app.pk}/reopen/"
    response = client.post(url, {"on": "2025-11-03", "order": order, "days": days, **ORDER})
    app.refresh_from_db()
    if not reopens:
        assert "未责令重新答复，案件不重新办理" in response.content.decode()
        assert app.status == Status.REPLIED
        return
    assert response.status_code == 302 and app.status == Status.PROCESSING and app.due == due
    page = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert "本案已依复议决定或判决重新办理" in page
    assert f"2025-11-03 收到责令重新答复的决定（{ORDER['reference']}）" in page
    assert "重新答复，自决定送达之日的次日起算" in page
    assert "邮寄，机关签收之日" not in page  # the application was handed in; the order is not a receipt


def _identities_hold(agency, years) -> None:
    for year in years:
        for template in (formats.TEMPLATE_2019, formats.TEMPLATE_2021):
            values = figures.requests_figures(agency, year, template)
            for column in formats.REQUEST_COLUMN_KEYS:
                new, over = values["new"][column], values["carried_over"][column]
                total, forward = values["total"][column], values["carried_forward"][column]
                assert new + over == total + forward, (year, template, column)


def test_a_reopened_case_counts_once_by_its_first_result(world, office):
    dept = world["dept"]
    # Decided in 2024, re-opened and decided again in 2025.
    a = _answered(dept, D(2024, 11, 4), D(2024, 11, 20), person_fields(1), by=office)
    a = services.reopen(a, on=D(2025, 3, 3), by=office, **ORDER)
    services.decide(a, on=D(2025, 3, 20), outcome="granted", basis="第三十六条第（二）项", by=office)
    # Decided in 2025, re-opened in 2025 and still open at the year's end.
    b = _answered(dept, D(2025, 2, 10), D(2025, 3, 3), org_fields(2), by=office)
    services.reopen(b, on=D(2025, 12, 1), by=office, **ORDER)
    # An ordinary case, for comparison.
    _answered(dept, D(2025, 4, 1), D(2025, 4, 10), person_fields(3), by=office, outcome="granted")

    y2024 = figures.requests_figures(dept, 2024)
    assert y2024["new"]["total"] == 1 and y2024["unavailable.not_held"]["natural_person"] == 1
    y2025 = figures.requests_figures(dept, 2025)
    assert y2025["new"]["total"] == 2 and y2025["carried_over"]["total"] == 0
    assert y2025["total"]["total"] == 2 and y2025["carried_forward"]["total"] == 0
    assert y2025["unavailable.not_held"]["commercial"] == 1 and y2025["granted"]["natural_person"] == 1
    assert list(figures.cases(dept, 2025, "unavailable.not_held")) == [b]
    _identities_hold(dept, (2023, 2024, 2025, 2026))
