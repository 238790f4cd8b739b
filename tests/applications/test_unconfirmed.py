"""Unconfirmed online applications: their age in working days, the dashboard, the list filter, the daily notice."""

from __future__ import annotations

from datetime import date as D

import pytest
import time_machine
from django.core import mail

from gongkai import cli
from gongkai.agencies.roles import Role
from gongkai.applications import services

from .conftest import person_fields

pytestmark = pytest.mark.django_db

TODAY = D(2026, 12, 2)  # eleven working days after 2026-11-17


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def waiting(world):
    """Submitted online on 11-17 (stale) and on 12-01 (1 working day); one confirmed, one in another agency."""
    dept = world["dept"]
    old, _ = services.submit(dept, person_fields(1), on=D(2026, 11, 17))
    new, _ = services.submit(dept, person_fields(2), on=D(2026, 12, 1))
    done, _ = services.submit(dept, person_fields(3), on=D(2026, 11, 17))
    services.confirm_receipt(done, on=D(2026, 11, 18))
    services.submit(world["other_dept"], person_fields(4), on=D(2026, 11, 17))
    return {"old": old, "new": new, "done": done}


def _login(client, world, home, role):
    client.force_login(world["people"][(home, role)].user)


@pytest.mark.parametrize(
    "submitted,age",
    [(D(2026, 11, 17), 11), (D(2026, 12, 1), 1), (D(2026, 12, 2), 0), (D(2026, 9, 30), 41)],
)
def test_age_is_working_days_after_submission(world, submitted, age):
    from gongkai.applications import unconfirmed

    app, _ = services.submit(world["dept"], person_fields(9), on=submitted)
    assert unconfirmed.age_of(app) == age  # 国庆 10-01..07 off, Saturday 10-10 worked: 18 + 21 + 2


def test_dashboard_lists_the_queue_for_the_office(client, world, waiting):
    _login(client, world, "dept", Role.DISCLOSURE_OFFICE)
    html = client.get("/admin/").content.decode()
    assert "网上申请待确认" in html
    assert f'data-unconfirmed="{waiting["old"].number}"' in html
    assert f'data-unconfirmed="{waiting["new"].number}"' in html
    assert f'data-unconfirmed="{waiting["done"].number}"' not in html
    row = html.split(f'data-unconfirmed="{waiting["old"].number}"')[1].split("</tr>")[0]
    assert "11 个工作日" in row and "超期未确认" in row
    row = html.split(f'data-unconfirmed="{waiting["new"].number}"')[1].split("</tr>")[0]
    assert "1 个工作日" in row and "超期未确认" not in row


def test_supervising_office_sees_counts(client, world, waiting):
    _login(client, world, "gov", Role.SUPERVISING_OFFICE)
    html = client.get("/admin/").content.decode()
    row = html.split('data-unconfirmed-agency="dept"')[1].split("</tr>")[0]
    assert "<td>2</td><td>1</td>" in row
    assert 'data-unconfirmed-agency="other-dept"' not in html  # another government's agency


def test_list_filter_and_age_column(client, world, waiting):
    _login(client, world, "dept", Role.DISCLOSURE_OFFICE)
    response = client.get("/admin/gongkai/applications/", {"stale": "1"})
    assert [r["app"].pk for r in response.context["rows"]] == [waiting["old"].pk]
    assert "待确认 11 个工作日" in response.content.decode()
    response = client.get("/admin/gongkai/applications/", {"status": "submitted"})
    assert [r["app"].pk for r in response.context["rows"]] == [waiting["old"].pk, waiting["new"].pk]


@pytest.mark.parametrize("setting,stale", [(10, True), (11, True), (12, False)])
def test_reminder_threshold_is_a_setting(client, world, waiting, settings, setting, stale):
    settings.GONGKAI_UNCONFIRMED_REMIND_WORKDAYS = setting
    _login(client, world, "dept", Role.DISCLOSURE_OFFICE)
    rows = client.get("/admin/gongkai/applications/", {"stale": "1"}).context["rows"]
    assert [r["app"].pk for r in rows] == ([waiting["old"].pk] if stale else [])


def test_notify_due_names_whom_it_could_not_notify(world, waiting, capsys):
    assert cli.main(["notify-due", "--agency", "dept"]) == 0
    out = capsys.readouterr().out
    assert "超过 3 个工作日未确认 1 件" in out
    assert "甲区人社局：无法通知" in out
    assert len(mail.outbox) == 0


def test_notify_due_mails_the_stale_queue(world, waiting, capsys, django_capture_on_commit_callbacks):
    office = world["people"][("dept", Role.DISCLOSURE_OFFICE)].user
    office.email = "gkb@example.com"
    office.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert cli.main(["notify-due", "--agency", "dept"]) == 0
    assert "无法通知" not in capsys.readouterr().out
    [message] = mail.outbox
    assert "1 件网上申请待确认" in message.subject
    assert waiting["old"].number in message.body and "已 11 个工作日未确认" in message.body
    assert waiting["new"].number not in message.body
    assert "张1" not in message.body  # no personal data
