from django.urls import path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import intake_views, settings_views, views
from .notify import DuePanel


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


@hooks.register("register_admin_urls")
def register_intake_urls():
    return [
        path(
            "gongkai/applications/attachments/<int:pk>/",
            intake_views.attachment_download,
            name="gongkai_application_attachment",
        ),
        path(
            "gongkai/applications/<int:pk>/intake/split/",
            intake_views.application_split,
            name="gongkai_application_split",
        ),
        path(
            "gongkai/agencies/<slug:code>/applications/statistics/<int:year>/",
            intake_views.application_statistics,
            name="gongkai_application_statistics",
        ),
        path(
            "gongkai/agencies/<slug:code>/applications/numbering/",
            settings_views.number_settings,
            name="gongkai_application_number_settings",
        ),
    ]


@hooks.register("construct_homepage_panels")
def due_applications_panel(request, panels):
    panels.insert(0, DuePanel(request.user))


@hooks.register("register_admin_urls")
def register_letter_urls():
    from . import letter_views

    return [
        path(
            "gongkai/applications/<int:pk>/letters/<int:event>/",
            letter_views.letter_new,
            name="gongkai_application_letter_new",
        ),
        path(
            "gongkai/applications/letters/<int:pk>/<str:fmt>/",
            letter_views.letter_download,
            name="gongkai_application_letter_download",
        ),
        path(
            "gongkai/agencies/<slug:code>/letter-templates/",
            letter_views.template_index,
            name="gongkai_letter_template_index",
        ),
        path(
            "gongkai/agencies/<slug:code>/letter-templates/<str:key>/",
            letter_views.template_edit,
            name="gongkai_letter_template_edit",
        ),
    ]
