"""Assignment: a case is given to a 承办人 (a 业务人员 of its agency), who then sees and works it.

Who sees which case, beyond `scoping`: the roles holding Perm.VIEW_APPLICATIONS see their agencies' cases, the
handling office (Perm.HANDLE_APPLICATIONS) works them; a 业务人员 holds only Perm.WORK_ASSIGNED, which reaches
the cases of their agency *assigned to them* (`cases_for`). A 承办人 takes the desk's steps and drafts (拟办) the
letters of their cases, but does not hold Perm.VIEW_PERSONAL_DATA: they see the applicant's personal data masked,
like everyone outside the office (DESIGN.md, "Personal data"); the office keeps the full record and the files.

Assigning is one service call per case (`assign`), with one entry in the case's history; the desk's batch
actions (`assign_many`, `confirm_many`) call the single-case services one by one, each in its own transaction,
and report per case what was refused.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gongkai.agencies import history
from gongkai.agencies.models import Agency, Person
from gongkai.agencies.roles import Perm, Role
from gongkai.agencies.scoping import Perms, can, person_of, scope
from gongkai.core.errors import Refused

from . import services
from .models import Application

log = logging.getLogger(__name__)

HANDLER_ROLE = Role.STAFF


def handlers(agency: Agency) -> QuerySet[Person]:
    """Who may be made 承办人 of the agency's cases: its 业务人员."""
    return Person.objects.filter(agency=agency, role_assignments__role=HANDLER_ROLE).distinct()


def handlers_in(agency_ids) -> QuerySet[Person]:
    """The 业务人员 of any of these agencies (the desk's batch assignment; `assign` checks each case's agency)."""
    return Person.objects.filter(agency_id__in=agency_ids, role_assignments__role=HANDLER_ROLE).distinct()


def cases_for(user, perms: Perms) -> QuerySet[Application]:
    """The cases `user` reaches with `perms`, plus those assigned to them where they hold Perm.WORK_ASSIGNED."""
    qs = Application.objects.all()
    reached = scope(qs, user, perms)
    person = person_of(user)
    if person is None:
        return reached
    return reached | scope(qs, user, Perm.WORK_ASSIGNED).filter(handler=person)


def is_handler(user, app: Application) -> bool:
    """Whether `user` is the case's 承办人 and still holds the permission to work it."""
    person = person_of(user)
    return bool(person and app.handler_id == person.pk and can(user, Perm.WORK_ASSIGNED, app.agency))


def may_work(user, app: Application) -> bool:
    """The handling office, or the case's own 承办人."""
    return can(user, Perm.HANDLE_APPLICATIONS, app.agency) or is_handler(user, app)


def case_or_404(user, pk: int, *, work: bool = False) -> Application:
    """The case `pk` if `user` may see it (`work`: may work it); 404 otherwise, like a missing case."""
    perm = Perm.HANDLE_APPLICATIONS if work else Perm.VIEW_APPLICATIONS
    return get_object_or_404(cases_for(user, perm).select_related("agency", "handler"), pk=pk)


def _name(person: Person | None) -> str | None:
    return person.name if person else None


def assign(app: Application, handler: Person | None, *, by=None) -> Application:
    """Make `handler` the case's 承办人 (None: take the assignment back), with one entry in the case's history."""
    with transaction.atomic():
        app = Application.objects.select_for_update(of=("self",)).select_related("handler").get(pk=app.pk)
        if handler is not None and (handler.agency_id != app.agency_id or HANDLER_ROLE not in handler.roles):
            raise Refused(f"{handler.name}不是本机关的业务人员，不能分派为承办人")
        if app.handler_id == (handler.pk if handler else None):
            raise Refused(f"本案承办人已是{handler.name}" if handler else "本案尚未分派承办人")
        before = app.handler
        app.handler = handler
        app.save(update_fields=["handler", "updated_at"])
        note = f"分派承办人：{handler.name}" if handler else "收回分派"
        history.record(
            app, "wagtail.edit", by, changes={"承办人": (_name(before), _name(handler))}, note=note
        )
    log.info("application %s: handler %s", app.pk, handler.pk if handler else "-")
    return app


def assign_many(
    apps: Iterable[Application], handler: Person | None, *, by=None
) -> list[tuple[Application, str]]:
    """Assign each case in turn; returns the refused ones with the reason."""
    refused = []
    for app in apps:
        try:
            assign(app, handler, by=by)
        except Refused as exc:
            refused.append((app, str(exc)))
    return refused


def confirm_many(apps: Iterable[Application], *, on: date, by=None) -> list[tuple[Application, str]]:
    """双方确认 of several online applications on the same day (`services.confirm_receipt`, one per case)."""
    refused = []
    for app in apps:
        try:
            services.confirm_receipt(app, on=on, by=by)
        except Refused as exc:
            refused.append((app, str(exc)))
    return refused
