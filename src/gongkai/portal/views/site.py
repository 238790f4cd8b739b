"""Small views of the site itself: the health check, the large-font switch and what crawlers and browsers ask of
every government website (robots.txt, sitemap.xml, favicon.ico)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_page
from wagtail.models import Page, Site

from gongkai.cache import PORTAL


def healthz(request):
    """For load balancers and monitoring: the app answers (no database query, nothing cached)."""
    return HttpResponse("ok", content_type="text/plain")


LARGE_FONT_COOKIE = "gongkai_large"


def large_font(request):
    """Switch the large-font (适老化) mode without JavaScript: flip the cookie, go back to `next`."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    on = request.COOKIES.get(LARGE_FONT_COOKIE) != "1"
    response.set_cookie(
        LARGE_FONT_COOKIE,
        "1" if on else "0",
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,  # Secure in production, like the session's
    )
    return response


ROBOTS_DISALLOWED = ("/admin/", "/api/", "/apply/", "/feedback/", "/large-font/", "/*/search/")
"""Staff pages, forms, and the searches (unbounded URLs that only load the server)."""


def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('portal_sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the site's icon."""
    return HttpResponseRedirect(static("portal/favicon.svg"))


class PublicPages(Sitemap):
    """Every live page of the request's Wagtail site without a view restriction (`.live().public()`), in parts of
    `limit` URLs, on the Wagtail site's host name. Drafts, items in the sign-off chain and withheld items are never
    live. Read as rows (path and dates), not as page objects as Wagtail's sitemap does: a part of 5,000 items is
    one query, not 5,000 objects of every page type."""

    limit = 5000

    def __init__(self, request):
        self.request = request
        self.site = Site.find_for_request(request)

    def items(self):
        if self.site is None:
            return Page.objects.none()
        pages = Page.objects.descendant_of(self.site.root_page, inclusive=True).live().public()
        return pages.order_by("path").values_list(
            "url_path", "last_published_at", "latest_revision_created_at", named=True
        )

    def location(self, row) -> str:
        root = self.site.root_page.url_path
        return "/" + row.url_path[len(root) :] if row.url_path.startswith(root) else row.url_path

    def lastmod(self, row):
        return row.last_published_at or row.latest_revision_created_at

    def get_domain(self, site=None) -> str:
        return urlsplit(self.site.root_url).netloc if self.site is not None else super().get_domain(site)


SITEMAPS = {"pages": PublicPages}
_cached = cache_page(
    settings.PORTAL_CACHE_SECONDS, cache=PORTAL
)  # cleared with the portal cache on publishing


@_cached
def sitemap_index(request):
    """sitemap.xml: the index of the sitemap's parts (a site of 100,000 items has more than one)."""
    sitemaps = {name: cls(request) for name, cls in SITEMAPS.items()}
    return sitemap_views.index(request, sitemaps, sitemap_url_name="portal_sitemap_part")


@_cached
def sitemap_part(request, section: str):
    sitemaps = {name: cls(request) for name, cls in SITEMAPS.items()}
    return sitemap_views.sitemap(request, sitemaps, section=section)
