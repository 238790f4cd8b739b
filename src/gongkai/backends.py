"""The shared services' settings, built from the environment: caches, file storages and the database's options.

One machine (the embedded default of `make run`): diskcache files, the local disk and SQLite or PostgreSQL. Several
app nodes: Redis (`GONGKAI_REDIS_URL`), an S3-protocol bucket (`GONGKAI_S3_BUCKET`) and PostgreSQL with a pool.
settings.py calls these functions; they read no Django setting, so that settings can load them first.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

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


S3_BACKEND = "storages.backends.s3.S3Storage"


def storages(env: dict, *, static_backend: str) -> dict:
    """Django's STORAGES: the local disk, or an S3-protocol bucket when GONGKAI_S3_BUCKET is set.

    Variables: GONGKAI_S3_ENDPOINT_URL (MinIO, 阿里云 OSS, 华为云 OBS …; unset for AWS), GONGKAI_S3_BUCKET,
    GONGKAI_S3_PRIVATE_BUCKET (default: the same bucket) with GONGKAI_S3_PRIVATE_PREFIX (default "private"),
    GONGKAI_S3_MEDIA_PREFIX (default "media"), GONGKAI_S3_REGION, GONGKAI_S3_ADDRESSING_STYLE ("path" for MinIO,
    "virtual" for OSS; default botocore's "auto"); credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
    (or any other source boto3 reads). Objects are written with a private ACL and never overwritten.
    """
    static = {"staticfiles": {"BACKEND": static_backend}}
    bucket = env.get("GONGKAI_S3_BUCKET", "")
    if not bucket:
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {"BACKEND": "gongkai.storage.LocalPrivateStorage"},
            **static,
        }
    common = {
        "endpoint_url": env.get("GONGKAI_S3_ENDPOINT_URL") or None,
        "region_name": env.get("GONGKAI_S3_REGION") or None,
        "addressing_style": env.get("GONGKAI_S3_ADDRESSING_STYLE") or None,
        "default_acl": "private",
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": 300,
    }
    private_bucket = env.get("GONGKAI_S3_PRIVATE_BUCKET") or bucket
    private_prefix = env.get("GONGKAI_S3_PRIVATE_PREFIX", "private")
    media_prefix = env.get("GONGKAI_S3_MEDIA_PREFIX", "media")
    if private_bucket == bucket and not private_prefix.strip("/"):
        raise ImproperlyConfigured(
            "GONGKAI_S3_PRIVATE_PREFIX may be empty only with a GONGKAI_S3_PRIVATE_BUCKET of its own"
        )
    return {
        "default": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {**common, "bucket_name": bucket, "location": media_prefix},
        },
        "private": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {**common, "bucket_name": private_bucket, "location": private_prefix},
        },
        **static,
    }


def postgresql_options(database: dict, *, pool: str, statement_timeout_ms: int) -> None:
    """Add the pool and the statement timeout to a PostgreSQL database's settings (nothing for SQLite).

    `pool`: "" (none: persistent connections, CONN_MAX_AGE), or the pool's maximum size per process (Django's
    psycopg pool; CONN_MAX_AGE must then be 0). Behind PgBouncer in transaction mode, leave the pool off and set
    DATABASE_CONN_MAX_AGE=0 with DISABLE_SERVER_SIDE_CURSORS. `statement_timeout_ms`: libpq's startup option, so it
    holds for every statement on the connection.
    """
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    options = database.setdefault("OPTIONS", {})
    if pool:
        size = int(pool)
        if size < 1:
            raise ImproperlyConfigured("GONGKAI_DB_POOL must be a positive number of connections")
        options["pool"] = {"min_size": 1, "max_size": size, "timeout": 10}
        database["CONN_MAX_AGE"] = 0
    if statement_timeout_ms:
        options["options"] = f"-c statement_timeout={int(statement_timeout_ms)}"
    if os.environ.get("GONGKAI_DB_DISABLE_SERVER_SIDE_CURSORS") == "1":
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
