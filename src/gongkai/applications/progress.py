"""Looking up an application's progress with its number and query code, for the API and the portal alike.

Wrong query codes are throttled per client and per number (`gongkai.throttle.lookup`): past
`settings.GONGKAI_LOOKUP_FAILURE_LIMIT` failures within `settings.GONGKAI_LOOKUP_WINDOW_SECONDS`, lookups are
refused for the rest of the window, whoever asks.
"""

from __future__ import annotations

from django.conf import settings

from gongkai import throttle

from .models import Application


def refused_message() -> str:
    return f"查询码错误次数过多，请 {max(1, settings.GONGKAI_LOOKUP_WINDOW_SECONDS // 60)} 分钟后再试。"


def lookup(number: str, query_code: str, client_address: str) -> Application | None:
    """The application with this number and query code, or None (counted as a failure); raises
    `throttle.Throttled` past the limit."""
    return throttle.lookup(
        "applications",
        number.strip(),
        query_code,
        client_address,
        lambda n: Application.objects.filter(number=n),
        limit=settings.GONGKAI_LOOKUP_FAILURE_LIMIT,
        window=settings.GONGKAI_LOOKUP_WINDOW_SECONDS,
        refused=refused_message(),
    )
