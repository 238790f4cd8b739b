"""A shared cache of the public Wagtail pages (column, catalogue, search, items, guide) for anonymous visitors.

Why: every page request otherwise routes through Wagtail's page tree and renders metadata tables; the portal's
latency target (p95 ≤ 100 ms under 32 clients on 2 cores, benchmarks/portal.py) cannot be met by rendering each
time. What is cached: GET/HEAD of a page Wagtail serves, for a visitor without a session, when the response is a
plain 200 that sets no cookie and does not vary on cookies (so a page with a form and its CSRF token never is).
The key is the full path with its query and the large-font switch. Entries live `PORTAL_CACHE_SECONDS` at most and
the whole cache is cleared whenever a page is published, unpublished or deleted (Wagtail's signals, including
scheduled publishing) or an agency's record changes (the guide and the columns show its contacts), so a published
change shows at once. The cache is file based under var/ so that all
worker processes share it and one clearing reaches them all.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.urls import Resolver404, resolve
from wagtail.signals import page_published, page_unpublished

from .site_views import LARGE_FONT_COOKIE

ALIAS = "portal"
_SERVE = "wagtail_serve"


def _cache():
    return caches[ALIAS]


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    try:
        return resolve(request.path_info).url_name == _SERVE
    except Resolver404:
        return False


def _key(request) -> str:
    large = request.COOKIES.get(LARGE_FONT_COOKIE, "")
    digest = hashlib.sha256(f"{request.get_full_path()}|{large}".encode()).hexdigest()
    return f"page:{digest}"


def _storable(response) -> bool:
    vary = response.get("Vary", "").lower()
    control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.cookies
        and "cookie" not in vary
        and "private" not in control
        and "no-cache" not in control
        and not getattr(response, "streaming", False)
    )


class PortalPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = _cache().get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if _storable(response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            _cache().set(key, response, settings.PORTAL_CACHE_SECONDS)
        return response


def clear(**_kwargs) -> None:
    _cache().clear()


def connect() -> None:
    """Clear the cache whenever what the public sees changes (called from the app's ready())."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page

    from gongkai.agencies.models import Agency

    page_published.connect(clear, dispatch_uid="portal_cache_published")
    page_unpublished.connect(clear, dispatch_uid="portal_cache_unpublished")
    post_delete.connect(clear, sender=Page, dispatch_uid="portal_cache_deleted")
    post_save.connect(clear, sender=Agency, dispatch_uid="portal_cache_agency")
