"""The daily notice: due soon (≤ N working days), overdue, paused and stopped cases left out, once a day."""

from __future__ import annotations

from datetime import date as D
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from gongkai import cli
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm, Role
from gongkai.agencies.scoping import agencies_for
from gongkai.applications import notify, services
from gongkai.applications.choices import Party
from gongkai.applications.models import DueNotice

from .conftest import person_fields, received

pytestmark = pytest.mark.django_db

TODAY = D(2025, 3, 27)  # a Thursday; no holiday between late February and the end of March 2025


@pytest.fixture
def cases(world, office):
    """Received 2025-03-03 → due 03-31 (2 working days left); 02-24 → due 03-24 (overdue); others left out."""
    dept = world["dept"]
    office.email = "gkb@example.com"
    office.save()
    soon = received(dept, D(2025, 3, 3), person_fields(1), by=office)
    late = received(dept, D(2025, 2, 24), person_fields(2), by=office)
    paused = received(dept, D(2025, 3, 3), person_fields(3), by=office)
    services.send_consultation(paused, on=D(2025, 3, 20), party=Party.THIRD_PARTY, to="某公司", by=office)
    replied = received(dept, D(2025, 2, 24), person_fields(4), by=office)
    services.decide(replied, on=D(2025, 3, 10), outcome="granted", basis="第三十六条第（二）项", by=office)
    services.reply(replied, on=D(2025, 3, 10), by=office)
    correcting = received(dept, D(2025, 3, 3), person_fields(5), by=office)
    services.request_correction(correcting, on=D(2025, 3, 5), what="请写明文号", by=office)
    later = received(dept, D(2025, 3, 20), person_fields(6), by=office)
    elsewhere = received(world["sibling"], D(2025, 3, 3), person_fields(7))
    return {
        "soon": soon,
        "late": late,
        "paused": paused,
        "replied": replied,
        "correcting": correcting,
        "later": later,
        "elsewhere": elsewhere,
    }


def test_due_soon_and_overdue_by_agency(world, cases):
    entries = {e.agency.code: e for e in notify.due_cases(Agency.objects.all(), today=TODAY)}
    assert set(entries) == {"dept", "sibling"}
    dept = entries["dept"]
    assert [c.app for c in dept.overdue] == [cases["late"]]
    assert [c.app for c in dept.due_soon] == [cases["soon"]]
    assert dept.due_soon[0].deadline.workdays_left == 2 and dept.due_soon[0].deadline.due == D(2025, 3, 31)
    # With 1 working day's notice the case due in 2 is not yet "due soon".
    narrow = notify.due_cases([world["dept"]], today=TODAY, days=1)
    assert [c.app for c in narrow[0].due_soon] == [] and [c.app for c in narrow[0].overdue] == [cases["late"]]


def _notify(capture, **kwargs):
    """As the cron job runs it: the mails leave once each notice's record is committed."""
    with capture(execute=True):
        return notify.notify_due(**kwargs)


def test_mail_once_a_day(world, cases, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    with capture() as queued:
        result = notify.notify_due(today=TODAY)
    assert len(mail.outbox) == 0 and len(queued) == 1  # nothing is sent inside the transaction
    for send in queued:
        send()
    assert result.sent == 1 and result.already == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["gkb@example.com"]
    assert "1 件已逾期，1 件 3 个工作日内到期" in message.subject
    assert cases["late"].number in message.body and cases["soon"].number in message.body
    for key in ("paused", "replied", "correcting", "later"):
        assert cases[key].number not in message.body, key
    # No applicant's personal data in the mail.
    assert "张1" not in message.body and person_fields(1)["id_number"] not in message.body
    again = _notify(capture, today=TODAY)
    assert again.sent == 0 and again.already == 1 and len(mail.outbox) == 1
    assert DueNotice.objects.get().overdue == 1
    assert _notify(capture, today=D(2025, 3, 28)).sent == 1 and len(mail.outbox) == 2


def test_failed_send_is_retried_next_run(world, cases, monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr(notify, "send_mail", broken)
    with pytest.raises(OSError):
        _notify(django_capture_on_commit_callbacks, today=TODAY)
    assert not DueNotice.objects.exists()
    monkeypatch.undo()
    assert _notify(django_capture_on_commit_callbacks, today=TODAY).sent == 1 and len(mail.outbox) == 1


def test_command(world, cases, capsys):
    assert cli.main(["notify-due", "--date", "2025-03-27", "--agency", "dept"]) == 0
    out = capsys.readouterr().out
    assert "甲区人社局：已逾期 1 件，即将到期 1 件" in out and "发送提醒 1 封" in out
    assert cli.main(["notify-due", "--date", "2025-03-27"]) == 0
    assert "未重复发送 1 封" in capsys.readouterr().out
    assert cli.main(["notify-due", "--agency", "nowhere"]) == 2


def test_dashboard_panel(client, world, cases):
    with time_machine.travel(datetime(2025, 3, 27, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
        html = client.get("/admin/").content.decode()
        assert "依申请公开：即将到期与已逾期" in html
        assert cases["late"].number in html and cases["soon"].number in html
        assert cases["paused"].number not in html and cases["elsewhere"].number not in html
        leader = world["people"][("dept", Role.PRINCIPAL_LEADER)].user
        assert not agencies_for(leader, Perm.HANDLE_APPLICATIONS).exists()
        client.force_login(leader)
        assert "依申请公开：即将到期与已逾期" not in client.get("/admin/").content.decode()
