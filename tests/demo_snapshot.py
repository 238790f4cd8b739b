"""The demo (`gongkai.demo.load`), loaded once per test process and restored for every later test that asks for it.

Loading the demo replays a year of applications, decisions and reviews through the services (about ten seconds of
CPU); the browser tests each start from it. The first test of a process loads it for real and takes a snapshot:
the whole database (SQLite's backup API; on PostgreSQL a copy of every table in a schema of its own) and the files
the demo wrote (media and private storage). Later tests get the snapshot back, which is the same database the
load would have made, ids, sequences and search indexes included. Tests that prove the demo itself (idempotence,
what it contains) call `demo.load()` directly.

Only for transactional tests (`transactional_db`, `live_server`): restoring replaces committed data, so the test
must not run inside pytest-django's rolled-back transaction.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

SCHEMA = "gongkai_demo_snapshot"


class DemoSnapshot:
    """The demo of one test process: taken after the first load, restored for each later test."""

    def __init__(self) -> None:
        self.accounts: list | None = None
        self.sqlite: sqlite3.Connection | None = None
        self.files = Path(tempfile.mkdtemp(prefix="gongkai-demo-files-"))

    def load(self) -> list:
        """The demo's accounts, with the demo's data in the database and its files in storage."""
        from django.contrib.contenttypes.models import ContentType
        from django.core.cache import caches

        if self.accounts is None:
            from gongkai import demo

            accounts = demo.load()
            self._take()
            self.accounts = accounts
        else:
            self._restore()
            ContentType.objects.clear_cache()
            for cache in caches.all(initialized_only=True):
                cache.clear()
        return list(self.accounts)

    def _take(self) -> None:
        from django.db import connection

        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.sqlite)
        else:
            _take_tables(connection)
        for name, folder in _storage_folders().items():
            if folder.is_dir():
                shutil.copytree(folder, self.files / name)

    def _restore(self) -> None:
        from django.db import connection

        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.sqlite.backup(connection.connection)
        else:
            _restore_tables(connection)
        for name, folder in _storage_folders().items():
            if (self.files / name).is_dir():
                shutil.copytree(self.files / name, folder, dirs_exist_ok=True)


def _storage_folders() -> dict[str, Path]:
    from django.conf import settings

    from gongkai.storage import LocalPrivateStorage

    return {"media": Path(settings.MEDIA_ROOT), "private": Path(LocalPrivateStorage().location)}


def _tables(connection) -> list[str]:
    return [name for name in connection.introspection.table_names() if name != "django_migrations"]


def _columns(cursor, schema: str, table: str) -> str:
    """The table's insertable columns (generated ones are computed again), quoted, in order."""
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [schema, table],
    )
    return ", ".join(f'"{name}"' for (name,) in cursor.fetchall())


def _take_tables(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE; CREATE SCHEMA "{SCHEMA}"')
        for table in _tables(connection):
            columns = _columns(cursor, "public", table)
            cursor.execute(f'CREATE TABLE "{SCHEMA}"."{table}" AS SELECT {columns} FROM "{table}"')


def _restore_tables(connection) -> None:
    """Every table emptied and filled from the snapshot schema in one transaction (foreign keys are deferred),
    then the sequences set past the restored ids."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import transaction

    tables = _tables(connection)
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'DELETE FROM "{table}"')  # a TRUNCATE of every table takes seconds
        for table in tables:
            columns = _columns(cursor, "public", table)
            cursor.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM "{SCHEMA}"."{table}"')
        for statement in connection.ops.sequence_reset_sql(
            no_style(), apps.get_models(include_auto_created=True)
        ):
            cursor.execute(statement)
