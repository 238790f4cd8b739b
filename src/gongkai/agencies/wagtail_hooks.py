"""Agencies and people in the Wagtail admin: their URLs, the menu item, and the menu item shown by permission."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .roles import Perm
from .scoping import has_any


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("gongkai/", include(admin_urls))]


class PermMenuItem(MenuItem):
    """A menu item shown to those who hold `perm` somewhere."""

    def __init__(self, *args, perm: Perm, **kwargs):
        super().__init__(*args, **kwargs)
        self.perm = perm

    def is_shown(self, request):
        return has_any(request.user, self.perm)


@hooks.register("register_admin_menu_item")
def agencies_menu_item():
    return PermMenuItem(
        "机关与人员", reverse("agencies:index"), icon_name="group", order=250, perm=Perm.VIEW_AGENCY
    )
