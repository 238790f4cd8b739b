"""Table 二 and 四 against hand-counted fixtures, in both templates; blanks stay blank; drill-down."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum

from gongkai.core.report.checks import check_report
from gongkai.powers import figures, services
from gongkai.powers.models import AppealKind, AppealResult, Decision

pytestmark = pytest.mark.django_db

OLD, NEW = None, date(2020, 3, 1)


def _item(power_list, code, category, added_on=OLD, decisions=None, removed_on=None):
    item = services.save_item(
        power_list, code=code, name=code, category=category, added_on=added_on, removed_on=removed_on
    )
    if decisions is not None:
        services.enter_decisions(item, decisions)
    return item


@pytest.fixture
def list_2020(dept):
    power_list = services.start_year(dept, 2020)
    _item(power_list, "L1", "licensing", decisions=4)
    _item(power_list, "L2", "licensing")
    _item(power_list, "L3", "licensing", NEW, decisions=3)
    _item(power_list, "S1", "public_service", decisions=10)
    _item(power_list, "S2", "inspection", removed_on=date(2020, 6, 1))
    _item(power_list, "S3", "benefit", NEW)
    _item(power_list, "C1", "coercion")
    services.save_fee(power_list, code="F1", name="F1", amount=Decimal("1.25"))
    services.save_fee(power_list, code="F2", name="F2", added_on=NEW)
    services.save_procurement(power_list, name="P1", amount=Decimal("12.5"))
    services.save_procurement(power_list, name="P2", amount=Decimal("0.75"))
    return power_list


def test_table_two_2019_template_hand_counted(dept, list_2020):
    table = figures.proactive(dept, 2020)
    assert table.template == "2019"
    assert table.values == {
        "rules.made": None,
        "rules.published": None,
        "rules.total_published": None,
        "normative_documents.made": None,
        "normative_documents.published": None,
        "normative_documents.total_published": None,
        "licensing.prev_items": 2,
        "licensing.change": 1,
        "licensing.decisions": 7,
        "other_services.prev_items": 2,
        "other_services.change": 0,
        "other_services.decisions": 10,
        "penalty.prev_items": 0,
        "penalty.change": 0,
        "penalty.decisions": 0,
        "coercion.prev_items": 1,
        "coercion.change": 0,
        "coercion.decisions": 0,
        "fees.prev_items": 1,
        "fees.change": 1,
        "procurement.items": 2,
        "procurement.amount": Decimal("13.25"),
    }


def test_drill_down_names_the_records_of_each_figure(dept, list_2020):
    sources = figures.proactive(dept, 2020).sources
    assert [(s.label, s.contributes) for s in sources["licensing.decisions"]] == [("L1 L1", 4), ("L3 L3", 3)]
    assert sorted((s.label, s.contributes) for s in sources["other_services.change"]) == [
        ("S2 S2（取消 2020-06-01）", -1),
        ("S3 S3（新增 2020-03-01）", 1),
    ]
    assert {s.kind for s in sources["procurement.amount"]} == {"procurement"}


@pytest.fixture
def list_2022(dept):
    power_list = services.start_year(dept, 2022)
    _item(power_list, "L1", "licensing", decisions=9)
    _item(power_list, "P1", "penalty", decisions=3)
    _item(power_list, "P2", "penalty", decisions=4)
    _item(power_list, "S1", "public_service", decisions=100)  # feeds no row of the 2021 template
    services.save_fee(power_list, code="F1", name="F1", amount=Decimal("2.30"))
    fee = services.save_fee(power_list, code="F2", name="F2", amount=Decimal("0.05"))
    return power_list, fee


def test_table_two_2021_template_hand_counted(dept, list_2022):
    table = figures.proactive(dept, 2022, rules={"rules.issued": 2, "normative_documents.in_force": 14})
    assert table.template == "2021"
    assert table.values == {
        "rules.issued": 2,
        "rules.repealed": None,
        "rules.in_force": None,
        "normative_documents.issued": None,
        "normative_documents.repealed": None,
        "normative_documents.in_force": 14,
        "licensing.decisions": 9,
        "penalty.decisions": 7,
        "coercion.decisions": 0,
        "fees.amount": Decimal("2.35"),
    }


def test_an_unknown_amount_makes_the_sum_blank_not_zero(dept, list_2022):
    power_list, fee = list_2022
    services.save_fee(power_list, fee, amount=None)
    assert figures.proactive(dept, 2022).values["fees.amount"] is None


def test_without_a_list_every_list_figure_is_blank(dept):
    assert set(figures.proactive(dept, 2020).values.values()) == {None}
    assert set(figures.proactive(dept, 2023).values.values()) == {None}


def test_rules_accepts_only_the_templates_first_item_cells(dept):
    with pytest.raises(KeyError):
        figures.proactive(dept, 2022, rules={"rules.made": 1})  # a 2019 key
    with pytest.raises(KeyError):
        figures.proactive(dept, 2020, rules={"licensing.decisions": 1})


def _case(dept, kind, filed_on, result=AppealResult.PENDING, known=None, number=""):
    return services.save_case(
        dept,
        kind=kind,
        case_number=number,
        applicant="申请人",
        concerns="某申请的答复",
        body="某机关",
        filed_on=filed_on,
        result=result,
        result_known_on=known,
    )


def test_table_four_counts_cases_by_year_brought_with_results_known_at_year_end(dept):
    R, K = AppealResult, AppealKind
    _case(dept, K.REVIEW, date(2021, 2, 1), R.UPHELD, date(2021, 5, 1))
    late = _case(dept, K.REVIEW, date(2021, 12, 1), R.CORRECTED, date(2022, 1, 10), number="late")
    _case(dept, K.REVIEW, date(2021, 7, 1))
    _case(dept, K.LITIGATION_DIRECT, date(2021, 3, 1), R.OTHER, date(2021, 11, 1))
    _case(dept, K.LITIGATION_AFTER_REVIEW, date(2020, 6, 1), R.UPHELD, date(2021, 2, 1))
    _case(dept, K.LITIGATION_AFTER_REVIEW, date(2021, 4, 1), R.CORRECTED, date(2021, 12, 31))
    table = figures.appeals(dept, 2021)
    expected = dict.fromkeys(table.values, 0)
    expected.update(
        {
            "review.upheld": 1,
            "review.pending": 2,
            "review.total": 3,
            "litigation_direct.other": 1,
            "litigation_direct.total": 1,
            "litigation_after_review.corrected": 1,
            "litigation_after_review.total": 1,
        }
    )
    assert table.values == expected
    assert late.pk in {s.pk for s in table.sources["review.pending"]}
    assert figures.appeals(dept, 2022).values["review.total"] == 0  # a case counts in the year it was brought
    assert figures.appeals(dept, 2020).values["litigation_after_review.upheld"] == 0  # known only in 2021


def test_report_has_this_apps_tables_and_leaves_table_three_blank(dept, list_2022):
    _case(dept, AppealKind.REVIEW, date(2022, 2, 1), AppealResult.UPHELD, date(2022, 5, 1))
    report = figures.report(dept, 2022)
    assert report.template == "2021" and report.year == 2022
    assert report.value("proactive", "fees.amount") == Decimal("2.35")
    assert report.value("appeals", "review.total") == 1
    assert report.value("requests", "new", "total") is None
    assert not [f for f in check_report(report) if f.code == "identity" and f.where.startswith("表四")]


def test_case_result_needs_its_date(dept):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="请填写知悉结果的日期"):
        _case(dept, AppealKind.REVIEW, date(2021, 2, 1), AppealResult.UPHELD)
    with pytest.raises(ValidationError, match="尚未审结的案件不填写结果知悉日期"):
        _case(dept, AppealKind.REVIEW, date(2021, 2, 1), known=date(2021, 3, 1))


@pytest.mark.parametrize("fixture", ["list_2020", "list_2022"])
def test_entries_read_as_values_tally_as_the_model_instances_do(
    dept, fixture, request, django_assert_num_queries
):
    """`entries_many` (rows of values, for a province's thousands of lists) gives `tally_proactive` the same
    figures and the same sources, labels included, as the list's model instances."""
    made = request.getfixturevalue(fixture)
    power_list = made[0] if isinstance(made, tuple) else made
    by_models = figures.proactive(dept, power_list.year)
    decisions = dict(
        Decision.objects.filter(power_list=power_list)
        .values("item")
        .annotate(n=Sum("count"))
        .values_list("item", "n")
    )
    with django_assert_num_queries(3):
        entries = figures.entries_many([power_list])
    by_values = figures.tally_proactive(
        by_models.template,
        entries["items"][power_list.pk],
        decisions,
        entries["fees"].get(power_list.pk, []),
        entries["procurements"].get(power_list.pk, []),
    )
    assert by_values.values == by_models.values
    assert by_values.sources == by_models.sources
