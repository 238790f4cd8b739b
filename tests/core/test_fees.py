"""信息处理费 (109号): 按件 and 按量, every band boundary."""

from __future__ import annotations

import pytest

from gongkai.core.fees import (
    Band,
    FeeError,
    Method,
    fee_for_application,
    fee_for_month_total,
    fee_for_nth,
    fee_for_pages,
)


@pytest.mark.parametrize(
    ("nth", "fee", "band"),
    [
        (1, 0, (1, 10)),
        (10, 0, (1, 10)),
        (11, 100, (11, 30)),
        (30, 100, (11, 30)),
        (31, 200, (31, 40)),
        (35, 200, (31, 40)),  # law.md's example
        (40, 200, (31, 40)),
        (41, 300, (41, 50)),
        (50, 300, (41, 50)),
        (51, 400, (51, 60)),
        (100, 800, (91, 100)),
        (101, 900, (101, 110)),
    ],
)
def test_nth_application(nth, fee, band):
    result = fee_for_nth(nth)
    assert result.amount == fee
    assert result.bands == (Band(band[0], band[1], fee, 1, fee),)
    assert result.method is Method.COUNT


@pytest.mark.parametrize(
    ("total", "fee"),
    [
        (0, 0),
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 2000),
        (31, 2200),
        (35, 3000),
        (40, 4000),
        (41, 4300),
        (50, 7000),
        (51, 7400),
    ],
)
def test_month_total(total, fee):
    assert fee_for_month_total(total).amount == fee


def test_month_total_bands_for_35():
    assert fee_for_month_total(35).bands == (
        Band(1, 10, 0, 10, 0),
        Band(11, 30, 100, 20, 2000),
        Band(31, 40, 200, 5, 1000),
    )
    assert fee_for_month_total(0).bands == ()


def test_month_total_is_the_sum_of_each_application():
    running = 0
    for n in range(1, 301):
        running += fee_for_nth(n).amount
        assert fee_for_month_total(n).amount == running


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (0, 0),
        (1, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (150, 1700),
        (200, 2700),
        (201, 2740),
        (250, 4700),
    ],
)
def test_pages(pages, fee):
    assert fee_for_pages(pages).amount == fee


def test_pages_bands_for_150():
    result = fee_for_pages(150)
    assert result.bands == (Band(1, 30, 0, 30, 0), Band(31, 100, 10, 70, 700), Band(101, 200, 20, 50, 1000))
    assert result.to_dict() == {
        "fee": 1700,
        "bands": [
            {"from": 1, "to": 30, "unit_price": 0, "count": 30, "subtotal": 0},
            {"from": 31, "to": 100, "unit_price": 10, "count": 70, "subtotal": 700},
            {"from": 101, "to": 200, "unit_price": 20, "count": 50, "subtotal": 1000},
        ],
    }
    assert fee_for_pages(250).bands[-1] == Band(201, None, 40, 50, 2000)


def test_one_method_per_application():
    with pytest.raises(FeeError, match="只能选择一种收费方式"):
        fee_for_application(nth=12, pages=40)
    with pytest.raises(FeeError, match="请给出收费方式"):
        fee_for_application()
    assert fee_for_application(nth=12).amount == 100
    assert fee_for_application(pages=40).amount == 100


@pytest.mark.parametrize(
    ("call", "arg"),
    [
        (fee_for_nth, 0),
        (fee_for_nth, -1),
        (fee_for_month_total, -1),
        (fee_for_pages, -1),
        (fee_for_pages, 1.5),
        (fee_for_nth, True),
    ],
)
def test_invalid_quantities(call, arg):
    with pytest.raises(FeeError):
        call(arg)
