"""The records panel of the case page: the notices sent to the applicant and, for the handling office, the
printable case file (案卷)."""

from __future__ import annotations

from django import template

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import can

register = template.Library()


@register.inclusion_tag("applications/_records_panel.html", takes_context=True)
def records_panel(context, app):
    """Addresses in full only for viewers who may see the applicant's personal data."""
    user = context["request"].user
    personal = can(user, Perm.VIEW_PERSONAL_DATA, app.agency)
    notices = list(app.notices.select_related("event"))
    for notice in notices:
        notice.shown = notice.shown_to(personal)
    return {"app": app, "notices": notices, "can_handle": can(user, Perm.HANDLE_APPLICATIONS, app.agency)}
