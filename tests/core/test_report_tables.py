"""The tables of a report as plain numbers (core.report.tables): every cell has a key, typed values are checked,
sums and recomputed totals keep blanks, overrides recompute what depends on them, and the 2019 template's single
其他处理 row takes the three 2021 outcomes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.core.errors import Refused
from gongkai.core.report import formats
from gongkai.core.report.model import AnnualReport
from gongkai.core.report.tables import (
    Tables,
    add_tables,
    all_keys,
    apply_overrides,
    outcomes_of_row,
    parse_key,
    parse_value,
    recompute,
    row_of_outcome,
)


def _zeros(template: str) -> Tables:
    report = AnnualReport.from_figures(template, 2024 if template == "2021" else 2020, "机关")
    return Tables.of(report)


@pytest.mark.parametrize("template", formats.TEMPLATE_NAMES)
def test_every_cell_has_one_key_that_parses_back(template):
    spec = formats.get_template(template)
    keys = all_keys(template)
    expected = len(spec.proactive_keys) + len(spec.request_row_keys) * 7 + len(formats.APPEAL_KEYS)
    assert len(keys) == len({k for k, _ in keys}) == expected
    for key, where in keys:
        assert spec.where(*parse_key(template, key)) == where
    assert keys[0][1].startswith("表二") and keys[-1][1].startswith("表四")


def test_keys_and_values_the_template_lacks_are_refused_in_chinese():
    with pytest.raises(Refused, match="没有单元格"):
        parse_key("2021", "requests.other.total")  # the 2019 template's single row
    ref = parse_key("2021", "requests.new.total")
    with pytest.raises(Refused, match="不是整数"):
        parse_value("2021", ref, "1.5")
    with pytest.raises(Refused, match="不能为负数"):
        parse_value("2021", ref, "-1")
    with pytest.raises(Refused, match="不是数字"):
        parse_value("2021", ref, "NaN")
    assert parse_value("2021", parse_key("2021", "proactive.fees.amount"), "1,234.5") == Decimal("1234.5")
    assert parse_value("2019", parse_key("2019", "proactive.penalty.change"), "－8") == -8


def test_a_recomputed_total_with_a_blank_part_stays_blank():
    tables = _zeros("2021")
    tables.requests["granted"]["commercial"] = None
    assert recompute(tables, ("requests", "granted", "total")) is None
    assert recompute(tables, ("requests", "total", "commercial")) is None
    assert recompute(tables, ("requests", "total", "natural_person")) == 0
    tables.appeals["review.upheld"] = None
    assert recompute(tables, ("appeals", "review.total", None)) is None


def test_an_override_recomputes_the_totals_that_depend_on_it():
    tables = _zeros("2021")
    manual = apply_overrides(
        tables, {"requests.granted.commercial": {"value": "3", "reason": "补录纸质申请"}}
    )
    assert manual == {("requests", "granted", "commercial"): "补录纸质申请"}
    assert tables.requests["granted"]["total"] == 3
    assert tables.requests["total"]["commercial"] == 3
    assert tables.requests["total"]["total"] == 3
    overridden_total = {"requests.total.total": {"value": 9, "reason": "人工核定总计"}}
    apply_overrides(tables, {"requests.granted.commercial": {"value": "4"}, **overridden_total})
    assert tables.requests["total"]["total"] == 9  # an overridden total is not recomputed
    assert apply_overrides(_zeros("2021"), {"requests.other.total": {"value": 1}}) == {}  # another template's


def test_sums_of_reports_are_blank_where_any_part_is_blank():
    one, two = _zeros("2021"), _zeros("2021")
    one.requests["new"]["natural_person"] = 2
    two.requests["new"]["natural_person"] = 3
    two.proactive["fees.amount"] = None
    total = add_tables([one, two], "2021")
    assert total.requests["new"]["natural_person"] == 5
    assert total.proactive["fees.amount"] is None
    assert total.proactive["licensing.decisions"] == 0


def test_the_2019_template_counts_the_other_outcomes_in_one_row():
    others = ("other.no_correction", "other.unpaid_fee", "other.misc")
    assert outcomes_of_row("2019", "other") == others
    assert {row_of_outcome("2019", key) for key in others} == {"other"}
    assert [row_of_outcome("2021", key) for key in others] == list(others)
    assert row_of_outcome("2019", "withheld.state_secret") == "withheld.state_secret"
    assert outcomes_of_row("2021", "granted") == ("granted",)
    with pytest.raises(KeyError):
        row_of_outcome("2019", "nonsense")
