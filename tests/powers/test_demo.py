"""The demo agency's figures: 2020 exactly as the sample report, later years in the 2021 template."""

from decimal import Decimal

import pytest

from gongkai.agencies import demo as agencies_demo
from gongkai.agencies.models import Agency
from gongkai.core.report.checks import check_report
from gongkai.powers import demo, figures
from gongkai.powers.models import AppealCase, PowerList

pytestmark = pytest.mark.django_db

SAMPLE_2020 = {
    "licensing.prev_items": 1,
    "licensing.change": 6,
    "other_services.prev_items": 22,
    "other_services.change": 13,
    "other_services.decisions": 100290,
    "penalty.prev_items": 24,
    "penalty.change": 8,
    "penalty.decisions": 32,
    "coercion.prev_items": 0,
    "coercion.change": 0,
    "coercion.decisions": 0,
    "fees.prev_items": 0,
    "fees.change": 0,
    "procurement.items": 0,
    "procurement.amount": 0,
}


@pytest.fixture
def agency():
    agencies_demo.load()
    demo.load()
    return Agency.objects.get(code=demo.AGENCY)


def test_2020_table_two_and_four_are_the_sample_reports(agency):
    table = figures.proactive(agency, 2020)
    assert table.template == "2019"
    for key, value in SAMPLE_2020.items():
        assert table.values[key] == value, key
    assert table.values["licensing.decisions"] == 26  # chosen: the sample left a placeholder
    assert table.values["rules.made"] is None  # 第（一）项 belongs to the publishing register
    assert set(figures.appeals(agency, 2020).values.values()) == {0}
    # as the annual report gets them
    report = figures.report(agency, 2020, rules={"rules.made": 0, "normative_documents.made": 0})
    assert report.value("proactive", "other_services.change") == 13
    assert report.proactive["penalty.change"].raw == "+8"
    assert report.value("proactive", "rules.published") is None
    assert not [f for f in check_report(report) if f.code == "identity"]


def test_2019_figures_are_the_documented_choices(agency):
    values = figures.proactive(agency, 2019).values
    rows = ("licensing", "other_services", "penalty", "coercion")
    assert [values[f"{row}.prev_items"] for row in rows] == [1, 22, 24, 0]
    assert [values[f"{row}.change"] for row in rows] == [0, 0, 0, 0]
    assert [values[f"{row}.decisions"] for row in rows] == [19, 87412, 27, 0]


def test_later_years_use_the_2021_template_and_load_is_idempotent(agency):
    table = figures.proactive(agency, 2022)
    assert table.template == "2021"
    assert table.values == {
        **dict.fromkeys(k for k in table.values if k.startswith(("rules", "normative"))),
        "licensing.decisions": 35,
        "penalty.decisions": 24,
        "coercion.decisions": 2,
        "fees.amount": Decimal("0"),
    }
    assert figures.appeals(agency, 2022).values["review.upheld"] == 1
    assert figures.appeals(agency, 2023).values["litigation_direct.corrected"] == 1
    # decided in January 2025: pending in the 2024 table
    year_2024 = figures.appeals(agency, 2024).values
    assert year_2024["review.pending"] == 1 and year_2024["review.other"] == 0
    assert figures.appeals(agency, 2025).values["litigation_after_review.total"] == 1
    lists, cases = PowerList.objects.count(), AppealCase.objects.count()
    demo.load()
    assert (PowerList.objects.count(), AppealCase.objects.count()) == (lists, cases) == (7, 4)
    assert figures.proactive(agency, 2020).values["other_services.decisions"] == 100290
