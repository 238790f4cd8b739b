"""Template tags of the public pages: breadcrumbs, the feedback link of a page, the footer's site furniture and the
frame's fixed links."""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.urls import get_script_prefix, reverse
from django.utils.http import urlencode
from wagtail.models import Page, Site

from gongkai.cache import PORTAL
from gongkai.portal.models import PortalSettings, agency_of

register = template.Library()


@register.simple_tag
def fixed_url(name: str) -> str:
    """``{% url name %}`` of a URL without arguments, worked out once per process and script prefix: the frame
    of every public page links to four of them."""
    return _fixed_url(name, get_script_prefix())


@functools.cache
def _fixed_url(name: str, _prefix: str) -> str:
    return reverse(name)


@register.inclusion_tag("portal/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail to the current page: a view's own `breadcrumbs` [(url, label)], or a Wagtail page's ancestors.

    The site's root page is 首页; pages above it (Wagtail's tree root) are left out. The crumb of the URL being
    shown is marked as the current page (a sub-view of a routable page, e.g. the catalogue, marks none). One query (the ancestors):
    the URLs come from the pages' `url_path` and Wagtail's cached site root paths.
    """
    crumbs = context.get("breadcrumbs")
    page = context.get("page")
    if not isinstance(page, Page):  # a routable page's sub-view may use `page` for something else
        page = context.get("self")
    if crumbs is None and isinstance(page, Page):
        roots = [r.root_path for r in Site.get_site_root_paths() if page.url_path.startswith(r.root_path)]
        root = max(roots, key=len) if roots else None
        crumbs = []
        if root is not None:
            for ancestor in (
                page.get_ancestors(inclusive=True).filter(url_path__startswith=root).only("title", "url_path")
            ):
                label = "首页" if ancestor.url_path == root else ancestor.title
                crumbs.append(("/" + ancestor.url_path[len(root) :], label))
    request = context.get("request")
    return {"crumbs": crumbs or [], "current": request.path if request is not None else ""}


@register.simple_tag
def feedback_url(page) -> str:
    """The URL of the feedback form about `page` (its agency's form with `?item=`), or '' when it has no agency."""
    agency = agency_of(page)
    if agency is None:
        return ""
    return f"{reverse('portal_feedback', args=[agency.code])}?{urlencode({'item': page.pk})}"


FURNITURE_FIELDS = ("host_organisation", "organiser_contact", "site_code", "icp_number", "police_number")


@register.inclusion_tag("portal/_furniture.html", takes_context=True)
def site_furniture(context):
    """The footer's 主办单位, 网站标识码, ICP 备案号 and 公安备案号 of the request's site (PortalSettings).

    Kept in the portal cache by host (cleared when the setting is saved: page_cache.connect), so that a first
    view of a page costs no site or settings query. Nothing without a request (the 500 page) or for a host the
    site does not serve (the 400 page of a DisallowedHost).
    """
    request = context.get("request")
    try:
        host = request.get_host() if request is not None else None
    except DisallowedHost:
        host = None
    if host is None:
        return {"furniture": None}
    cache = caches[PORTAL]
    key = f"furniture:{host}"
    furniture = cache.get(key)
    if furniture is None:
        site = Site.find_for_request(request)
        found = PortalSettings.objects.filter(site=site).first() if site is not None else None
        found = found or PortalSettings()
        furniture = {name: getattr(found, name) for name in FURNITURE_FIELDS}
        furniture["police_record_code"] = found.police_record_code()
        cache.set(key, furniture, settings.PORTAL_CACHE_SECONDS)
    return {"furniture": furniture if any(furniture.values()) else None}
