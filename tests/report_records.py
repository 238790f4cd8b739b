"""Hand-counted record sets for the annual-report assembly tests (importable as `report_records`).

Applications and their events are written as rows (the counted result and dates as the case services would have
set them), so the sets do not depend on the working-day calendar of past years. Power lists and appeal cases go
through the powers services. The expected figures below were counted by hand from these records.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

D = date


def application(
    agency, seq: int, received: date | None, applicant="natural_person", outcome="", on=None, due=None
):
    from gongkai.applications.models import Application

    return Application.objects.create(
        agency=agency,
        number=f"{agency.code}-{seq}",
        year=(received or D(2020, 1, 1)).year,
        seq=seq,
        query_code_hash="x",
        applicant_type=applicant,
        name="测试申请人",
        phone="13800138000",
        form="electronic",
        obtaining="email",
        channel="in_person",
        received_on=received,
        status="closed" if outcome else "processing",
        outcome=outcome,
        decided_on=on,
        counted_outcome=outcome,
        counted_on=on,
        due=due,
    )


def event(app, kind: str, on: date, **data):
    from gongkai.applications.models import ApplicationEvent

    return ApplicationEvent.objects.create(application=app, kind=kind, on=on, data=data)


def items(power_list, category: str, n: int, *, added_on=None, removed_on=None, prefix=""):
    from gongkai.powers import services

    return [
        services.save_item(
            power_list,
            code=f"{prefix or category}-{added_on or 'old'}-{i}",
            name=f"{category} {i}",
            category=category,
            added_on=added_on,
            removed_on=removed_on,
        )
        for i in range(n)
    ]


def _power_list(agency, year: int):
    """The agency's list of ``year``: the one that exists (tests/reports gives every agency an empty one), else
    a new one."""
    from gongkai.powers import services
    from gongkai.powers.models import PowerList

    return PowerList.objects.filter(agency=agency, year=year).first() or services.start_year(agency, year)


def case(agency, kind: str, filed: date, result="pending", known=None, number=""):
    from gongkai.powers import services

    return services.save_case(
        agency,
        kind=kind,
        case_number=number or f"{kind}-{filed}",
        applicant="某申请人",
        concerns="政府信息公开答复",
        body="某复议机关",
        filed_on=filed,
        result=result,
        result_known_on=known,
    )


# ---------------------------------------------------------------------------------------------------------------
# 2020, 2019 template


def records_2020(agency) -> dict:
    """a: received 2019, granted 2020 (上年结转); b: commercial, partial; c: received 30 Dec, open (结转);
    d: fee notice 100 元, paid, granted; e: answered after its due date; two appeal cases; a power list."""
    from gongkai.powers import services

    made = {
        "a": application(
            agency, 1, D(2019, 12, 20), outcome="granted", on=D(2020, 1, 10), due=D(2020, 1, 20)
        ),
        "b": application(
            agency, 2, D(2020, 3, 3), "commercial", "partial", D(2020, 3, 20), due=D(2020, 3, 31)
        ),
        "c": application(agency, 3, D(2020, 12, 30), due=D(2021, 1, 28)),
        "d": application(agency, 4, D(2020, 5, 6), outcome="granted", on=D(2020, 5, 20), due=D(2020, 6, 3)),
        "e": application(
            agency, 5, D(2020, 7, 1), "research", "unavailable.not_held", D(2020, 8, 20), D(2020, 7, 29)
        ),
        "old": application(agency, 6, D(2018, 5, 1), outcome="granted", on=D(2018, 5, 9)),
    }
    event(made["d"], "fee_notice", D(2020, 5, 7), amount=100, method="count")
    event(made["d"], "fee_paid", D(2020, 5, 12))
    power_list = _power_list(agency, 2020)
    made["licensing_old"] = items(power_list, "licensing", 2)
    made["licensing_new"] = items(power_list, "licensing", 1, added_on=D(2020, 3, 1))
    made["penalty_removed"] = items(power_list, "penalty", 1, removed_on=D(2020, 6, 1))
    made["service"] = items(power_list, "public_service", 3)
    services.enter_decisions(made["licensing_old"][0], 5)
    services.enter_decisions(made["penalty_removed"][0], 3)
    services.enter_decisions(made["service"][0], 40)
    made["review"] = case(agency, "review", D(2020, 4, 1), "corrected", D(2020, 6, 1))
    made["litigation"] = case(agency, "litigation_direct", D(2020, 10, 1), "upheld", D(2021, 2, 1))
    return made


PROACTIVE_2020 = {
    "licensing.prev_items": 2,
    "licensing.change": 1,
    "licensing.decisions": 5,
    "other_services.prev_items": 3,
    "other_services.change": 0,
    "other_services.decisions": 40,
    "penalty.prev_items": 1,
    "penalty.change": -1,
    "penalty.decisions": 3,
    "coercion.prev_items": 0,
    "coercion.change": 0,
    "coercion.decisions": 0,
    "fees.prev_items": 0,
    "fees.change": 0,
    "procurement.items": 0,
    "procurement.amount": Decimal(0),
}
REQUESTS_2020 = {
    "new": {"natural_person": 2, "commercial": 1, "research": 1, "total": 4},
    "carried_over": {"natural_person": 1, "total": 1},
    "granted": {"natural_person": 2, "total": 2},
    "partial": {"commercial": 1, "total": 1},
    "unavailable.not_held": {"research": 1, "total": 1},
    "total": {"natural_person": 2, "commercial": 1, "research": 1, "total": 4},
    "carried_forward": {"natural_person": 1, "total": 1},
}
APPEALS_2020 = {
    "review.corrected": 1,
    "review.total": 1,
    "litigation_direct.pending": 1,
    "litigation_direct.total": 1,
}


# ---------------------------------------------------------------------------------------------------------------
# 2024, 2021 template


def records_2024(agency) -> dict:
    """f: abandoned after a correction request; g: fee unpaid; h: withheld (third party), org; i: open from 2023;
    a licensing item with decisions, a coercion item added in the year, a fee item of 1.5 万元."""
    from gongkai.powers import services

    made = {
        "f": application(agency, 11, D(2024, 2, 1), outcome="other.no_correction", on=D(2024, 3, 1)),
        "g": application(agency, 12, D(2024, 4, 1), "other_org", "other.unpaid_fee", D(2024, 5, 10)),
        "h": application(agency, 13, D(2024, 6, 3), "legal_services", "withheld.third_party", D(2024, 6, 20)),
        "i": application(agency, 14, D(2023, 12, 28), "public_interest", "granted", D(2024, 1, 8)),
    }
    event(made["g"], "fee_notice", D(2024, 4, 2), amount=200, method="count")
    event(made["g"], "fee_unpaid", D(2024, 5, 10))
    power_list = _power_list(agency, 2024)
    made["licensing"] = items(power_list, "licensing", 1)
    made["coercion"] = items(power_list, "coercion", 1, added_on=D(2024, 5, 1))
    services.enter_decisions(made["licensing"][0], 4)
    services.enter_decisions(made["coercion"][0], 2)
    services.save_fee(power_list, code="SF-1", name="某收费项目", amount=Decimal("1.5"))
    made["after_review"] = case(agency, "litigation_after_review", D(2024, 3, 1), "other", D(2024, 9, 1))
    return made


PROACTIVE_2024 = {
    "licensing.decisions": 4,
    "penalty.decisions": 0,
    "coercion.decisions": 2,
    "fees.amount": Decimal("1.5"),
}
REQUESTS_2024 = {
    "new": {"natural_person": 1, "other_org": 1, "legal_services": 1, "total": 3},
    "carried_over": {"public_interest": 1, "total": 1},
    "granted": {"public_interest": 1, "total": 1},
    "withheld.third_party": {"legal_services": 1, "total": 1},
    "other.no_correction": {"natural_person": 1, "total": 1},
    "other.unpaid_fee": {"other_org": 1, "total": 1},
    "total": {"natural_person": 1, "public_interest": 1, "legal_services": 1, "other_org": 1, "total": 4},
    "carried_forward": {},
}
APPEALS_2024 = {"litigation_after_review.other": 1, "litigation_after_review.total": 1}


def expected_requests(template: str, given: dict) -> dict:
    """Every cell of table 三: the given counts, zero elsewhere."""
    from gongkai.core.report import formats

    spec = formats.get_template(template)
    return {
        row: {col: given.get(row, {}).get(col, 0) for col in formats.REQUEST_COLUMN_KEYS}
        for row in spec.request_row_keys
    }


def expected_appeals(given: dict) -> dict:
    from gongkai.core.report import formats

    return {key: given.get(key, 0) for key in formats.APPEAL_KEYS}
