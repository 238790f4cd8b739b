"""Helpers shared by the tests (importable as `support` thanks to pytest's pythonpath)."""

import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from gongkai.core.identifiers import uscc_check_char

PASSWORD = "test-pass-123"


def credit_code(n: int) -> str:
    """A valid 统一社会信用代码 numbered n."""
    base = f"11340100MB{n:07d}"
    return base + uscc_check_char(base)


def formats(*names: str) -> list:
    """Output formats as test parameters; the PDF (WeasyPrint, seconds) carries the `roundtrip` marker."""
    return [pytest.param(name, marks=pytest.mark.roundtrip) if name == "pdf" else name for name in names]


def _migrations_key() -> str:
    """A digest of every installed app's migration files: the schema (and data) a migrated database has."""
    from django.apps import apps

    digest = hashlib.sha256()
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        for path in sorted(Path(config.path).glob("migrations/*.py")):
            digest.update(f"{config.label}/{path.name}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def migrated_sqlite_template() -> Path:
    """A migrated SQLite database for these migrations, built once (by `gongkai migrate`, in a child process) and
    kept in the system's temporary directory; concurrent sessions wait for the one that builds it."""
    folder = Path(tempfile.gettempdir()) / "gongkai-test-templates"
    folder.mkdir(exist_ok=True)
    template = folder / f"{_migrations_key()}.sqlite3"
    with open(folder / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            building = folder / f"building-{os.getpid()}.sqlite3"
            env = {
                **os.environ,
                "DATABASE_URL": f"sqlite:///{building}",
                "GONGKAI_VAR_DIR": tempfile.mkdtemp(),
            }
            env.pop("GONGKAI_ENV", None)
            subprocess.run(
                [sys.executable, "-m", "gongkai.cli", "migrate", "--noinput", "-v0"], env=env, check=True
            )
            with sqlite3.connect(building) as source, sqlite3.connect(folder / "part.sqlite3") as part:
                source.backup(part)
            (folder / "part.sqlite3").rename(template)
            for leftover in folder.glob(f"building-{os.getpid()}.sqlite3*"):
                leftover.unlink()
    return template


def migrated_postgres_template(database: dict) -> str:
    """The name of a migrated PostgreSQL database for these migrations on `database`'s server (Django's settings
    of the default database), built once by `gongkai migrate` and kept for later runs, like the SQLite template.
    Test databases are made from it with `CREATE DATABASE … TEMPLATE`; clones are made one at a time (lock held by
    the caller, see `clone_postgres_template`) because PostgreSQL refuses a template that another session uses."""
    import psycopg

    name = f"gongkai_template_{_migrations_key()}"
    with _server(database) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return name
        building = f"{name}_building_{os.getpid()}"
        admin.execute(f'DROP DATABASE IF EXISTS "{building}"')
        admin.execute(f'CREATE DATABASE "{building}"')
    user = database.get("USER") or "postgres"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host, port = database.get("HOST") or "127.0.0.1", database.get("PORT") or 5432
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{user}{password}@{host}:{port}/{building}",
        "GONGKAI_VAR_DIR": tempfile.mkdtemp(),
    }
    env.pop("GONGKAI_ENV", None)
    subprocess.run([sys.executable, "-m", "gongkai.cli", "migrate", "--noinput", "-v0"], env=env, check=True)
    with _server(database) as admin:
        try:
            admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        except psycopg.errors.DuplicateDatabase:  # another machine's session finished first
            admin.execute(f'DROP DATABASE "{building}"')
    return name


def clone_postgres_template(database: dict, target: str) -> None:
    """`target` made afresh as a copy of the migrated template (built first if needed); one clone at a time."""
    folder = Path(tempfile.gettempdir()) / "gongkai-test-templates"
    folder.mkdir(exist_ok=True)
    with open(folder / "postgres.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        template = migrated_postgres_template(database)
        with _server(database) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{template}"')


def drop_postgres_database(database: dict, target: str) -> None:
    with _server(database) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def _server(database: dict):
    """An autocommit connection to the server's `postgres` database."""
    import psycopg

    return psycopg.connect(
        host=database.get("HOST") or "127.0.0.1",
        port=database.get("PORT") or 5432,
        user=database.get("USER") or "postgres",
        password=database.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )
