"""Applications in the Wagtail admin: their URLs, the menu item and the dashboard's panel of due cases."""

from django.urls import include, path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import admin_urls
from .notify import DuePanel
from .unconfirmed import UnconfirmedPanel


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("gongkai/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def applications_menu_item():
    # 业务人员 reach the desk for the cases assigned to them
    perms = (Perm.VIEW_APPLICATIONS, Perm.WORK_ASSIGNED)
    return PermMenuItem("依申请公开", reverse("applications:index"), icon_name="mail", order=260, perm=perms)


@hooks.register("construct_homepage_panels")
def due_applications_panel(request, panels):
    panels.insert(0, DuePanel(request.user))
    panels.insert(1, UnconfirmedPanel(request.user))
