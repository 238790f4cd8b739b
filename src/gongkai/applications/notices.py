"""Telling the applicant: an e-mail and an SMS at receipt, 补正, 延期 and the reply, each recorded on the case.

`record` runs inside the step's transaction (`services._step`): it writes one `Notice` per channel the applicant
can be reached by (an e-mail address; a mobile number) with the text composed from the case as the step left it,
and asks for `send_notice` to be enqueued once the transaction has committed (`transaction.on_commit`), so
nothing leaves the server for a step that was rolled back and no request waits on a mail server. The task sends
through Django's mail framework (`EMAIL_BACKEND`, SMTP configured by the `DJANGO_EMAIL_*` variables) or through
the SMS backend named by `settings.GONGKAI_SMS_BACKEND` (a class with `send(to, text)`; the default,
`LogSmsBackend`, only logs that a message would have gone). A failure is recorded on the notice, never raised.

Logs name the notice, the case's id and the channel, never an address, a name or the text.
"""

from __future__ import annotations

import logging
import re
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from gongkai.agencies.masking import mask

from .choices import OUTCOMES, EventKind
from .models import Application, ApplicationEvent, Notice, NoticeChannel, NoticeStatus

log = logging.getLogger(__name__)

K = EventKind
NOTIFIED = frozenset({K.RECEIVED, K.CORRECTION_REQUESTED, K.EXTENDED, K.REPLIED})
"""The steps the applicant is told of."""
_MOBILE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")
ERROR_MAX = 300


class LogSmsBackend:
    """The default SMS backend: no gateway, it logs that a message would have been sent (no number, no text).

    A real backend is a class with the same `send(to, text)` that raises on failure; name it in
    `GONGKAI_SMS_BACKEND`."""

    def send(self, to: str, text: str) -> None:
        log.info("sms not sent (no gateway configured, GONGKAI_SMS_BACKEND): %d characters", len(text))


def sms_backend():
    return import_string(settings.GONGKAI_SMS_BACKEND)()


def mobile_number(phone: str) -> str:
    """The mainland mobile number in `phone` (spaces and hyphens ignored), or "" for a landline or nothing."""
    match = _MOBILE.match(re.sub(r"[\s\-()（）]", "", phone or ""))
    return match.group(1) if match else ""


def _lookup_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("portal_lookup")


def compose(app: Application, event: ApplicationEvent) -> tuple[str, str, str]:
    """The subject, the e-mail body and the SMS text for `event` of `app` (as the step left the case).

    They name the agency, the case number and dates; not the applicant's name or other personal data."""
    agency = app.agency.name
    due = f"{app.due}{'（暂定）' if app.due_provisional else ''}" if app.due else ""
    if event.kind == K.RECEIVED:
        what = "已收到"
        text = f"您向{agency}提出的政府信息公开申请（编号 {app.number}）已于 {event.on} 收到。"
        if due:
            text += f"本机关将于 {due} 前答复（依法延期的除外）。"
    elif event.kind == K.CORRECTION_REQUESTED:
        what = "请补正申请"
        by = event.data.get("respond_by")
        text = (
            f"{agency}于 {event.on} 告知您补正政府信息公开申请（编号 {app.number}）：{event.data.get('what', '')}"
            + (f"。请于 {by} 前补正" if by else "。请在告知书规定的期限内补正")
            + "，答复期限自收到补正材料之日起计算；补正告知书另行送达。"
        )
    elif event.kind == K.EXTENDED:
        what = "延期答复"
        text = (
            f"{agency}对您的政府信息公开申请（编号 {app.number}）延期答复，"
            f"延长 {event.data.get('days')} 个工作日"
            + (f"，答复期限至 {due}" if due else "")
            + "；延期告知书另行送达。"
        )
    else:
        what = "已答复"
        outcome = OUTCOMES.get(app.outcome, "")
        text = (
            f"{agency}已于 {event.on} 对您的政府信息公开申请（编号 {app.number}）作出答复"
            + (f"（{outcome}）" if outcome else "")
            + f"，答复告知书按您选择的获取方式（{app.get_obtaining_display()}）送达。"
        )
    subject = f"【政府信息公开申请】{app.number}：{what}"
    body = "\n\n".join(
        [
            text,
            f"凭申请编号和查询码可在 {_lookup_url()} 查询办理进度。",
            "本邮件由系统自动发送，请勿直接回复。",
        ]
    )
    return subject, body, f"【{app.agency.short_name or agency}】{text}"


def record(app: Application, event: ApplicationEvent) -> list[Notice]:
    """In the step's transaction: the notices of `event` (none for a step the applicant is not told of), each
    sent by `send_notice` once the transaction commits."""
    if event.kind not in NOTIFIED:
        return []
    subject, body, sms = compose(app, event)
    targets = [(NoticeChannel.EMAIL, app.email, body), (NoticeChannel.SMS, mobile_number(app.phone), sms)]
    notices = [
        Notice.objects.create(
            application=app, event=event, channel=channel, to=to, subject=subject, body=text[:2000]
        )
        for channel, to, text in targets
        if to
    ]
    for notice in notices:
        transaction.on_commit(partial(_enqueue, notice.pk))
    return notices


def _enqueue(notice_id: int) -> None:
    """After the commit: hand the notice to the task backend; if that fails, the notice says so (the step that
    has just been committed is not reported as failed)."""
    try:
        send_notice.enqueue(notice_id)
    except Exception as exc:
        Notice.objects.filter(pk=notice_id).update(
            status=NoticeStatus.FAILED, error=f"未能交给后台任务发送：{type(exc).__name__}"[:ERROR_MAX]
        )
        log.warning("notice %s could not be enqueued: %s", notice_id, type(exc).__name__)


def _error(exc: Exception, to: str) -> str:
    """What went wrong, for the case page: the exception's message with the address masked."""
    text = f"{type(exc).__name__}: {exc}".replace(to, mask(to)) if to else f"{type(exc).__name__}: {exc}"
    return text[:ERROR_MAX]


@task()
def send_notice(notice_id: int) -> None:
    """Send one recorded notice (once: a notice no longer pending is left alone); record the outcome."""
    notice = Notice.objects.filter(pk=notice_id, status=NoticeStatus.PENDING).first()
    if notice is None:
        return
    try:
        if notice.channel == NoticeChannel.EMAIL:
            send_mail(notice.subject, notice.body, None, [notice.to])
        else:
            sms_backend().send(notice.to, notice.body)
    except Exception as exc:  # recorded on the case, not raised: the step itself stands
        Notice.objects.filter(pk=notice.pk).update(status=NoticeStatus.FAILED, error=_error(exc, notice.to))
        log.warning(
            "notice %s (%s) of application %s failed: %s",
            notice.pk,
            notice.channel,
            notice.application_id,
            type(exc).__name__,
        )
        return
    Notice.objects.filter(pk=notice.pk).update(status=NoticeStatus.SENT, sent_at=timezone.now())
    log.info("notice %s (%s) of application %s sent", notice.pk, notice.channel, notice.application_id)
