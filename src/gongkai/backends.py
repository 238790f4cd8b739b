"""The shared services' settings, built from the environment: caches, file storages and the database's options.

One machine (the embedded default of `make run`): diskcache files, the local disk and SQLite or PostgreSQL. Several
app nodes: Redis (`GONGKAI_REDIS_URL`), an S3-protocol bucket (`GONGKAI_S3_BUCKET`) and PostgreSQL with a pool.
settings.py calls these functions; they import nothing from Django, so that settings can load them first.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"


def _redis_database(url: str, offset: int) -> str:
    """The same Redis server at database number N + offset (N from the URL's path, 0 if none)."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or "0") + offset
    return urlunsplit(parts._replace(path=f"/{number}"))


def caches(var_dir: Path, redis_url: str, *, portal_bytes: int) -> dict:
    """Django's CACHES: diskcache under var/cache, or Redis when `redis_url` is set.

    With Redis the portal cache gets a database of its own (N + 1): clearing it (every publication) is Redis's
    FLUSHDB, which must not wipe the rate limits' counters in database N.
    """
    if redis_url:
        return {
            "default": {"BACKEND": REDIS_BACKEND, "LOCATION": redis_url, "KEY_PREFIX": "gongkai"},
            "portal": {
                "BACKEND": REDIS_BACKEND,
                "LOCATION": _redis_database(redis_url, 1),
                "KEY_PREFIX": "gongkai-portal",
            },
        }
    return {
        "default": {
            "BACKEND": "gongkai.cache.SharedDiskCache",
            "LOCATION": str(var_dir / "cache" / "default"),
            "OPTIONS": {"size_limit": 64 * 2**20},
        },
        "portal": {
            "BACKEND": "gongkai.cache.SharedDiskCache",
            "LOCATION": str(var_dir / "cache" / "portal"),
            "OPTIONS": {"size_limit": portal_bytes},
        },
    }
