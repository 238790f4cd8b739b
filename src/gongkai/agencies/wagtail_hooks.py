from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .roles import Perm
from .scoping import has_any


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("gongkai/agencies/", views.agency_index, name="gongkai_agency_index"),
        path("gongkai/agencies/<slug:code>/", views.agency_detail, name="gongkai_agency_detail"),
        path("gongkai/agencies/<slug:code>/edit/", views.agency_edit, name="gongkai_agency_edit"),
        path("gongkai/agencies/<slug:code>/history/", views.agency_history, name="gongkai_agency_history"),
        path("gongkai/agencies/<slug:code>/new-child/", views.agency_new, name="gongkai_agency_new"),
        path("gongkai/agencies/<slug:code>/people/new/", views.person_new, name="gongkai_person_new"),
        path(
            "gongkai/agencies/<slug:code>/people/<int:person_id>/roles/",
            views.person_roles,
            name="gongkai_person_roles",
        ),
        path(
            "gongkai/agencies/<slug:code>/people/<int:person_id>/history/",
            views.person_history,
            name="gongkai_person_history",
        ),
    ]


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
        "机关与人员", reverse("gongkai_agency_index"), icon_name="group", order=250, perm=Perm.VIEW_AGENCY
    )
