"""The portal's home page as the site root (replacing Wagtail's welcome page). Idempotent."""

from __future__ import annotations

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .models import PortalHomePage

INTRO = (
    "<p>本平台依据《中华人民共和国政府信息公开条例》，集中发布经开区各机关主动公开的政府信息，"
    "受理政府信息公开申请，并发布各机关的政府信息公开工作年度报告。</p>"
)


def load() -> None:
    if PortalHomePage.objects.exists():
        return
    # Wagtail's migrations create the locale and the tree's root; a flushed database lacks them.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
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
