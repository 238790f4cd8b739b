"""Counting events per client in Django's cache, for throttles: the progress lookup and new submissions.

Keys hold a hash of the client's address (no personal data in the cache). A counter starts with its first event
and expires `window` seconds later (a fixed window). The cache must be shared by all app servers in production
(e.g. Redis or the database cache); the default local-memory cache counts per process.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)


def hashed(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:24]


def count(keys: list[str], window: int) -> None:
    """Add one event to each counter (creating it for `window` seconds)."""
    for key in keys:
        if cache.add(key, 1, window):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, window)


def reached(keys: list[str], limit: int) -> bool:
    """Whether any counter has reached `limit`."""
    return any((cache.get(key) or 0) >= limit for key in keys)


# -- new applications (portal form and API) -----------------------------------------------------------


class SubmissionThrottled(Exception):
    """Too many applications from this client in the window; the message says when to try again."""

    def __init__(self):
        minutes = max(1, settings.GONGKAI_SUBMISSION_WINDOW_SECONDS // 60)
        super().__init__(
            f"提交过于频繁：同一网络地址 {minutes} 分钟内最多提交 {settings.GONGKAI_SUBMISSION_LIMIT} 件申请，"
            "请稍后再试。"
        )


def _submission_keys(client_address: str) -> list[str]:
    return [f"gongkai:submit:client:{hashed(client_address)}"]


def check_submission(client_address: str) -> None:
    """Raise SubmissionThrottled when this client has submitted the limit within the window."""
    if reached(_submission_keys(client_address), settings.GONGKAI_SUBMISSION_LIMIT):
        log.warning("application submission throttled")
        raise SubmissionThrottled


def count_submission(client_address: str) -> None:
    """Count one accepted submission of this client."""
    count(_submission_keys(client_address), settings.GONGKAI_SUBMISSION_WINDOW_SECONDS)
