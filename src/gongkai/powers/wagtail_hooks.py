"""Powers in the Wagtail admin: their URLs and the menu item."""

from django.urls import include, path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("gongkai/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def powers_menu_item():
    return PermMenuItem(
        "权责事项与复议诉讼", reverse("powers:index"), icon_name="list-ul", order=280, perm=Perm.VIEW_POWERS
    )
