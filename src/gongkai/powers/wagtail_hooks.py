from django.urls import path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import import_views, views

_BASE = "gongkai/powers/<slug:code>"


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("gongkai/powers/", views.index, name="gongkai_powers_index"),
        path(f"{_BASE}/<int:year>/", views.year_detail, name="gongkai_powers_year"),
        path(f"{_BASE}/<int:year>/start/", views.start_year, name="gongkai_powers_start"),
        path(f"{_BASE}/<int:year>/history/", views.list_history, name="gongkai_powers_history"),
        path(f"{_BASE}/<int:year>/import/", import_views.import_decisions, name="gongkai_powers_import"),
        path(
            f"{_BASE}/<int:year>/import/<int:pk>/", import_views.import_job, name="gongkai_powers_import_job"
        ),
        path(
            f"{_BASE}/<int:year>/import/<int:pk>/status/",
            import_views.import_status,
            name="gongkai_powers_import_status",
        ),
        path(f"{_BASE}/<int:year>/<slug:kind>/new/", views.entry_edit, name="gongkai_powers_entry_new"),
        path(f"{_BASE}/<int:year>/<slug:kind>/<int:pk>/", views.entry_edit, name="gongkai_powers_entry_edit"),
        path(f"{_BASE}/cases/", views.case_index, name="gongkai_appeal_index"),
        path(f"{_BASE}/cases/new/", views.case_edit, name="gongkai_appeal_new"),
        path(f"{_BASE}/cases/<int:pk>/", views.case_edit, name="gongkai_appeal_edit"),
    ]


@hooks.register("register_admin_menu_item")
def powers_menu_item():
    return PermMenuItem(
        "权责事项与复议诉讼",
        reverse("gongkai_powers_index"),
        icon_name="list-ul",
        order=280,
        perm=Perm.VIEW_POWERS,
    )
