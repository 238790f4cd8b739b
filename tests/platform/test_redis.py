"""GONGKAI_REDIS_URL puts every shared cache on the machine's Redis (gongkai/backends.py): the rate limits and
Wagtail's site paths in database N, the portal's pages in N + 1, so that clearing the pages (every publication,
Redis's FLUSHDB) leaves the counters alone; and a page cached by one process is cleared for all of them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.cache import caches

from gongkai import backends, throttle
from gongkai.portal import page_cache

import live_services as services


@pytest.fixture
def redis_caches(settings, tmp_path):
    settings.CACHES = backends.caches(tmp_path, services.redis_url(), portal_bytes=2**20)
    for alias in ("default", "portal"):
        caches[alias].clear()
    yield settings.CACHES
    for alias in ("default", "portal"):
        caches[alias].clear()


def test_without_redis_the_caches_stay_diskcache_under_var(tmp_path):
    configured = backends.caches(tmp_path, "", portal_bytes=2**20)
    assert {entry["BACKEND"] for entry in configured.values()} == {"gongkai.cache.SharedDiskCache"}
    assert configured["portal"]["LOCATION"] == str(tmp_path / "cache" / "portal")


def test_the_portal_cache_has_a_redis_database_of_its_own(redis_caches):
    assert redis_caches["default"]["LOCATION"].endswith(f"/{services.REDIS_TEST_DB}")
    assert redis_caches["portal"]["LOCATION"].endswith(f"/{services.REDIS_TEST_DB + 1}")
    key = throttle.client_key("test-submit", "192.0.2.9")
    assert throttle.hit([key], 5, 600)
    caches["portal"].set("page:x", "cached page", 60)
    page_cache.clear()
    assert caches["portal"].get("page:x") is None
    assert caches["default"].get(key) == 1  # the rate limit's counter survives a publication


@pytest.mark.django_db
def test_wagtails_site_paths_are_cached_in_redis(redis_caches):
    from wagtail.models import Site
    from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

    Site.get_site_root_paths()
    assert caches["default"].get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION) is not None


def test_a_page_cached_by_one_process_is_cleared_by_another(redis_caches):
    caches["portal"].set("page:shared", "rendered", 60)
    environment = {
        **os.environ,
        "GONGKAI_REDIS_URL": services.redis_url(),
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    code = (
        "import django; django.setup()\n"
        "from django.core.cache import caches\n"
        "assert caches['portal'].get('page:shared') == 'rendered'\n"
        "from gongkai.portal import page_cache; page_cache.clear()\n"
    )
    subprocess.run([sys.executable, "-c", code], env=environment, check=True, timeout=300)
    assert caches["portal"].get("page:shared") is None
