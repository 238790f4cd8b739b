"""The working-day calendar in the Wagtail admin: its URLs and the menu item."""

from django.urls import include, path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("gongkai/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def calendar_menu_item():
    return PermMenuItem(
        "工作日历", reverse("workdays:index"), icon_name="date", order=900, perm=Perm.VIEW_AGENCY
    )
