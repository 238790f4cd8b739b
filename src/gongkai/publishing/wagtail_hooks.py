from django.urls import path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("gongkai/publishing/", views.index, name="gongkai_publishing_index"),
        path("gongkai/agencies/<slug:code>/publishing/", views.agency_desk, name="gongkai_publishing_desk"),
        path(
            "gongkai/agencies/<slug:code>/publishing/withheld/",
            views.withheld,
            name="gongkai_publishing_withheld",
        ),
        path(
            "gongkai/agencies/<slug:code>/publishing/withheld/<int:pk>/",
            views.reevaluate,
            name="gongkai_publishing_reevaluate",
        ),
        path(
            "gongkai/agencies/<slug:code>/publishing/cleanup/",
            views.cleanup,
            name="gongkai_publishing_cleanup",
        ),
    ]


@hooks.register("register_admin_menu_item")
def publishing_menu_item():
    return PermMenuItem(
        "主动公开",
        reverse("gongkai_publishing_index"),
        icon_name="doc-full",
        order=200,
        perm=Perm.VIEW_PUBLISHING,
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("publishing.sent_back", "退回保密审查", "保密审查后内容被修改，退回保密审查")
