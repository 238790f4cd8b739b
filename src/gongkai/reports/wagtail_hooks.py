from django.urls import path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import review_views, views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("gongkai/audits/", views.audit_index, name="gongkai_audit_index"),
        path("gongkai/audits/upload/", views.audit_upload, name="gongkai_audit_upload"),
        path("gongkai/audits/<int:pk>/", views.audit_detail, name="gongkai_audit_detail"),
        path("gongkai/audits/<int:pk>/file/", views.audit_file, name="gongkai_audit_file"),
        path("gongkai/audits/<int:pk>/json/", views.audit_json, name="gongkai_audit_json"),
    ]


@hooks.register("register_admin_menu_item")
def audits_menu_item():
    return PermMenuItem(
        "年度报告检查",
        reverse("gongkai_audit_index"),
        icon_name="doc-full",
        order=300,
        perm=Perm.AUDIT_REPORTS,
    )


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path(
            "gongkai/reports/<slug:code>/<int:year>/review/",
            review_views.report_review,
            name="gongkai_report_review",
        ),
        path(
            "gongkai/reports/supervision/",
            review_views.supervision_index,
            name="gongkai_report_supervision_index",
        ),
        path(
            "gongkai/reports/supervision/<slug:code>/<int:year>/",
            review_views.supervision_detail,
            name="gongkai_report_supervision",
        ),
        path(
            "gongkai/reports/supervision/<slug:code>/<int:year>/xlsx/",
            review_views.supervision_xlsx,
            name="gongkai_report_supervision_xlsx",
        ),
    ]


@hooks.register("register_admin_menu_item")
def supervision_menu_item():
    return PermMenuItem(
        "年度报告监督",
        reverse("gongkai_report_supervision_index"),
        icon_name="view",
        order=310,
        perm=Perm.SUPERVISE,
    )


@hooks.register("construct_homepage_panels")
def annual_report_desk_panel(request, panels):
    panels.append(review_views.DeskPanel())


@hooks.register("register_admin_urls")
def register_draft_urls():
    from . import draft_views

    base = "gongkai/reports/<slug:code>/<int:year>/draft/"
    return [
        path("gongkai/reports/", draft_views.report_index, name="gongkai_report_drafts"),
        path(base, draft_views.report_draft, name="gongkai_report_draft"),
        path(f"{base}prose/<slug:section>/", draft_views.report_prose, name="gongkai_report_prose"),
        path(f"{base}cells/<str:key>/", draft_views.report_cell, name="gongkai_report_cell"),
        path(f"{base}file/<slug:fmt>/", draft_views.report_file, name="gongkai_report_file"),
    ]


@hooks.register("register_admin_menu_item")
def drafts_menu_item():
    return PermMenuItem(
        "年度报告编写",
        reverse("gongkai_report_drafts"),
        icon_name="doc-full-inverse",
        order=305,
        perm=Perm.VIEW_REPORTS,
    )
