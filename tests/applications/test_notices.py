"""Applicants are told (e-mail, SMS) at receipt, 补正, 延期 and the reply: recorded in the step's transaction,
sent after the commit by a task, a failure recorded and not raised, no address in the logs."""

from __future__ import annotations

import logging
import smtplib
from datetime import date as D
from types import SimpleNamespace

import pytest
from django.core import mail

from gongkai.agencies.roles import Role
from gongkai.applications import notices, services
from gongkai.applications.models import Notice, NoticeStatus

from .conftest import org_fields, person_fields, received

pytestmark = pytest.mark.django_db

EMAIL, PHONE = "zhang@example.com", "13800138000"
SENT_SMS: list[tuple[str, str]] = []


class RecordingSms:
    """A stand-in SMS gateway named by GONGKAI_SMS_BACKEND."""

    def send(self, to: str, text: str) -> None:
        SENT_SMS.append((to, text))


class BrokenSms:
    def send(self, to: str, text: str) -> None:
        raise ConnectionError("gateway unreachable")


@pytest.fixture
def sms(settings):
    SENT_SMS.clear()
    settings.GONGKAI_SMS_BACKEND = f"{__name__}.RecordingSms"
    return SENT_SMS


def test_receipt_is_mailed_and_texted_after_the_commit(
    world, office, sms, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.INFO)
    with django_capture_on_commit_callbacks() as pending:
        app = received(world["dept"], D(2025, 3, 3), by=office)
        # Recorded with the step, not yet sent: sending waits for the commit.
        assert [n.status for n in app.notices.all()] == [NoticeStatus.PENDING] * 2
        assert mail.outbox == [] and sms == []
    assert len(pending) == 2
    for callback in pending:
        callback()
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    message = mail.outbox[0]
    assert app.number in message.subject and "已收到" in message.subject
    assert "2025-03-03 收到" in message.body and "2025-03-31 前答复" in message.body
    assert "张1" not in message.body  # nothing personal in the text
    assert sms == [(PHONE, sms[0][1])] and app.number in sms[0][1]
    assert {n.channel: n.status for n in app.notices.all()} == {"email": "sent", "sms": "sent"}
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "notice" in logged and EMAIL not in logged and PHONE not in logged


@pytest.mark.parametrize(
    "step,told",
    [
        (
            lambda app, by: services.request_correction(app, on=D(2025, 3, 4), what="请写明文号", by=by),
            "请补正",
        ),
        (lambda app, by: services.extend(app, on=D(2025, 3, 20), days=10, approver="王主任", by=by), "延期"),
        (
            lambda app, by: services.send_consultation(
                app, on=D(2025, 3, 4), party="third_party", to="某公司", by=by
            ),
            None,
        ),
        (
            lambda app, by: services.decide(
                app, on=D(2025, 3, 10), outcome="granted", basis="第三十六条", by=by
            ),
            None,
        ),
    ],
    ids=["correction", "extension", "consultation", "decision"],
)
def test_which_steps_tell_the_applicant(world, office, sms, django_capture_on_commit_callbacks, step, told):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    with django_capture_on_commit_callbacks(execute=True):
        step(app, office)
    subjects = [m.subject for m in mail.outbox]
    if told:
        assert len(subjects) == 1 and told in subjects[0]
        assert len(sms) == 1
    else:
        assert subjects == [] and sms == []


def test_reply_names_the_outcome_and_the_extension_the_new_date(
    world, office, sms, django_capture_on_commit_callbacks
):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    with django_capture_on_commit_callbacks(execute=True):
        services.extend(app, on=D(2025, 3, 20), days=20, approver="王主任", by=office)
        services.decide(app, on=D(2025, 3, 24), outcome="granted", basis="第三十六条第（二）项", by=office)
        services.reply(app, on=D(2025, 3, 24), by=office)
    extension, reply = (m.body for m in mail.outbox)
    assert "延长 20 个工作日，答复期限至 2025-04-28" in extension  # 04-27 is a working Sunday (调休)
    assert "予以公开" in reply and "作出答复" in reply


def test_only_reachable_channels(world, office, sms, django_capture_on_commit_callbacks):
    """An organisation with a landline and no e-mail address gets neither (nothing is recorded either)."""
    with django_capture_on_commit_callbacks(execute=True):
        app = received(world["dept"], D(2025, 3, 3), org_fields(1), by=office)
        texted = received(
            world["dept"], D(2025, 3, 3), person_fields(2, email="", obtaining="post", phone="138 0013 8000")
        )
    assert not app.notices.exists()
    assert [(n.channel, n.to) for n in texted.notices.all()] == [("sms", PHONE)]
    assert mail.outbox == []


def test_a_failed_send_is_recorded_not_raised(
    world, office, settings, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({EMAIL: (550, b"no such user")})

    monkeypatch.setattr(notices, "send_mail", refuse)
    settings.GONGKAI_SMS_BACKEND = f"{__name__}.BrokenSms"
    with django_capture_on_commit_callbacks(execute=True):
        app = received(world["dept"], D(2025, 3, 3), by=office)
    app.refresh_from_db()
    assert app.status == "processing"  # the step stands
    failed = {n.channel: n for n in app.notices.all()}
    assert {c: n.status for c, n in failed.items()} == {"email": "failed", "sms": "failed"}
    assert "SMTPRecipientsRefused" in failed["email"].error and EMAIL not in failed["email"].error
    assert "gateway unreachable" in failed["sms"].error


def test_the_default_sms_backend_logs_without_the_number(
    world, office, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.INFO)
    with django_capture_on_commit_callbacks(execute=True):
        app = received(world["dept"], D(2025, 3, 3), by=office)
    assert app.notices.get(channel="sms").status == "sent"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "sms not sent (no gateway configured" in logged and PHONE not in logged


def test_a_notice_is_sent_once(world, office, sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        app = received(world["dept"], D(2025, 3, 3), by=office)
    notices.send_notice.call(app.notices.get(channel="email").pk)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "role,shown", [(Role.DISCLOSURE_OFFICE, EMAIL), (Role.PRINCIPAL_LEADER, "z**************om")]
)
def test_the_case_page_lists_the_notices(
    client, world, office, sms, django_capture_on_commit_callbacks, role, shown
):
    with django_capture_on_commit_callbacks(execute=True):
        app = received(world["dept"], D(2025, 3, 3), by=office)
    client.force_login(world["people"][("dept", role)].user)
    page = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert "通知申请人" in page and "已发送" in page and "确认收到申请" in page
    assert shown in page
    if role != Role.DISCLOSURE_OFFICE:
        assert EMAIL not in page and PHONE not in page
    assert Notice.objects.filter(application=app).count() == 2


def test_a_task_backend_that_refuses_is_recorded(
    world, office, monkeypatch, django_capture_on_commit_callbacks
):
    def down(*args, **kwargs):
        raise ConnectionError("task database unavailable")

    monkeypatch.setattr(notices, "send_notice", SimpleNamespace(enqueue=down))
    with django_capture_on_commit_callbacks(execute=True):
        app = received(world["dept"], D(2025, 3, 3), by=office)
    assert {n.status for n in app.notices.all()} == {NoticeStatus.FAILED}
    assert "未能交给后台任务发送" in app.notices.first().error
    assert mail.outbox == []
