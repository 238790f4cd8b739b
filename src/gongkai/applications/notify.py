"""The daily notice of cases due soon or overdue, by e-mail to each agency's disclosure office and on the dashboard.

The notice also lists the online applications still unconfirmed after `unconfirmed.remind_after()` working days
(no clock runs for them, so nothing else would). An agency with something to report but nobody to tell (no
active person of its disclosure office with an e-mail address) is named in the result, not silently skipped.

A case is *due soon* when its clock runs and at most N working days are left (default
`settings.GONGKAI_DUE_SOON_WORKDAYS`, 3, the threshold of the case list too), *overdue* when the clock says so; a paused case (补正, 征求意见,
缴费) is neither, and neither is a case whose clock has stopped. The state comes from `core.clock` on the
given day, not from the cached due date (which only narrows the search).

Idempotent per day: each (agency, person, day) gets at most one e-mail (`DueNotice`, unique), so running the
job twice — or from two servers — sends nothing the second time. The mail is sent once the record is committed,
never inside the transaction; a failed send removes the record again. The mails name case numbers and dates only,
no applicant's personal data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm, Role
from gongkai.agencies.scoping import agencies_for
from gongkai.core.clock import Deadline, State
from gongkai.workdays.services import current_calendar

from . import services, unconfirmed
from .choices import OPEN_STATUSES
from .models import Application, DueNotice

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DueCase:
    app: Application
    deadline: Deadline


@dataclass
class AgencyDue:
    agency: Agency
    due_soon: list[DueCase] = field(default_factory=list)
    overdue: list[DueCase] = field(default_factory=list)
    unconfirmed: list[unconfirmed.Unconfirmed] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.due_soon or self.overdue or self.unconfirmed)


def default_days() -> int:
    return settings.GONGKAI_DUE_SOON_WORKDAYS


def due_cases(agencies, *, today: date | None = None, days: int | None = None) -> list[AgencyDue]:
    """For each of `agencies` with any, its cases due within `days` working days, its overdue cases and its
    stale unconfirmed applications."""
    today = today or timezone.localdate()
    days = default_days() if days is None else days
    # The cached due date of a running case is its due date; that of a paused case is the earliest it can
    # be. Either way a case due within `days` working days has a cached date no later than this bound.
    calendar = current_calendar()
    bound = calendar.add_workdays(today, days)
    candidates = (
        Application.objects.filter(
            agency__in=agencies, status__in=OPEN_STATUSES, due__isnull=False, due__lte=bound
        )
        .select_related("agency")
        .prefetch_related("events")
        .order_by("agency__path", "due", "pk")
    )
    by_agency: dict[int, AgencyDue] = {}
    for app in candidates:
        dl = services.deadline(app, today=today, calendar=calendar)
        if dl is None or dl.due is None:
            continue
        entry = by_agency.setdefault(app.agency_id, AgencyDue(app.agency))
        if dl.state == State.OVERDUE:
            entry.overdue.append(DueCase(app, dl))
        elif dl.state in (State.RUNNING, State.DUE_SOON) and dl.workdays_left <= days:
            entry.due_soon.append(DueCase(app, dl))
    for item in unconfirmed.queue(agencies, today=today, calendar=calendar):
        if item.stale:
            by_agency.setdefault(item.app.agency_id, AgencyDue(item.app.agency)).unconfirmed.append(item)
    return sorted((e for e in by_agency.values() if e), key=lambda e: (e.agency.path, e.agency.pk))


def recipients(agency: Agency):
    """The active people of the agency's disclosure office who have an e-mail address."""
    return (
        get_user_model()
        .objects.filter(
            person__agency=agency,
            person__role_assignments__role=Role.DISCLOSURE_OFFICE,
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _line(case: DueCase) -> str:
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("applications:detail", args=[case.app.pk])
    dl = case.deadline
    when = "已逾期" if dl.state == State.OVERDUE else f"剩余 {dl.workdays_left} 个工作日"
    mark = "（暂定）" if dl.provisional else ""
    return f"- {case.app.number}：答复期限 {dl.due}{mark}，{when}，{case.app.get_status_display()}\n  {url}"


def _unconfirmed_line(item: unconfirmed.Unconfirmed) -> str:
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("applications:detail", args=[item.app.pk])
    return f"- {item.app.number}：{item.submitted_on} 网上提交，已 {item.age} 个工作日未确认\n  {url}"


def message(entry: AgencyDue, today: date, days: int) -> tuple[str, str]:
    """The subject and body of an agency's notice."""
    name = entry.agency.short_name or entry.agency.name
    subject = (
        f"【依申请公开】{name}：{len(entry.overdue)} 件已逾期，{len(entry.due_soon)} 件 {days} 个工作日内到期"
        + (f"，{len(entry.unconfirmed)} 件网上申请待确认" if entry.unconfirmed else "")
        + f"（{today}）"
    )
    parts = [f"{entry.agency.name} 截至 {today} 的依申请公开案件提醒（暂停计时的案件不在此列）。"]
    if entry.overdue:
        parts += ["", f"已逾期（{len(entry.overdue)} 件）："] + [_line(c) for c in entry.overdue]
    if entry.due_soon:
        parts += ["", f"{days} 个工作日内到期（{len(entry.due_soon)} 件）："] + [
            _line(c) for c in entry.due_soon
        ]
    if entry.unconfirmed:
        parts += [
            "",
            f"网上申请超过 {unconfirmed.remind_after()} 个工作日未确认（{len(entry.unconfirmed)} 件，"
            "确认之前答复期限不起算）：",
        ] + [_unconfirmed_line(i) for i in entry.unconfirmed]
    parts += ["", "本邮件由公开 Gongkai 每日自动发送，同一日不重复发送。"]
    return subject, "\n".join(parts)


@dataclass
class NotifyResult:
    sent: int = 0
    already: int = 0
    agencies: list[AgencyDue] = field(default_factory=list)
    unreachable: list[AgencyDue] = field(default_factory=list)  # something to report, nobody with an e-mail


def notify_due(*, today: date | None = None, days: int | None = None, agencies=None) -> NotifyResult:
    """Send today's notices (once per agency, person and day) and return what was done."""
    today = today or timezone.localdate()
    days = default_days() if days is None else days
    agencies = Agency.objects.all() if agencies is None else agencies
    result = NotifyResult(agencies=due_cases(agencies, today=today, days=days))
    for entry in result.agencies:
        subject, body = message(entry, today, days)
        people = list(recipients(entry.agency))
        if not people:
            result.unreachable.append(entry)
            log.warning("due notice for agency %s: no recipient with an e-mail address", entry.agency.code)
        for user in people:
            with transaction.atomic():
                notice, created = DueNotice.objects.get_or_create(
                    agency=entry.agency,
                    recipient=user,
                    day=today,
                    defaults={
                        "due_soon": len(entry.due_soon),
                        "overdue": len(entry.overdue),
                        "unconfirmed": len(entry.unconfirmed),
                    },
                )
                if not created:
                    result.already += 1
                    continue
                transaction.on_commit(partial(_send, notice.pk, subject, body, user.email))
            result.sent += 1
    log.info(
        "due notices for %s: %d sent, %d already sent, %d agencies unreachable",
        today,
        result.sent,
        result.already,
        len(result.unreachable),
    )
    return result


def _send(notice_pk: int, subject: str, body: str, address: str) -> None:
    """Send one notice once its record is committed; if sending fails, drop the record, so the next run tries
    again (and the error reaches the cron job)."""
    try:
        send_mail(subject, body, None, [address])
    except Exception:
        DueNotice.objects.filter(pk=notice_pk).delete()
        raise


class DuePanel(Component):
    """The dashboard panel: due-soon and overdue cases of the agencies whose applications the user handles."""

    name = "gongkai_due_applications"
    template_name = "applications/_due_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        entries = due_cases(agencies_for(self.user, Perm.HANDLE_APPLICATIONS))
        return {"entries": entries, "days": default_days()}

    def render_html(self, parent_context=None) -> str:
        if not agencies_for(self.user, Perm.HANDLE_APPLICATIONS).exists():
            return ""
        return super().render_html(parent_context)
