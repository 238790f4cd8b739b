"""The portal's home page as the site root (replacing Wagtail's welcome page). Idempotent."""

from __future__ import annotations

from wagtail.models import Page, Site

from .models import PortalHomePage

INTRO = (
    "<p>本平台依据《中华人民共和国政府信息公开条例》，集中发布经开区各机关主动公开的政府信息，"
    "受理政府信息公开申请，并发布各机关的政府信息公开工作年度报告。</p>"
)


def load() -> None:
    if PortalHomePage.objects.exists():
        return
    root = Page.get_first_root_node()
    home = root.add_child(instance=PortalHomePage(title="经开区政府信息公开", slug="portal", intro=INTRO))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="经开区政府信息公开",
        )
    else:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "经开区政府信息公开"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()
