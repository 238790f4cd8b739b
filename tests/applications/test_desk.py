"""The office's desk: the list by state, the case page, the step forms, intake, table 三 with drill-down."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from gongkai.agencies.roles import Role
from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.workdays.models import CalendarYear

from .conftest import person_fields, received, signed_reply_letter

pytestmark = pytest.mark.django_db

D = date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(D(2026, 11, 26), tick=False):
        yield


@pytest.fixture
def desk(world):
    """Three open cases of `dept` on 2026-11-26: running, paused, extended into 2027 (provisional)."""
    CalendarYear.objects.filter(year=2027).delete()
    dept = world["dept"]
    running = received(dept, D(2026, 11, 23), person_fields(1))
    paused = received(dept, D(2026, 11, 16), person_fields(2))
    services.send_consultation(paused, on=D(2026, 11, 20), party="third_party", to="某公司")
    extended = received(dept, D(2026, 11, 20), person_fields(3))
    services.extend(extended, on=D(2026, 11, 25), days=20, approver="办公室主任")
    return {"running": running, "paused": paused, "extended": extended}


def _login(client, world, home, role):
    client.force_login(world["people"][(home, role)].user)


def test_list_shows_states_and_days_left(client, world, desk):
    _login(client, world, "dept", Role.DISCLOSURE_OFFICE)
    response = client.get("/admin/gongkai/applications/")
    assert response.status_code == 200
    rows = {row["app"].pk: row for row in response.context["rows"]}
    assert rows[desk["running"].pk]["deadline"].workdays_left == 17
    assert rows[desk["paused"].pk]["deadline"].state == "paused"
    assert rows[desk["extended"].pk]["deadline"].extended
    assert rows[desk["extended"].pk]["deadline"].provisional
    html = response.content.decode()
    assert "暂停" in html and "已延期" in html and "暂定" in html
    assert "张1" in html  # the handling office sees names
    assert "/admin/gongkai/agencies/dept/applications/figures/2026/" in html


def test_list_is_scoped_and_masked(client, world, desk):
    _login(client, world, "dept", Role.SECTION_HEAD)
    response = client.get("/admin/gongkai/applications/")
    assert len(response.context["rows"]) == 3
    html = response.content.decode()
    assert "张1" not in html and "张*" in html
    _login(client, world, "gov", Role.DISCLOSURE_OFFICE)  # another agency's office
    assert client.get("/admin/gongkai/applications/").context["rows"] == []
    _login(client, world, "dept", Role.STAFF)  # a 业务人员 lists only the cases assigned to them: none here
    assert client.get("/admin/gongkai/applications/").context["rows"] == []
    _login(client, world, "dept", Role.CONFIDENTIALITY_REVIEWER)
    assert client.get("/admin/gongkai/applications/").status_code == 302


def test_list_filters(client, world, desk):
    _login(client, world, "dept", Role.DISCLOSURE_OFFICE)
    response = client.get("/admin/gongkai/applications/", {"status": "consulting"})
    assert [r["app"].pk for r in response.context["rows"]] == [desk["paused"].pk]
    response = client.get("/admin/gongkai/applications/", {"q": desk["running"].number})
    assert [r["app"].pk for r in response.context["rows"]] == [desk["running"].pk]


def test_case_page_explains_the_clock_and_masks(client, world, desk):
    app = desk["extended"]
    _login(client, world, "dept", Role.DISCLOSURE_OFFICE)
    html = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert "延长答复期限 20 个工作日" in html and "暂定" in html
    assert app.id_number in html and "延期答复" in html  # personal data and the history
    _login(client, world, "gov", Role.SUPERVISING_OFFICE)
    html = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert app.id_number not in html and app.phone not in html
    assert "延长答复期限 20 个工作日" in html


def test_steps_through_the_desk(client, world, desk):
    app = desk["running"]
    _login(client, world, "dept", Role.DISCLOSURE_OFFICE)
    url = f"/admin/gongkai/applications/{app.pk}/"
    response = client.post(url + "extend/", {"on": "2026-11-24", "days": "10", "approver": "主任"})
    assert response.status_code == 302
    response = client.post(url + "extend/", {"on": "2026-11-25", "days": "5", "approver": "主任"})
    assert response.status_code == 200 and "只能延长一次" in response.content.decode()
    response = client.post(
        url + "decide/", {"on": "2026-11-26", "outcome": "granted", "basis": "第三十六条第（二）项"}
    )
    assert response.status_code == 302
    refused = client.post(url + "reply/", {"on": "2026-11-26"})  # the reply waits for its letter's 签发
    assert refused.status_code == 200 and "请先生成答复告知书" in refused.content.decode()
    signed_reply_letter(app, world)
    assert client.post(url + "reply/", {"on": "2026-11-26"}).status_code == 302
    app.refresh_from_db()
    assert app.status == "replied" and app.outcome == "granted"
    assert app.events.count() == 4
    assert client.get(url + "nonsense/").status_code == 404


def test_intake_through_the_desk(client, world):
    _login(client, world, "dept", Role.DISCLOSURE_OFFICE)
    form = {**person_fields(), "channel": "letter", "arrived_on": "2026-11-23", "confirmed_on": "2026-11-24"}
    response = client.post("/admin/gongkai/agencies/dept/applications/new/", form)
    assert response.status_code == 302
    app = Application.objects.get()
    assert app.received_on == D(2026, 11, 24) and app.channel == "letter"
    bad = {**form, "id_number": "110105199003070011"}
    response = client.post("/admin/gongkai/agencies/dept/applications/new/", bad)
    assert "校验位不正确" in response.content.decode()
    assert Application.objects.count() == 1


def test_figures_page_with_drill_down(client, world, desk):
    _login(client, world, "dept", Role.SECTION_HEAD)
    response = client.get("/admin/gongkai/agencies/dept/applications/figures/2026/")
    assert response.status_code == 200
    cells = dict(response.context["rows"][0][1])
    assert cells["natural_person"] == 3
    response = client.get(
        "/admin/gongkai/agencies/dept/applications/figures/2026/", {"row": "new", "column": "natural_person"}
    )
    assert len(response.context["drill"]) == 3
    old = client.get("/admin/gongkai/agencies/dept/applications/figures/2018/")
    assert old.status_code == 404


def test_the_list_reads_the_calendar_once_whatever_the_number_of_cases(client, world):
    """25 cases on a page cost the same queries as 3: the calendar is read once per request, the events of all
    rows in one prefetch (it was two calendar queries per row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dept = world["dept"]
    _login(client, world, "dept", Role.DISCLOSURE_OFFICE)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/gongkai/applications/").status_code == 200
        return len(captured)

    for n in range(3):
        received(dept, D(2026, 11, 2 + n), person_fields(n + 1))
    few = queries()
    for n in range(3, 25):
        received(dept, D(2026, 11, 2 + n % 20), person_fields(n + 1))
    assert len(client.get("/admin/gongkai/applications/").context["rows"]) == 25
    assert queries() == few
