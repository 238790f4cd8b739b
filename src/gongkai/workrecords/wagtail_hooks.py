"""Work records in the Wagtail admin: their URLs and the menu item."""

from django.urls import include, path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("gongkai/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def workrecords_menu_item():
    return PermMenuItem(
        "政务公开工作",
        reverse("workrecords:index"),
        icon_name="clipboard-list",
        order=290,
        perm=Perm.VIEW_WORK_RECORDS,
    )
