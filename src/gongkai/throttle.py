"""What the public side of applications and feedback shares: query codes, fixed-window rate limits, and the lookup
of a case by its number and query code with wrong codes throttled.

Query codes are random (10 characters of 31, about 49 bits), shown once on the receipt and kept only as a keyed
hash. A rate limit counts events per key in Django's default cache: the first event of a window creates the counter
for `window` seconds (a fixed window), every later one increments it atomically, and the event is refused when the
count passes the limit — increment first, then check, so that concurrent requests cannot all pass a limit, and a
refused request counts too. Keys hold hashes (no addresses, numbers or other personal data in the cache). The cache
must be shared by every app server (diskcache under var/ on one machine, Redis for several, where both steps
run as one script on the server).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.utils.crypto import constant_time_compare, salted_hmac

log = logging.getLogger(__name__)

# No 0/O, 1/I/L: a code read out over the phone or copied from paper.
QUERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 10
_QUERY_SALT = "gongkai.applications.query-code"  # kept as it was first used: stored hashes depend on it


class Throttled(Exception):
    """Too many requests from this client (or for this number) in the window; the message says so in Chinese."""


# -- query codes ----------------------------------------------------------------------------------------------


def _digest(code: str) -> str:
    """Keyed hash of a query code.

    The code is random rather than chosen by a person, so a slow password hash buys nothing; an HMAC keyed with
    SECRET_KEY keeps a leaked table useless without the key and keeps each submission and lookup cheap (a lookup
    endpoint must not be a CPU sink).
    """
    return salted_hmac(_QUERY_SALT, code.strip().upper(), algorithm="sha256").hexdigest()


def new_query_code() -> tuple[str, str]:
    """A fresh query code and its stored hash (the code itself is shown once, on the receipt)."""
    code = "".join(secrets.choice(QUERY_ALPHABET) for _ in range(QUERY_CODE_LENGTH))
    return code, _digest(code)


def query_code_matches(code: str, hashed: str) -> bool:
    return constant_time_compare(_digest(code), hashed)


# -- fixed-window rate limits ---------------------------------------------------------------------------------


def hashed(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:24]


# On Redis each step is one server-side script, so that the counter and its expiry are set together: Django's
# RedisCache.incr checks that the key exists and then increments it, and a key that expired between the two would
# be recreated without an expiry (a client refused forever, or a give-back that outlives its window).
_REDIS_INCREMENT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""
_REDIS_GIVE_BACK = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end
return 0
"""


def _redis(key: str):
    """The raw Redis client and the full key when the default cache is Redis, else (None, key)."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None, key
    full = backend.make_and_validate_key(key)
    return backend._cache.get_client(full, write=True), full


def _increment(key: str, window: int) -> int:
    client, full = _redis(key)
    if client is not None:
        return int(client.eval(_REDIS_INCREMENT, 1, full, max(1, int(window))))
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between the two calls: this event opens the next one
        return 1 if cache.add(key, 1, window) else cache.incr(key)


def hit(keys: Iterable[str], limit: int, window: int) -> bool:
    """Count one event under each key; whether it stays within `limit` events per `window` seconds under all."""
    counts = [_increment(key, window) for key in keys]
    return all(count <= limit for count in counts)


def give_back(keys: Iterable[str]) -> None:
    """Take back one event counted by `hit` (a lookup that found its case counts as no failure)."""
    for key in keys:
        client, full = _redis(key)
        if client is not None:
            client.eval(_REDIS_GIVE_BACK, 1, full)
            continue
        with contextlib.suppress(ValueError):  # the window has ended meanwhile
            cache.decr(key)


NUMBER_LIMIT_FACTOR = 10
"""Failures for one number, from all clients together, as a multiple of the per-client limit."""


def client_key(scope: str, client_address: str) -> str:
    return f"gongkai:{scope}:client:{hashed(client_address)}"


# -- the throttled lookup -------------------------------------------------------------------------------------


class HasQueryCode(Protocol):
    query_code_hash: str


Case = TypeVar("Case", bound=HasQueryCode)


def lookup(
    scope: str,
    number: str,
    query_code: str,
    client_address: str,
    candidates: Callable[[str], Iterable[Case]],
    *,
    limit: int,
    window: int,
    refused: str,
) -> Case | None:
    """The case among `candidates(number)` whose query code matches, or None (a failed attempt).

    Attempts are counted per client, per client and number, and per number: past `limit` failures within
    `window` seconds from this client (for any number) every lookup of the client is refused (`Throttled` with the
    message `refused`); a number is refused to everyone only past `NUMBER_LIMIT_FACTOR` × `limit` failures, so
    that a stranger's five wrong codes do not lock the real applicant out, while a number still cannot be
    guessed at from many addresses (10 characters of 31 against a few dozen tries). A successful lookup counts
    as no failure.
    """
    client = client_key(f"{scope}-lookup", client_address)
    number_key = f"gongkai:{scope}-lookup:number:{hashed(number)}"
    keys = [client, number_key]
    within = hit([client], limit, window)
    within = hit([number_key], limit * NUMBER_LIMIT_FACTOR, window) and within  # both count, always
    if not within:
        log.warning("%s lookup throttled", scope)
        raise Throttled(refused)
    for case in candidates(number):
        if query_code_matches(query_code, case.query_code_hash):
            give_back(keys)
            return case
    return None
