"""The letters panel of the case page: the letters the case's steps allow, and those already generated."""

from __future__ import annotations

from django import template

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import can

from .. import assignment, letters, signoff

register = template.Library()


@register.inclusion_tag("applications/letters/_panel_body.html", takes_context=True)
def letters_panel(context, app):
    """Generating is for the handling office and the case's 承办人 (拟办); the files hold personal data, so only
    the office downloads them; everyone who sees the case reads a kept letter (masked) and its sign-off state."""
    user = context["request"].user
    can_handle = assignment.may_work(user, app)
    personal = can(user, Perm.VIEW_PERSONAL_DATA, app.agency)
    choices = letters.letter_choices(app) if can_handle else []
    return {
        "app": app,
        "can_handle": can_handle,
        "personal": personal,
        # A step's own letter has its plain URL; its others add ?kind=.
        "available": [(event, "" if own else kind.value, label) for event, kind, label, own in choices],
        "kept": [
            (kept, signoff.state_of(kept)) for kept in app.letters.select_related("event", "created_by")
        ],
        "can_templates": can(user, Perm.HANDLE_APPLICATIONS, app.agency),
    }
