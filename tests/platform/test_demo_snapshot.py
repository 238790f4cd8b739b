"""The demo snapshot that browser tests start from (tests/demo_snapshot.py) is the database and the files the demo
makes: restored into an emptied database, every table holds the same rows, and the next ids continue past them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from demo_snapshot import DemoSnapshot

pytestmark = pytest.mark.django_db(transaction=True)


def _fingerprint() -> dict[str, tuple[int, str]]:
    """Per table: the row count and a digest of its rows in key order."""
    from django.db import connection

    fingerprint = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table == "django_migrations":
                continue
            cursor.execute(f'SELECT * FROM "{table}"')
            rows = sorted(repr(row) for row in cursor.fetchall())
            fingerprint[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return fingerprint


def _files(settings) -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_restored_snapshot_is_the_loaded_demo(settings, tmp_path):
    from django.core.management import call_command

    from gongkai.agencies.models import Person
    from gongkai.publishing.models import ItemAttachment

    snapshot = DemoSnapshot()
    accounts = snapshot.load()
    loaded, files = _fingerprint(), _files(settings)
    assert ItemAttachment.objects.exists() and files  # the demo's attachments are files in storage

    call_command("flush", "--noinput", verbosity=0)
    settings.MEDIA_ROOT = str(tmp_path / "media")  # the next test's media directory
    assert not Person.objects.exists()

    assert snapshot.load() == accounts
    assert _fingerprint() == loaded
    assert _files(settings) == files
    # ids go on after the restored rows (sequences on PostgreSQL, sqlite_sequence on SQLite)
    person = Person.objects.order_by("-pk").first()
    from gongkai.agencies.services import create_person

    new = create_person(
        agency=person.agency, username="after-restore", name="新人", roles=[], password="x-1234567"
    )
    assert new.pk > person.pk
