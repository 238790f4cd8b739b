"""Looking up an application's progress with its number and query code, for the API and the portal alike.

Wrong query codes are counted in Django's cache per client address and per number (both hashed, so no
personal data or raw numbers are kept); past the limit, lookups are refused for a while, whoever asks.
"""

from __future__ import annotations

import logging

from . import numbering, ratelimit
from .models import Application

log = logging.getLogger(__name__)

LOOKUP_FAILURE_LIMIT = 5
LOOKUP_WINDOW_SECONDS = 15 * 60


class Throttled(Exception):
    """Too many wrong query codes from this client or for this number; try again later."""


def _failure_keys(client_address: str, number: str) -> list[str]:
    return [
        f"gongkai:lookup-fail:client:{ratelimit.hashed(client_address)}",
        f"gongkai:lookup-fail:number:{ratelimit.hashed(number)}",
    ]


def lookup(number: str, query_code: str, client_address: str) -> Application | None:
    """The application with this number and query code, or None (counted as a failure).

    Raises `Throttled` when the client or the number has had too many failures in the window.
    """
    number = number.strip()
    keys = _failure_keys(client_address, number)
    if ratelimit.reached(keys, LOOKUP_FAILURE_LIMIT):
        log.warning("application lookup throttled")
        raise Throttled
    for app in Application.objects.filter(number=number):
        if numbering.query_code_matches(query_code, app.query_code_hash):
            return app
    ratelimit.count(keys, LOOKUP_WINDOW_SECONDS)
    return None
