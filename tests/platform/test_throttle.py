"""Rate limits hold under concurrency, on both cache backends of production (diskcache under var/, shared by every
worker of one machine; Redis, shared by several app nodes): 50 attempts at once against a limit of 5 let exactly 5 through, count the refused ones too, and a
throttled lookup checks the query code of at most 5 of 50 concurrent guesses, all of them counted."""

from __future__ import annotations

import threading

import pytest
from django.core.cache import cache

from gongkai import backends, throttle

import live_services as services

ATTEMPTS, LIMIT, WINDOW = 50, 5, 600


@pytest.fixture(params=["diskcache", "redis"])
def shared_cache(request, settings, tmp_path):
    """A production backend (the settings' own choice, gongkai/backends.py): diskcache in a directory of the
    test's own, or the machine's Redis; each thread opens its own connection to it."""
    redis_url = services.redis_url() if request.param == "redis" else ""
    settings.CACHES = backends.caches(tmp_path, redis_url, portal_bytes=2**20)
    cache.clear()
    yield cache
    cache.clear()


def _at_once(attempt) -> list:
    start = threading.Barrier(ATTEMPTS)
    results: list = []
    lock = threading.Lock()

    def run():
        start.wait()
        outcome = attempt()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_fifty_concurrent_attempts_pass_a_limit_of_five_exactly(shared_cache):
    key = throttle.client_key("test-submit", "192.0.2.1")
    results = _at_once(lambda: throttle.hit([key], LIMIT, WINDOW))
    assert results.count(True) == LIMIT and len(results) == ATTEMPTS
    assert shared_cache.get(key) == ATTEMPTS  # the refused attempts are counted too
    assert not throttle.hit([key], LIMIT, WINDOW)
    assert throttle.hit([throttle.client_key("test-submit", "192.0.2.2")], LIMIT, WINDOW)  # another client


def test_concurrent_wrong_guesses_are_checked_at_most_limit_times(shared_cache):
    checked = []

    def candidates(number):
        checked.append(number)
        return []

    def guess():
        try:
            return throttle.lookup(
                "test",
                "经开人社依申〔2026〕0001号",
                "WRONGCODE2",
                "192.0.2.1",
                candidates,
                limit=LIMIT,
                window=WINDOW,
                refused="查询码错误次数过多",
            )
        except throttle.Throttled as refused:
            return str(refused)

    results = _at_once(guess)
    # each attempt counts under two keys (the client, the number); racing attempts may each pass one and be
    # stopped by the other, so fewer may get through — never more
    assert 1 <= len(checked) <= LIMIT
    assert results.count(None) == len(checked) and results.count("查询码错误次数过多") == ATTEMPTS - len(
        checked
    )
    number_key = f"gongkai:test-lookup:number:{throttle.hashed('经开人社依申〔2026〕0001号')}"
    assert (
        shared_cache.get(number_key)
        == shared_cache.get(throttle.client_key("test-lookup", "192.0.2.1"))
        == 50
    )
