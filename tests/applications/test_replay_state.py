"""Whatever sequence of steps staff take (allowed or refused), a case's cached fields — status, outcome, legal
basis, decision and counting dates, receipt date, due date and its provisional mark — equal a fresh replay of its
stored events (DESIGN.md: "Clocks are derived, not stored"). A refused step changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from gongkai.applications import services
from gongkai.applications.choices import Party
from gongkai.applications.models import Application
from gongkai.core.errors import Refused

from .conftest import received

pytestmark = pytest.mark.django_db

START = date(2025, 3, 3)
LAST = date(2025, 9, 30)
CACHED = services._CACHED
gaps = st.integers(min_value=0, max_value=12)


class CaseSteps(RuleBasedStateMachine):
    agency = None  # set by the test

    def __init__(self) -> None:
        super().__init__()
        self.app = received(self.agency, START)
        self.today = START

    def _take(self, step, gap: int, **kwargs) -> None:
        self.today = min(self.today + timedelta(days=gap), LAST)
        events = self.app.events.count()
        before = {name: getattr(Application.objects.get(pk=self.app.pk), name) for name in CACHED}
        try:
            self.app = step(self.app, on=self.today, **kwargs)
        except Refused:
            after = Application.objects.get(pk=self.app.pk)
            assert self.app.events.count() == events
            assert {name: getattr(after, name) for name in CACHED} == before

    @rule(gap=gaps)
    def request_correction(self, gap):
        self._take(services.request_correction, gap, what="请补充所需信息的文号")

    @rule(gap=gaps)
    def receive_correction(self, gap):
        self._take(services.receive_correction, gap)

    @rule(gap=gaps)
    def abandon(self, gap):
        self._take(services.abandon, gap)

    @rule(gap=gaps, party=st.sampled_from(list(Party)))
    def consult(self, gap, party):
        self._take(services.send_consultation, gap, party=party, to="某某公司")

    @rule(gap=gaps, key=st.sampled_from(["1", "2"]))
    def answer(self, gap, key):
        self._take(services.answer_consultation, gap, key=key, opinion="同意公开")

    @rule(gap=gaps, days=st.integers(min_value=1, max_value=25))
    def extend(self, gap, days):
        self._take(services.extend, gap, days=days, approver="王主任")

    @rule(
        gap=gaps,
        method=st.sampled_from(["count", "pages"]),
        quantity=st.integers(min_value=1, max_value=400),
    )
    def fee_notice(self, gap, method, quantity):
        self._take(services.send_fee_notice, gap, method=method, quantity=quantity)

    @rule(gap=gaps)
    def fee_paid(self, gap):
        self._take(services.record_fee_paid, gap)

    @rule(gap=gaps)
    def fee_unpaid(self, gap):
        self._take(services.record_fee_unpaid, gap)

    @rule(gap=gaps, outcome=st.sampled_from(sorted(services.DECIDABLE_OUTCOMES)))
    def decide(self, gap, outcome):
        self._take(
            services.decide, gap, outcome=outcome, basis="《条例》第十九条", withheld="涉及个人隐私的部分"
        )

    @rule(gap=gaps)
    def reply(self, gap):
        self._take(services.reply, gap)

    @rule(gap=gaps)
    def deliver(self, gap):
        self._take(services.deliver, gap, method="email")

    @rule(gap=gaps)
    def close(self, gap):
        self._take(services.close, gap)

    @rule(gap=gaps)
    def withdraw(self, gap):
        self._take(services.withdraw, gap, reason="申请人撤回")

    @rule(gap=gaps, order=st.sampled_from(["redo", "perform", "unlawful"]))
    def reopen(self, gap, order):
        self._take(services.reopen, gap, reference="甲复决字〔2025〕1号", case="行政复议", order=order)

    @invariant()
    def cached_fields_are_a_fresh_replay(self):
        stored = Application.objects.get(pk=self.app.pk)
        fresh = Application.objects.get(pk=self.app.pk)
        for name in CACHED:
            setattr(fresh, name, None)
        services._refresh(fresh, services.stored(fresh))
        assert {name: getattr(stored, name) for name in CACHED} == {
            name: getattr(fresh, name) for name in CACHED
        }


def test_cached_fields_always_equal_a_replay_of_the_events(world):
    CaseSteps.agency = world["dept"]
    run_state_machine_as_test(
        CaseSteps,
        settings=settings(
            max_examples=12,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
