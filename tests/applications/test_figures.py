"""Table 三 from the cases, against a hand-counted set, in both templates and across year boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import figures, services
from gongkai.core.report import formats
from gongkai.core.report.checks import check_numbers

from .conftest import org_fields, person_fields, received

pytestmark = pytest.mark.django_db

D = date


@pytest.fixture
def cases(world):
    """The hand-counted set (letters as in the expectations below)."""
    dept = world["dept"]
    a = received(dept, D(2024, 12, 20))
    services.decide(a, on=D(2025, 1, 10), outcome="granted", basis="第三十六条第（二）项")
    b = received(dept, D(2024, 12, 30), org_fields(1))  # still open
    c = received(dept, D(2025, 3, 3), person_fields(2))
    services.decide(c, on=D(2025, 3, 20), outcome="partial", basis="第三十七条", withheld="个人信息")
    d = received(dept, D(2025, 6, 2), org_fields(2, "research"))
    services.request_correction(d, on=D(2025, 6, 3), what="写明名称", respond_by=D(2025, 6, 20))
    services.abandon(d, on=D(2025, 7, 1))
    e = received(dept, D(2025, 12, 29), org_fields(3, "legal_services"))
    services.decide(e, on=D(2025, 12, 31), outcome="withheld.third_party", basis="第三十二条")
    f = received(dept, D(2025, 12, 30), org_fields(4, "public_interest"))
    services.decide(f, on=D(2026, 1, 5), outcome="unavailable.not_held", basis="第三十六条第（四）项")
    g, _ = services.submit(dept, person_fields(3), on=D(2025, 12, 31))  # never confirmed: not received
    h = received(dept, D(2025, 4, 1), org_fields(5, "other_org"))
    services.send_fee_notice(h, on=D(2025, 4, 2), quantity=11, method="count")
    services.record_fee_unpaid(h, on=D(2025, 5, 6))
    i = received(dept, D(2025, 5, 6), person_fields(4))
    services.withdraw(i, on=D(2025, 5, 7))
    j = received(world["sibling"], D(2025, 3, 3))  # another agency
    return dict(a=a, b=b, c=c, d=d, e=e, f=f, g=g, h=h, i=i, j=j)


EXPECTED_2025 = {
    "new": {"natural_person": 2, "research": 1, "public_interest": 1, "legal_services": 1, "other_org": 1},
    "carried_over": {"natural_person": 1, "commercial": 1},
    "granted": {"natural_person": 1},
    "partial": {"natural_person": 1},
    "withheld.third_party": {"legal_services": 1},
    "other.no_correction": {"research": 1},
    "other.unpaid_fee": {"other_org": 1},
    "other.misc": {"natural_person": 1},
    "total": {"natural_person": 3, "research": 1, "legal_services": 1, "other_org": 1},
    "carried_forward": {"commercial": 1, "public_interest": 1},
}
DRILL_2025 = {
    "new": "cdefhi",
    "carried_over": "ab",
    "granted": "a",
    "partial": "c",
    "withheld.third_party": "e",
    "other.no_correction": "d",
    "other.unpaid_fee": "h",
    "other.misc": "i",
    "total": "acdehi",
    "carried_forward": "bf",
}


def _expected(template: str, given: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    out = {}
    for row in formats.get_template(template).request_row_keys:
        cols = {c: given.get(row, {}).get(c, 0) for c in formats.APPLICANT_COLUMN_KEYS}
        out[row] = {**cols, "total": sum(cols.values())}
    return out


def test_2025_in_the_2021_template(world, cases):
    got = figures.requests_figures(world["dept"], 2025)
    assert got == _expected(formats.TEMPLATE_2021, EXPECTED_2025)


def test_2025_in_the_2019_template_folds_other(world, cases):
    given = {k: v for k, v in EXPECTED_2025.items() if not k.startswith("other.")}
    given["other"] = {"research": 1, "other_org": 1, "natural_person": 1}
    got = figures.requests_figures(world["dept"], 2025, formats.TEMPLATE_2019)
    assert got == _expected(formats.TEMPLATE_2019, given)


def test_year_boundaries(world, cases):
    assert figures.requests_figures(world["dept"], 2024) == _expected(
        formats.TEMPLATE_2021,
        {
            "new": {"natural_person": 1, "commercial": 1},
            "carried_forward": {"natural_person": 1, "commercial": 1},
        },
    )
    assert figures.requests_figures(world["dept"], 2026) == _expected(
        formats.TEMPLATE_2021,
        {
            "carried_over": {"commercial": 1, "public_interest": 1},
            "unavailable.not_held": {"public_interest": 1},
            "total": {"public_interest": 1},
            "carried_forward": {"commercial": 1},
        },
    )


def test_every_cell_is_traceable_to_its_cases(world, cases):
    dept = world["dept"]
    got = figures.requests_figures(dept, 2025)
    for row, cols in got.items():
        for column, value in cols.items():
            assert figures.cases(dept, 2025, row, column).count() == value, (row, column)
    for row, letters in DRILL_2025.items():
        assert list(figures.cases(dept, 2025, row)) == sorted(
            (cases[x] for x in letters), key=lambda app: (app.received_on, app.pk)
        ), row
    with pytest.raises(KeyError):
        figures.cases(dept, 2025, "other", "total")  # not a row of the 2021 template


def test_2020_uses_the_2019_template(world):
    dept = world["dept"]
    k = received(dept, D(2020, 5, 6))
    services.request_correction(k, on=D(2020, 5, 7), what="写明名称")
    services.abandon(k, on=D(2020, 6, 10))
    services.withdraw(received(dept, D(2020, 7, 1), person_fields(2)), on=D(2020, 7, 2))
    m = received(dept, D(2020, 8, 3), org_fields())
    services.decide(m, on=D(2020, 8, 10), outcome="granted", basis="第三十六条")
    report = figures.requests_report(dept, 2020)
    assert report.template == formats.TEMPLATE_2019
    assert report.value("requests", "other", "natural_person") == 2
    assert report.value("requests", "granted", "commercial") == 1
    assert report.value("requests", "total", "total") == 3
    assert report.value("requests", "new", "total") == 3
    assert check_numbers(report) == []


def test_report_passes_the_identities(world, cases):
    report = figures.requests_report(world["dept"], 2025)
    assert report.value("requests", "carried_forward", "total") == 2
    assert check_numbers(report) == []
