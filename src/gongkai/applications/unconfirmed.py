"""Online applications not yet confirmed (待确认): a queue of its own, since no clock runs for them.

第三十一条 counts the reply period from the day both sides confirm an online application, so until the office
confirms it the case has no deadline — and nothing else would remind anyone of it. Each such case has an *age*:
the working days since it was submitted (the day of submission not counted, like every period here). After
`settings.GONGKAI_UNCONFIRMED_REMIND_WORKDAYS` working days (default 3; the law sets no period for confirming, so
it is the platform's choice, shown on the dashboard) the case is *stale*: the dashboard marks it, the daily
notice (`notify`) lists it, the case list can show only those, and the supervising office sees the counts of
every agency it reaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone
from wagtail.admin.ui.components import Component

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for
from gongkai.core.calendar import Calendar
from gongkai.workdays.services import current_calendar

from .choices import EventKind, Status
from .models import Application


def remind_after() -> int:
    """Working days after submission from which an unconfirmed application is reminded of."""
    return settings.GONGKAI_UNCONFIRMED_REMIND_WORKDAYS


@dataclass(frozen=True)
class Unconfirmed:
    app: Application
    submitted_on: date
    age: int  # working days since submission
    stale: bool


def submitted_on(app: Application) -> date:
    """The day the applicant submitted (the SUBMITTED event), the creation day if the event is missing."""
    for event in app.events.all():
        if event.kind == EventKind.SUBMITTED:
            return event.on
    return timezone.localdate(app.created_at)


def age_of(app: Application, *, today: date | None = None, calendar: Calendar | None = None) -> int:
    """Working days in (submitted, today]."""
    calendar = calendar or current_calendar()
    return max(0, calendar.workdays_between(submitted_on(app), today or timezone.localdate()))


def queue(agencies, *, today: date | None = None, calendar: Calendar | None = None) -> list[Unconfirmed]:
    """The unconfirmed applications of `agencies`, oldest first."""
    today = today or timezone.localdate()
    calendar = calendar or current_calendar()
    threshold = remind_after()
    apps = (
        Application.objects.filter(agency__in=agencies, status=Status.SUBMITTED)
        .select_related("agency")
        .prefetch_related("events")
        .order_by("created_at", "pk")
    )
    out = []
    for app in apps:
        on = submitted_on(app)
        age = max(0, calendar.workdays_between(on, today))
        out.append(Unconfirmed(app, on, age, age >= threshold))
    return out


def stale_pks(agencies, *, today: date | None = None) -> list[int]:
    """The pks of the stale unconfirmed applications (the case list's filter)."""
    return [u.app.pk for u in queue(agencies, today=today) if u.stale]


@dataclass(frozen=True)
class AgencyCount:
    agency: object
    total: int
    stale: int


def counts(agencies, *, today: date | None = None) -> list[AgencyCount]:
    """Per agency with any: how many are unconfirmed, how many of them stale (the supervising office's view)."""
    by_agency: dict[int, list[Unconfirmed]] = {}
    for item in queue(agencies, today=today):
        by_agency.setdefault(item.app.agency_id, []).append(item)
    return [
        AgencyCount(items[0].app.agency, len(items), sum(1 for i in items if i.stale))
        for items in by_agency.values()
    ]


class UnconfirmedPanel(Component):
    """The dashboard panel: the handling office's queue with each case's age; for the agencies the user only
    views (the supervising office, leaders), the counts per agency."""

    name = "gongkai_unconfirmed_applications"
    template_name = "applications/_unconfirmed_panel.html"
    order = 49

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        handled = agencies_for(self.user, Perm.HANDLE_APPLICATIONS)
        viewed = agencies_for(self.user, Perm.VIEW_APPLICATIONS).exclude(pk__in=handled.values("pk"))
        return {"queue": queue(handled), "counts": counts(viewed), "days": remind_after()}

    def render_html(self, parent_context=None) -> str:
        if not agencies_for(self.user, Perm.VIEW_APPLICATIONS).exists():
            return ""
        return super().render_html(parent_context)
