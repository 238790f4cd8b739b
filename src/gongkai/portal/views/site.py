"""Small views of the site itself: the health check and the large-font switch."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


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
