"""Scoring of the disclosure-work evaluation (core.evaluation): shares scored linearly between the zero and the
full mark, counts losing points per item, ties sharing a rank."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.evaluation import Method, ranking, score, share


@pytest.mark.parametrize(
    "method,measured,points,rule,expected",
    [
        (Method.TIMELY_PUBLICATION, D(100), D(10), {}, D(10)),
        (Method.TIMELY_PUBLICATION, D(95), D(10), {"full_at": D(95)}, D(10)),
        (Method.TIMELY_PUBLICATION, D(90), D(10), {"full_at": D(95), "zero_at": D(80)}, D("6.7")),
        (Method.TIMELY_PUBLICATION, D(80), D(10), {"full_at": D(95), "zero_at": D(80)}, D(0)),
        (Method.RECTIFICATION_ON_TIME, D(50), D(5), {}, D("2.5")),
        (Method.OVERDUE_REPLIES, 0, D(10), {"per_item": D(2)}, D(10)),
        (Method.OVERDUE_REPLIES, 3, D(10), {"per_item": D(2)}, D(4)),
        (Method.OVERDUE_REPLIES, 9, D(10), {"per_item": D(2)}, D(0)),
        (Method.RECTIFICATION_OVERDUE, 1, D(5), {"per_item": D("0.5")}, D("4.5")),
        (Method.CORRECTED, 2, D(6), {"per_item": D(3)}, D(0)),
        (Method.TASKS_DONE, None, D(10), {}, None),
        (Method.MANUAL, D(100), D(10), {}, None),
    ],
)
def test_score(method, measured, points, rule, expected):
    assert score(method, measured, points, **rule) == expected


@given(
    st.decimals(min_value=0, max_value=100, places=2),
    st.decimals(min_value=D("0.1"), max_value=100, places=1),
    st.decimals(min_value=0, max_value=99, places=1),
)
def test_a_share_scores_within_the_points_and_never_less_for_more(measured, points, zero_at):
    full_at = D(100)
    got = score(Method.TIMELY_PUBLICATION, measured, points, full_at=full_at, zero_at=zero_at)
    more = score(
        Method.TIMELY_PUBLICATION, min(D(100), measured + 1), points, full_at=full_at, zero_at=zero_at
    )
    assert D(0) <= got <= points and more >= got


def test_share_and_ranking():
    assert share(1, 3) == D("33.33") and share(0, 0) is None
    assert ranking({"乙": D(90), "甲": D(95), "丙": D(90), "丁": D(80)}) == [
        (1, "甲", D(95)),
        (2, "丙", D(90)),
        (2, "乙", D(90)),
        (4, "丁", D(80)),
    ]
