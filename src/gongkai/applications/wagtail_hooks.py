from django.urls import path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("gongkai/applications/", views.application_index, name="gongkai_application_index"),
        path("gongkai/applications/<int:pk>/", views.application_detail, name="gongkai_application_detail"),
        path(
            "gongkai/applications/<int:pk>/<slug:step>/",
            views.application_step,
            name="gongkai_application_step",
        ),
        path(
            "gongkai/agencies/<slug:code>/applications/new/",
            views.application_intake,
            name="gongkai_application_intake",
        ),
        path(
            "gongkai/agencies/<slug:code>/applications/figures/<int:year>/",
            views.application_figures,
            name="gongkai_application_figures",
        ),
    ]


@hooks.register("register_admin_menu_item")
def applications_menu_item():
    return PermMenuItem(
        "依申请公开",
        reverse("gongkai_application_index"),
        icon_name="mail",
        order=260,
        perm=Perm.VIEW_APPLICATIONS,
    )
