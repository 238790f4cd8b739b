from django.urls import path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import views


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
