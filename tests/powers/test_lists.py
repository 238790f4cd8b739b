"""Power lists year over year: copying, added and removed items, 上一年项目数量 and 本年增/减, history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.history import entries_for
from gongkai.powers import figures, services
from gongkai.powers.models import Decision, PowerItem

pytestmark = pytest.mark.django_db


def test_a_year_starts_as_a_copy_of_the_items_still_on_last_years_list(dept, add_items):
    first = services.start_year(dept, 2019)
    kept, gone = add_items(first, "licensing", 2, prefix="k")
    services.save_item(first, gone, removed_on=date(2019, 5, 1))
    services.save_fee(first, code="F1", name="收费", amount="1.50")
    services.save_procurement(first, name="采购", amount="3")

    second = services.start_year(dept, 2021)  # from the latest earlier list, 2019
    assert list(second.items.values_list("code", flat=True)) == [kept.code]
    assert second.fees.get().amount is None  # the amount is the year's, not copied
    assert not second.procurements.exists()
    entry = entries_for(second).get()
    assert entry.data["changes"]["建立"][1] == "2019年清单：权责事项 1 项，收费项目 1 项"
    with pytest.raises(ValueError):
        services.start_year(dept, 2021)


def test_previous_count_and_change_follow_from_the_list_year_over_year(dept, add_items):
    y2019 = services.start_year(dept, 2019)
    add_items(y2019, "licensing", 3)
    add_items(y2019, "penalty", 2)
    y2020 = services.start_year(dept, 2020)
    add_items(y2020, "licensing", 2, added_on=date(2020, 4, 1))
    removed = y2020.items.filter(category="penalty").first()
    services.save_item(y2020, removed, removed_on=date(2020, 8, 1))
    short_lived = add_items(y2020, "penalty", 1, added_on=date(2020, 2, 1), prefix="short")[0]
    services.save_item(y2020, short_lived, removed_on=date(2020, 3, 1))

    values = figures.proactive(dept, 2020).values
    assert (values["licensing.prev_items"], values["licensing.change"]) == (3, 2)
    assert (values["penalty.prev_items"], values["penalty.change"]) == (
        2,
        -1,
    )  # +1 -1 short-lived, -1 removed

    y2021 = services.start_year(dept, 2021)
    assert y2021.items.count() == 6  # 3 + 2 licensing, 1 penalty
    copied = PowerItem.objects.filter(power_list=y2021, code__startswith="licensing-2020")
    assert {i.added_on for i in copied} == {date(2020, 4, 1)}
    # this year's start equals last year's end
    prev = figures.tally_proactive("2019", y2021.items.select_related("power_list"), {}, [], []).values
    assert prev["licensing.prev_items"] == values["licensing.prev_items"] + values["licensing.change"] == 5
    assert prev["penalty.prev_items"] == values["penalty.prev_items"] + values["penalty.change"] == 1


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"added_on": date(2021, 1, 1)}, "纳入日期不能晚于 2020 年"),
        ({"removed_on": date(2019, 12, 31)}, "取消日期须在 2020 年内"),
        ({"added_on": date(2020, 5, 1), "removed_on": date(2020, 4, 1)}, "取消日期不能早于纳入日期"),
    ],
)
def test_dates_must_fit_the_year(dept, fields, message):
    power_list = services.start_year(dept, 2020)
    with pytest.raises(ValidationError) as error:
        services.save_item(power_list, code="X", name="事项", category="licensing", **fields)
    assert message in str(error.value)


def test_duplicate_code_is_refused_in_chinese(dept):
    power_list = services.start_year(dept, 2020)
    services.save_item(power_list, code="X", name="事项", category="licensing")
    with pytest.raises(ValidationError, match="本年度清单中已有该编码的事项"):
        services.save_item(power_list, code="X", name="另一事项", category="penalty")


def test_every_change_is_recorded_with_before_and_after(dept):
    power_list = services.start_year(dept, 2020)
    item = services.save_item(
        power_list, code="X", name="事项", category="licensing", by=dept.people.first().user
    )
    services.save_item(power_list, item, name="新名称")
    services.save_item(power_list, item, name="新名称")  # no change, no event
    services.enter_decisions(item, 12)
    services.enter_decisions(item, 12)
    services.enter_decisions(item, None)
    changes = [e.data["changes"] for e in entries_for(item).order_by("pk")]
    assert changes[0]["名称"] == [None, "事项"]
    assert changes[1] == {"名称": ["事项", "新名称"]}
    assert changes[2:] == [{"手工录入处理决定数量": [None, 12]}, {"手工录入处理决定数量": [12, None]}]
    assert not Decision.objects.exists()


def test_manual_decisions_are_kept_apart_from_imported_ones(dept):
    power_list = services.start_year(dept, 2020)
    item = services.save_item(power_list, code="X", name="事项", category="licensing")
    Decision.objects.create(power_list=power_list, item=item, decided_on=date(2020, 3, 1), reference="A")
    services.enter_decisions(item, 5)
    services.enter_decisions(item, 7)
    assert figures.proactive(dept, 2020).values["licensing.decisions"] == 8
    with pytest.raises(ValueError):
        services.enter_decisions(item, -1)
