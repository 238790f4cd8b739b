"""`/readyz` (may this node serve: database, cache, storage, a recent worker heartbeat) and `/metrics` (Prometheus).

`/healthz` (the process answers) is the portal's. `/readyz` answers 200 with each part "ok", or 503 naming the
failing parts; it is for monitoring and orchestrators (a dead worker makes every node "not ready", which a load
balancer must not act on; nginx's upstreams do not read it). `/metrics` is not public: with
GONGKAI_METRICS_TOKEN set it needs `Authorization: Bearer <token>`; without, only a direct request from the
loopback (no X-Forwarded-For, i.e. not through the proxy) gets it. Everyone else gets 404.
"""

from __future__ import annotations

import logging
import os
import time

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

from . import heartbeat, metrics

log = logging.getLogger(__name__)
LOOPBACK = {"127.0.0.1", "::1"}


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    cache = caches["default"]
    key = f"gongkai:ops:readyz:{os.getpid()}"
    cache.set(key, 1, 30)
    if cache.get(key) != 1:
        raise RuntimeError("the cache does not keep what it is given")


def _storage() -> None:
    storages["private"].exists("readyz-probe")  # a round trip to the disk or the bucket


def _worker() -> None:
    if heartbeat.last() is None:
        raise RuntimeError(f"no db_worker heartbeat within {heartbeat.max_age()} s")


CHECKS = {"database": _database, "cache": _cache, "storage": _storage, "worker": _worker}


@never_cache
def readyz(request):
    parts, failing = {}, []
    for name, check in CHECKS.items():
        try:
            check()
            parts[name] = "ok"
        except Exception as exc:
            log.warning("readiness check %s failed: %s", name, exc)
            parts[name] = f"failed: {type(exc).__name__}"
            failing.append(name)
    body = {
        "status": "failing" if failing else "ok",
        "failing": failing,
        "checks": parts,
        "at": int(time.time()),
    }
    return JsonResponse(body, status=503 if failing else 200)


def _allowed(request) -> bool:
    token = settings.GONGKAI_METRICS_TOKEN
    if token:
        return constant_time_compare(request.headers.get("Authorization", ""), f"Bearer {token}")
    return request.META.get("REMOTE_ADDR") in LOOPBACK and "HTTP_X_FORWARDED_FOR" not in request.META


@never_cache
def metrics_view(request):
    if not _allowed(request):
        raise Http404
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:  # gunicorn's worker processes, added up
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    body = generate_latest(registry) + generate_latest(metrics.work_registry())
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
