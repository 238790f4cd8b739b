"""Annual reports in the Wagtail admin: their URLs, menu items and the desk's panel."""

from django.urls import include, path, reverse
from wagtail import hooks

from gongkai.agencies.roles import Perm
from gongkai.agencies.wagtail_hooks import PermMenuItem

from . import admin_urls
from .views.supervision import DeskPanel


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("gongkai/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def audits_menu_item():
    return PermMenuItem(
        "年度报告检查", reverse("reports:audits"), icon_name="doc-full", order=300, perm=Perm.AUDIT_REPORTS
    )


@hooks.register("register_admin_menu_item")
def drafts_menu_item():
    return PermMenuItem(
        "年度报告编写",
        reverse("reports:index"),
        icon_name="doc-full-inverse",
        order=305,
        perm=Perm.VIEW_REPORTS,
    )


@hooks.register("register_admin_menu_item")
def supervision_menu_item():
    return PermMenuItem(
        "年度报告监督",
        reverse("reports:supervision_index"),
        icon_name="view",
        order=310,
        perm=Perm.SUPERVISE,
    )


@hooks.register("construct_homepage_panels")
def annual_report_desk_panel(request, panels):
    panels.append(DeskPanel())
