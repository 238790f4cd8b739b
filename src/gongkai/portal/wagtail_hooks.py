"""The feedback desk in the Wagtail admin: its URLs and its menu item."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.agencies.scoping import has_any

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("gongkai/feedback/", admin_views.feedback_index, name="gongkai_feedback_index"),
        path("gongkai/feedback/<int:pk>/", admin_views.feedback_detail, name="gongkai_feedback_detail"),
        path("gongkai/feedback/<int:pk>/reply/", admin_views.feedback_reply, name="gongkai_feedback_reply"),
        path("gongkai/feedback/<int:pk>/close/", admin_views.feedback_close, name="gongkai_feedback_close"),
    ]


class FeedbackMenuItem(MenuItem):
    """Shown to those who handle or supervise feedback somewhere."""

    def is_shown(self, request):
        return any(has_any(request.user, perm) for perm in admin_views.VIEW_PERMS)


@hooks.register("register_admin_menu_item")
def feedback_menu_item():
    return FeedbackMenuItem(
        "公众意见与投诉", reverse("gongkai_feedback_index"), icon_name="comment", order=270
    )
