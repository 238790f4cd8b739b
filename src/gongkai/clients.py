"""The address of the client behind a request, for throttles (never logged, only hashed).

Behind reverse proxies every request comes from the proxy's address, so all applicants would share one
throttle. `GONGKAI_TRUSTED_PROXIES` (an integer, default 0) says how many proxies of our own stand in front of the
application: with n > 0 the client is the n-th address from the right of X-Forwarded-For, the one our nearest
trusted proxy saw. Addresses further left are written by the client and are not trusted.
"""

from __future__ import annotations

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.GONGKAI_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
