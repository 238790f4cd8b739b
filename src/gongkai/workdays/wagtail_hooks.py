from django.urls import path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("gongkai/calendar/", views.calendar_index, name="gongkai_calendar_index"),
        path("gongkai/calendar/new/", views.calendar_edit, name="gongkai_calendar_new"),
        path("gongkai/calendar/import/", views.calendar_import, name="gongkai_calendar_import"),
        path("gongkai/calendar/<int:year>/", views.calendar_year, name="gongkai_calendar_year"),
        path("gongkai/calendar/<int:year>/edit/", views.calendar_edit, name="gongkai_calendar_edit"),
    ]


@hooks.register("register_admin_menu_item")
def calendar_menu_item():
    return PermMenuItem(
        "工作日历", reverse("gongkai_calendar_index"), icon_name="date", order=900, perm=Perm.VIEW_AGENCY
    )
