"""主动公开 in the Wagtail admin: its URLs, the menu items (the desk, the guide), each role's dashboard, the log action of an item sent back, who may download a
document (files.py), the editor saying why a holder of the current step may not take it (separation of duties),
and the desk where a step of the sign-off chain leaves its actor."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import action_data, admin_urls, dashboard, files, outcome, wording, workflow
from .models import InformationItemPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("gongkai/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def publishing_menu_item():
    return PermMenuItem(
        "主动公开",
        reverse("publishing:index"),
        icon_name="doc-full",
        order=200,
        perm=Perm.VIEW_PUBLISHING,
    )


@hooks.register("register_admin_menu_item")
def guide_menu_item():
    return PermMenuItem(
        "公开指南", reverse("publishing:guides"), icon_name="help", order=205, perm=Perm.MANAGE_PUBLISHING
    )


@hooks.register("construct_homepage_panels", order=100)  # after the other apps have added theirs
def own_work_first(request, panels):
    dashboard.arrange(request, panels)


@hooks.register("construct_help_menu")
def without_wagtail_guides(request, menu_items):
    """Wagtail's editor guide and release notes are English and about Wagtail, not about 公开."""
    menu_items[:] = [item for item in menu_items if not item.name.startswith(("editor-guide", "whats-new"))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("publishing.sent_back", "退回保密审查", "保密审查后内容被修改，退回保密审查")
    actions.register_action(wording.ACKNOWLEDGED, "确认错敏词检查结果", "已核对错敏词检查发现的表述")


@hooks.register("before_serve_document")
def check_document(document, request):
    files.check_document(document, request)


@hooks.register("before_edit_page")
def explain_refused_step(request, page):
    """A holder of the current step's permission who already took another part sees why the step's buttons are
    missing (the task's `get_actions` offers none to them, and its `on_action` refuses a forged request)."""
    if request.method != "GET":
        return
    task = page.current_workflow_task
    reason = task.refusal(page, request.user) if hasattr(task, "refusal") else None
    if reason:
        messages.warning(request, reason)
    if hasattr(task, "refusal") and workflow.blocker(page):
        messages.warning(request, workflow.WITHHELD_BLOCKER)
    notice = task.notice(page, request.user) if hasattr(task, "notice") else None
    if notice:
        messages.info(request, notice)


@hooks.register("before_edit_page")
def show_wording_hits(request, page):
    """The author (a collector of the item's agency) and the checker see that the 错敏词 check found something
    not yet acknowledged, with the way to the hits."""
    if request.method != "GET" or not isinstance(page.specific, InformationItemPage):
        return
    item = page.specific
    if not (
        workflow.may_act(Perm.COLLECT_INFORMATION, item, request.user)
        or workflow.may_act(Perm.CHECK_INFORMATION, item, request.user)
    ):
        return
    if wording.unacknowledged(item):
        url = reverse("publishing:item_wording", kwargs={"code": item.agency.code, "pk": item.pk})
        messages.warning(
            request, format_html('{} <a href="{}">查看错敏词检查结果</a>', wording.UNACKNOWLEDGED, url)
        )


@hooks.register("before_edit_page")
def check_step_data(request, page):
    """A workflow step posted with data no dialog would send is refused before the edit is saved
    (`action_data`)."""
    if request.method != "POST" or not isinstance(page.specific, InformationItemPage):
        return None
    if reason := action_data.refusal(page, request.POST):
        messages.error(request, reason)
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


_MOVES = ("action-submit", "action-workflow-action", "action-restart-workflow", "action-cancel-workflow")


@hooks.register("after_edit_page")
def land_on_the_desk(request, page):
    """After a step of the chain (or a save that took the editor away from its author, e.g. an approver's edit
    sending the item back to 保密审查) the actor lands on the agency's desk, told what happens next."""
    if not isinstance(page.specific, InformationItemPage):
        return None
    item = InformationItemPage.objects.get(pk=page.pk)
    moved = any(request.POST.get(name) for name in _MOVES)
    if not moved and item.permissions_for_user(request.user).can_edit():
        return None
    messages.success(request, outcome.next_step(item))
    return redirect(outcome.desk_url(item).split("?")[0])
