"""The task workers' heartbeat: every `gongkai db_worker` writes the time into the shared cache, from a thread of its
own (so a long task does not stop it); `/readyz` reports the workers missing when no heartbeat is recent.

The default cache is the one every node shares (diskcache on one machine, Redis for several), so one web node sees
the heartbeat of a worker on another. The entry expires after GONGKAI_WORKER_HEARTBEAT_SECONDS; the workers renew
it four times as often.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches

log = logging.getLogger(__name__)
KEY = "gongkai:ops:worker-heartbeat"


def max_age() -> int:
    return settings.GONGKAI_WORKER_HEARTBEAT_SECONDS


def beat(worker_id: str) -> None:
    caches["default"].set(KEY, {"at": time.time(), "worker": worker_id}, max_age())


def last() -> float | None:
    """When a worker last beat, if within the allowed age."""
    entry = caches["default"].get(KEY)
    if not entry or time.time() - entry["at"] > max_age():
        return None
    return entry["at"]


def start(worker_id: str) -> threading.Event:
    """Beat now and then every quarter of the allowed age, until the returned event is set or the process ends."""
    stop = threading.Event()

    def run() -> None:
        while True:
            try:
                beat(worker_id)
            except Exception:  # a cache outage must not stop the worker; readyz names the cache then
                log.warning("worker heartbeat failed", exc_info=True)
            if stop.wait(max(1.0, max_age() / 4)):
                return

    threading.Thread(target=run, name="gongkai-heartbeat", daemon=True).start()
    return stop
