"""A shared cache of the public pages (column, catalogue, search, items, guide, the site search) for anonymous visitors.

Why: every page request otherwise routes through Wagtail's page tree and renders metadata tables; the portal's
latency target (p95 ≤ 100 ms under 32 clients on 2 cores, benchmarks/portal.py) cannot be met by rendering each
time. What is cached: GET/HEAD of a page Wagtail serves, for a visitor without a session, when the response is a
plain 200 that sets no cookie and does not vary on cookies (so a page with a form and its CSRF token never is).
The key is the full path with its query and the large-font switch. Entries live `PORTAL_CACHE_SECONDS` at most and
the whole cache is cleared whenever a page is published, unpublished, deleted or moved (Wagtail's signals, including
scheduled publishing), an agency's record changes (the guide and the columns show its contacts), a site or a view
restriction or the site's furniture (PortalSettings) changes, or the database is migrated (a deployment), so a published change shows at once. The
cache lives under var/ (diskcache, gongkai/cache.py) so that all worker processes share it and one clearing
reaches them all. Publishing's column data (publishing/columns.py) is kept in it for the same reasons.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.urls import Resolver404, resolve
from wagtail.signals import page_published, page_unpublished, post_page_move

from gongkai.cache import PORTAL as ALIAS

from .views.site import LARGE_FONT_COOKIE

_PAGE_VIEWS = {
    "wagtail_serve",
    "portal_column",
    "portal_search",
}  # Wagtail's serve, the shortcut, site search


def _cache():
    return caches[ALIAS]


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    try:
        return resolve(request.path_info).url_name in _PAGE_VIEWS
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


def clear_on_commit(**_kwargs) -> None:
    """Clear now and again once the change is committed: a request served between the two could otherwise keep
    what the transaction replaces."""
    clear()
    transaction.on_commit(clear)


def connect(app_config) -> None:
    """Clear the cache whenever what the public sees changes (called from the app's ready()).

    Also after every migrate (a deployment): cached pages and column data were made by the previous code.
    """
    from django.db.models.signals import post_delete, post_migrate, post_save
    from wagtail.models import Page, PageViewRestriction, Site

    from gongkai.agencies.models import Agency
    from gongkai.portal.models import PortalSettings

    page_published.connect(clear_on_commit, dispatch_uid="portal_cache_published")
    page_unpublished.connect(clear_on_commit, dispatch_uid="portal_cache_unpublished")
    post_page_move.connect(clear_on_commit, dispatch_uid="portal_cache_moved")
    post_delete.connect(clear_on_commit, sender=Page, dispatch_uid="portal_cache_deleted")
    for model in (Agency, Site, PageViewRestriction, PortalSettings):
        post_save.connect(clear_on_commit, sender=model, dispatch_uid=f"portal_cache_saved_{model.__name__}")
        post_delete.connect(clear_on_commit, sender=model, dispatch_uid=f"portal_cache_gone_{model.__name__}")
    post_migrate.connect(clear, sender=app_config, dispatch_uid="portal_cache_migrated")
