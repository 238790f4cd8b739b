"""Shared fixtures: a small world of agencies and one person per role, built once per test process.

Django is imported inside the fixtures so that the pure tests (tests/core) also run without it. The test process
and every process it starts use a temporary var directory (database file, caches, media), never the working tree's
var/ (see docs/testing.md).
"""

from __future__ import annotations

import atexit
import copy
import logging
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest

import fast_flush
from demo_snapshot import DemoSnapshot
from support import (
    PASSWORD,
    clone_postgres_template,
    credit_code,
    drop_postgres_database,
    migrated_sqlite_template,
)


def _private_var_dir() -> None:
    """Point this process and its children at a temporary var directory, removed at exit.

    Django's settings are loaded before this file (pytest-django sets them up first), so the paths they derived
    from the working tree's var/ are moved here too; subprocesses read GONGKAI_VAR_DIR afresh.
    """
    var = Path(tempfile.mkdtemp(prefix="gongkai-test-var-"))
    atexit.register(shutil.rmtree, var, ignore_errors=True)
    os.environ["GONGKAI_VAR_DIR"] = str(var)
    try:
        from django.conf import settings
    except ImportError:  # the pure tests without Django
        return
    if not settings.configured:
        return
    old = Path(settings.VAR_DIR)
    settings.VAR_DIR = var
    settings.MEDIA_ROOT = var / "media"
    settings.STATIC_ROOT = var / "static"
    for cache in settings.CACHES.values():
        if str(cache.get("LOCATION", "")).startswith(str(old)):
            cache["LOCATION"] = str(var / Path(cache["LOCATION"]).relative_to(old))
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and str(database["NAME"]) == str(old / "gongkai.sqlite3"):
        database["NAME"] = str(var / "gongkai.sqlite3")


_private_var_dir()


class _CurrentStderr:
    """The stream of the console log handlers: whatever sys.stderr is at the time of writing.

    settings.LOGGING's handlers are made while pytest captures output, so they would keep its capture file; a live
    server's thread that logs after that file is closed printed "Logging error: I/O operation on closed file".
    """

    def write(self, text: str) -> None:
        stream = sys.stderr
        if not getattr(stream, "closed", False):
            stream.write(text)

    def flush(self) -> None:
        stream = sys.stderr
        if not getattr(stream, "closed", False):
            stream.flush()


def _console_logs_follow_stderr() -> None:
    for name in (None, "django.server"):
        for handler in logging.getLogger(name).handlers:
            if type(handler) is logging.StreamHandler:
                handler.setStream(_CurrentStderr())


_console_logs_follow_stderr()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    """Each test process starts from a copy of a migrated template database instead of running every migration
    again: on SQLite a file in its temporary var directory, on PostgreSQL a database made with `CREATE DATABASE …
    TEMPLATE` and dropped at the end (tests/support.py). `--create-db` migrates from scratch as before."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if request.config.getvalue("create_db"):
        return
    if database["ENGINE"].endswith("postgresql"):
        if request.config.getvalue("reuse_db"):
            return
        test_settings = database.setdefault("TEST", {})
        name = test_settings.get("NAME") or f"test_{database['NAME']}"
        clone_postgres_template(database, name)
        test_settings["NAME"] = name
        request.addfinalizer(lambda: _drop_test_database(database, name))
        request.config.stash[_FROM_TEMPLATE] = True
        return
    if not database["ENGINE"].endswith("sqlite3"):
        return
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    database_file = folder / "test.sqlite3"
    with sqlite3.connect(migrated_sqlite_template()) as source, sqlite3.connect(database_file) as target:
        source.backup(target)
    database.setdefault("TEST", {})["NAME"] = str(database_file)
    request.config.stash[_FROM_TEMPLATE] = True


@pytest.fixture(scope="session", autouse=True)
def _quicker_flush(request):
    """Transactional tests end with a flush that keeps content types and permissions (tests/fast_flush.py)."""
    if request.config.pluginmanager.hasplugin("django"):
        fast_flush.install()


def _drop_test_database(database: dict, name: str) -> None:
    from django.db import connections

    connections.close_all()
    drop_postgres_database(database, name)


_FROM_TEMPLATE = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """A test database copied from the template is used as it is (migrate only confirms it is current)."""
    return bool(request.config.getvalue("reuse_db")) or request.config.stash.get(_FROM_TEMPLATE, False)


def _build_world() -> dict:
    """Two governments, each with departments; a unit below one department; one person per role.

    People sit in `gov` (the government) and in `dept` (a department of it), so every role can be
    tried against its own agency, a subordinate one and another government's.
    """
    from gongkai.agencies.models import AgencyKind
    from gongkai.agencies.roles import Role
    from gongkai.agencies.services import create_agency, create_person

    gov = create_agency(
        code="gov", name="甲区人民政府", credit_code=credit_code(1), kind=AgencyKind.GOVERNMENT
    )
    dept = create_agency(
        code="dept", name="甲区人社局", credit_code=credit_code(2), kind=AgencyKind.DEPARTMENT, parent=gov
    )
    sibling = create_agency(
        code="sibling", name="甲区住建局", credit_code=credit_code(3), kind=AgencyKind.DEPARTMENT, parent=gov
    )
    unit = create_agency(
        code="unit", name="甲区就业服务中心", credit_code=credit_code(4), kind=AgencyKind.OTHER, parent=dept
    )
    other = create_agency(
        code="other", name="乙区人民政府", credit_code=credit_code(5), kind=AgencyKind.GOVERNMENT
    )
    other_dept = create_agency(
        code="other-dept",
        name="乙区人社局",
        credit_code=credit_code(6),
        kind=AgencyKind.DEPARTMENT,
        parent=other,
    )
    people = {}
    for home in (gov, dept):
        for role in Role:
            people[(home.code, role)] = create_person(
                agency=home,
                username=f"{home.code}-{role.value}",
                name=f"{home.code}{role.label}",
                roles=[role],
                password=PASSWORD,
            )
    for target in (sibling, unit, other, other_dept):
        people[(target.code, "member")] = create_person(
            agency=target,
            username=f"{target.code}-member",
            name=f"{target.code}成员",
            roles=[Role.STAFF],
            password=PASSWORD,
        )
    return {
        "gov": gov,
        "dept": dept,
        "sibling": sibling,
        "unit": unit,
        "other": other,
        "other_dept": other_dept,
        "people": people,
    }


class _SharedWorld:
    """The world of one test process, built once inside a transaction that stays open while world tests run.

    Each test runs in a savepoint inside it (pytest-django's TestCase-style transaction nests), so what a test
    changes is rolled back and the next test finds the world as built. A test without the world, or one that
    needs real commits (transactional_db, live_server), first rolls the shared transaction back: it sees an
    empty database as before. Tests are ordered so that world tests run together (pytest_collection_modifyitems).
    """

    def __init__(self) -> None:
        self.atomic = None
        self.connection = None
        self.objects: dict | None = None

    def open(self, blocker) -> None:
        if self.atomic is not None:
            return
        from django.db import DEFAULT_DB_ALIAS, connections, transaction
        from django.test.utils import override_settings

        with blocker.unblock():
            self.connection = connections[DEFAULT_DB_ALIAS]
            self.atomic = transaction.atomic()
            self.atomic._from_testcase = True  # like Django's TestCase.setUpTestData transaction
            self.atomic.__enter__()
            with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
                self.objects = _build_world()

    def close(self, blocker) -> None:
        """Roll the world back on the connection it was built on. The test that asks may run in another context
        (Playwright's sync fixtures): there `connections` hands out another wrapper, so the one the transaction was
        opened on is put back for the rollback."""
        if self.atomic is None:
            return
        from django.db import DEFAULT_DB_ALIAS, connections, transaction

        with blocker.unblock():
            current = connections[DEFAULT_DB_ALIAS]
            connections[DEFAULT_DB_ALIAS] = self.connection
            try:
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
            finally:
                connections[DEFAULT_DB_ALIAS] = current
        self.atomic = self.connection = self.objects = None

    def copy(self) -> dict:
        """A deep copy for one test: instances it changes in memory do not leak into the next test."""
        return copy.deepcopy(self.objects)


_SHARED_WORLD = _SharedWorld()


def _transactional(request) -> bool:
    from pytest_django.fixtures import validate_django_db

    marker = request.node.get_closest_marker("django_db")
    if marker:
        transactional, reset_sequences, *_ = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(request.fixturenames))


def _uses_shared_world(request) -> bool:
    return "world" in request.fixturenames and not _transactional(request)


@pytest.fixture
def _shared_world_transaction(request, django_db_setup, django_db_blocker):
    """Open the shared world's transaction for a world test, roll it back before any other database test."""
    if _uses_shared_world(request):
        _SHARED_WORLD.open(django_db_blocker)
    else:
        _SHARED_WORLD.close(django_db_blocker)


@pytest.fixture
def _django_db_helper(_shared_world_transaction, _django_db_helper):
    """pytest-django's per-test transaction, entered after (so inside) the shared world's transaction."""
    return _django_db_helper


@pytest.fixture(scope="session", autouse=True)
def _close_shared_world(django_db_blocker):
    yield
    _SHARED_WORLD.close(django_db_blocker)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """World tests run one after another (stable order otherwise), so each process builds the world rarely.

    Runs before pytest-django's ordering (database tests, then transactional ones, then the rest), whose sort is
    stable: within each of its groups, tests with the world come first.
    """

    def group(item) -> int:
        fixtures = set(getattr(item, "fixturenames", ()))
        return 0 if "world" in fixtures else 1

    items.sort(key=group)


@pytest.fixture
def world(request, db):
    """The world (see `_build_world`): shared by the tests of this process, or built for a transactional test."""
    if _uses_shared_world(request):
        return _SHARED_WORLD.copy()
    return _build_world()


_DEMO = DemoSnapshot()


@pytest.fixture
def demo_site(transactional_db, _test_settings):
    """The demo loaded (once per process, restored after that: tests/demo_snapshot.py); its accounts."""
    return _DEMO.load()


@pytest.fixture(autouse=True)
def _test_settings(request, tmp_path_factory):
    """Fast password hashing, uploads into a temporary directory instead of var/media, an empty page cache."""
    if request.config.pluginmanager.hasplugin("django"):
        settings = request.getfixturevalue("settings")
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
        # each test process has caches of its own (those under var/ are shared by processes); each test starts
        # with an empty page cache
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "default-tests",
            },
            "portal": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "portal-tests",
            },
        }
        from django.core.cache import caches

        caches["portal"].clear()
        # background tasks run at once, inside the test's transaction
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
