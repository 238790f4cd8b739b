"""The feedback desk in the Wagtail admin: its URLs and its menu item."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.agencies.scoping import has_any

from . import admin_urls
from .views.feedback_desk import VIEW_PERMS


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("gongkai/", include(admin_urls))]


class FeedbackMenuItem(MenuItem):
    """Shown to those who handle or supervise feedback somewhere."""

    def is_shown(self, request):
        return has_any(request.user, VIEW_PERMS)


@hooks.register("register_admin_menu_item")
def feedback_menu_item():
    return FeedbackMenuItem(
        "公众意见与投诉", reverse("portal:feedback_index"), icon_name="comment", order=270
    )
