"""Each role's dashboard starts with its own work (Wagtail's `construct_homepage_panels`, sorted by `order`):

- 业务人员 (collectors): their drafts and the items returned to them;
- 科室负责人 / 保密审查员 / 领导 (a step of the sign-off chain): Wagtail's "等待你的审查" first;
- 公开办: its desk (items near the 20-working-day limit, register entries due, the guide);

then the items one has in sign-off, and below everything the annual report's countdown and charts.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from laces.components import Component
from wagtail.models import Page, WorkflowState

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, has_any, scope

from . import desk
from .models import InformationItemPage, WithheldInformation

REVIEW_PERMS = (Perm.CHECK_INFORMATION, Perm.REVIEW_CONFIDENTIALITY, Perm.APPROVE_INFORMATION)
FIRST, SECOND, THIRD = 10, 20, 30
LAST = 900  # the annual report's countdown and charts, and what Wagtail adds for everyone
_OWN_WORK = ("workflow_objects_to_moderate",)
_AFTER_OWN = ("user_objects_in_workflow_moderation",)


class OwnItemsPanel(Component):
    """A collector's drafts (never submitted, or withdrawn) and the items sent back to them, newest first."""

    name = "gongkai_own_items"
    template_name = "publishing/admin/own_items_panel.html"
    order = SECOND

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None) -> dict:
        withheld = WithheldInformation.objects.filter(released_on__isnull=True, item__isnull=False)
        items = list(
            scope(InformationItemPage.objects.all(), self.user, Perm.COLLECT_INFORMATION)
            .filter(owner=self.user, live=False, expired=False)
            .exclude(pk__in=withheld.values("item_id"))
            .order_by("-latest_revision_created_at")[:50]
        )
        states = {
            int(state.object_id): state
            for state in WorkflowState.objects.active()
            .filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id__in=[str(item.pk) for item in items],
            )
            .select_related("current_task_state__task")
        }
        returned, drafts = [], []
        for item in items:
            state = states.get(item.pk)
            if state is None:
                drafts.append(item)
            elif state.status == WorkflowState.STATUS_NEEDS_CHANGES and state.current_task_state:
                task_state = state.current_task_state
                returned.append((item, task_state.task.name, task_state.comment))
        return {"returned": returned, "drafts": drafts}


class OfficeDeskPanel(Component):
    """The 公开办's desk on the dashboard: per agency it manages, the items near or past the time limit, the
    register entries due for re-evaluation, and the links to the desk, the register and the guide."""

    name = "gongkai_office_desk"
    template_name = "publishing/admin/office_desk_panel.html"
    order = FIRST

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None) -> dict:
        today = timezone.localdate()
        rows = []
        for agency in agencies_for(self.user, Perm.MANAGE_PUBLISHING).order_by("code")[:20]:
            at_risk = desk.at_risk(agency)
            due = [e for e in desk.due_for_reevaluation(agency) if e.reevaluate_on <= today]
            rows.append(
                {
                    "agency": agency,
                    "late": [r for r in at_risk if r.days_left < 0],
                    "soon": [r for r in at_risk if 0 <= r.days_left <= 5],
                    "due": due,
                    "desk_url": reverse("publishing:desk", kwargs={"code": agency.code}),
                    "withheld_url": reverse("publishing:withheld", kwargs={"code": agency.code}),
                    "guide_url": reverse("publishing:guide", kwargs={"code": agency.code}),
                }
            )
        return {"rows": rows}


def arrange(request, panels: list) -> None:
    """Put the user's own work first (see the module's docstring); everything else keeps its order below."""
    user = request.user
    reviews = has_any(user, REVIEW_PERMS)
    if has_any(user, Perm.COLLECT_INFORMATION):
        panels.append(OwnItemsPanel(user))
    if has_any(user, Perm.MANAGE_PUBLISHING):
        panels.append(OfficeDeskPanel(user))
    for panel in panels:
        name = getattr(panel, "name", "")
        if name in _OWN_WORK:
            panel.order = FIRST if reviews else THIRD
        elif name in _AFTER_OWN:
            panel.order = THIRD
