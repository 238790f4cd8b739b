"""The staff desk: items at risk of the 20 working days, the withheld register's re-evaluation, the cleanup."""

from __future__ import annotations

from datetime import date

import time_machine

from gongkai.publishing import desk
from gongkai.publishing.demo import bulk
from gongkai.publishing.models import InformationItemPage, WithheldInformation

from .conftest import person


def test_at_risk_counts_working_days_left(world, add_item):
    # Formed Mon 2025-03-03 → due Mon 2025-03-31 (20 working days, no holidays in between).
    item = add_item(formed_on=date(2025, 3, 3))
    assert item.due_on == date(2025, 3, 31)
    with time_machine.travel(date(2025, 3, 24)):
        rows = desk.at_risk(world["dept"])
    assert [(r.item.pk, r.days_left) for r in rows] == [(item.pk, 5)]
    with time_machine.travel(date(2025, 4, 2)):
        assert desk.at_risk(world["dept"])[0].days_left == -2


def test_a_change_restarts_the_clock(world, add_item):
    item = add_item(formed_on=date(2025, 3, 3), changed_on=date(2025, 4, 1))
    assert item.due_on > date(2025, 4, 28)


def test_desk_page(client, world, add_item):
    add_item()
    client.force_login(person(world, "staff"))
    response = client.get("/admin/gongkai/agencies/dept/publishing/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "dept/2025-00001" in html
    assert "/admin/pages/add/publishing/informationitempage/" in html


def test_withheld_register_reevaluation(client, world):
    entry = WithheldInformation.objects.create(
        agency=world["dept"],
        title="某请示",
        ground="process_info",
        decided_on=date(2024, 1, 5),
        reevaluate_on=date(2025, 1, 5),
    )
    client.force_login(person(world, "disclosure_office"))
    url = f"/admin/gongkai/agencies/dept/publishing/withheld/{entry.pk}/"
    response = client.get("/admin/gongkai/agencies/dept/publishing/withheld/")
    assert "已到期" in response.content.decode()
    client.post(url, {"next_on": "2000-01-01"})
    entry.refresh_from_db()
    assert entry.reevaluate_on == date(2025, 1, 5)
    client.post(url, {"next_on": "2099-01-01"})
    entry.refresh_from_db()
    assert entry.reevaluate_on == date(2099, 1, 1)
    response = client.post(url, {"release": "on"}, follow=True)
    assert "解除登记须写明评估意见" in response.content.decode()
    entry.refresh_from_db()
    assert entry.released_on is None
    response = client.post(url, {"release": "on", "reason": "该事项已办结，不再属于过程性信息"}, follow=True)
    entry.refresh_from_db()
    assert entry.released_on is not None
    assert not desk.due_for_reevaluation(world["dept"]).exists()
    history = list(entry.reevaluations.order_by("pk").values_list("released", "reason", "next_on"))
    assert history == [(False, "", date(2099, 1, 1)), (True, "该事项已办结，不再属于过程性信息", None)]


def test_a_withheld_item_leaves_the_timeliness_desk_until_released(world, add_item, client):
    item = add_item(formed_on=date(2025, 3, 3))
    entry = WithheldInformation.objects.create(
        agency=world["dept"],
        item=item,
        title=item.title,
        ground="process_info",
        decided_on=date(2025, 3, 10),
        reevaluate_on=date(2026, 3, 10),
    )
    other = add_item(n=2, formed_on=date(2025, 3, 3))
    with time_machine.travel(date(2025, 4, 2)):
        assert [r.item.pk for r in desk.at_risk(world["dept"])] == [other.pk]
    client.force_login(person(world, "disclosure_office"))
    url = f"/admin/gongkai/agencies/dept/publishing/withheld/{entry.pk}/"
    response = client.post(url, {"release": "on", "reason": "情势变化，可以公开"}, follow=True)
    assert "请作者在编辑页面重新提交审核" in response.content.decode()
    with time_machine.travel(date(2025, 4, 2)):
        assert {r.item.pk for r in desk.at_risk(world["dept"])} == {item.pk, other.pk}


def test_cleanup_lists_items_past_validity_and_dead_links(world, portal, add_item):
    bulk.create_items(
        portal["dept"],
        [
            dict(
                title="已废止仍发布",
                formed_on=date(2020, 1, 6),
                category="rules",
                summary="s",
                validity="repealed",
                validity_changed_on=date(2024, 1, 1),
            ),
            dict(
                title="链接失效",
                formed_on=date(2024, 1, 6),
                category="other",
                summary="s",
                body='<p><a linktype="page" id="99999">旧页面</a></p>',
            ),
            dict(title="正常", formed_on=date(2024, 1, 6), category="other", summary="s"),
        ],
    )
    problems = {p.item.title: p.problem for p in desk.cleanup(world["dept"])}
    assert set(problems) == {"已废止仍发布", "链接失效"}
    assert "废止" in problems["已废止仍发布"]
    assert "99999" in problems["链接失效"]
    assert InformationItemPage.objects.count() == 3


def test_calendar_change_moves_the_limit(world, add_item):
    from gongkai.core.calendar import YearCalendar
    from gongkai.publishing import services
    from gongkai.workdays.services import calendar_changed, current_calendar, load_year

    item = add_item(formed_on=date(2025, 3, 3))
    assert item.due_on == date(2025, 3, 31)
    known = current_calendar().year(2025)
    holidays = {**(known.holidays if known else {}), date(2025, 3, 10): "测试假日"}
    load_year(
        YearCalendar(year=2025, title="测试", holidays=holidays, workdays=known.workdays if known else {})
    )
    assert services.recompute_due({2025}) == 1
    item.refresh_from_db()
    assert item.due_on == date(2025, 4, 1)
    assert "gongkai.publishing.recompute_due" in [r[0][0] for r in calendar_changed.receivers]
