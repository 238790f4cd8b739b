"""Several nodes on one PostgreSQL database (made for this module from the migrated template, dropped after): two `gongkai db_worker` processes run every task exactly once (django-tasks-db claims with SELECT … FOR UPDATE SKIP LOCKED), each writes the
heartbeat /readyz reads, and the pool and the web processes' statement timeout reach PostgreSQL as configured.
Everything runs in processes of its own against that database; skipped when PostgreSQL is down (a failure on CI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

import live_services as services
from support import clone_postgres_template, drop_postgres_database

TIMEOUT = 300  # a guard against a hang, never a measurement
DATABASE = f"gongkai_test_workers_{os.getpid()}"
TASKS = 40
TESTS_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pg_env(tmp_path_factory):
    services.require("127.0.0.1", 5432, "PostgreSQL")
    server = {"HOST": "127.0.0.1", "PORT": 5432, "USER": "postgres"}
    clone_postgres_template(server, DATABASE)  # migrated
    folder = tmp_path_factory.mktemp("workers")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "GONGKAI_VAR_DIR": str(folder / "var"),
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), os.environ.get("PYTHONPATH", "")]),
        "GONGKAI_TEST_MARKS": str(folder / "marks.txt"),
    }
    for name in ("GONGKAI_ENV", "GONGKAI_PROCESS", "GONGKAI_DB_POOL", "GONGKAI_DB_STATEMENT_TIMEOUT_MS"):
        env.pop(name, None)
    yield env
    drop_postgres_database(server, DATABASE)


def _python(env, code: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_two_workers_run_each_task_once(pg_env):
    enqueued = _python(
        pg_env,
        "import json, worker_tasks\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "DBTaskResult.objects.all().delete()\n"
        f"ids = [worker_tasks.mark.enqueue(n).id for n in range({TASKS})]\n"
        "print(json.dumps({'ids': ids}))",
    )["ids"]
    worker = [sys.executable, "-m", "gongkai.cli", "db_worker", "--interval", "0.1", "--no-startup-delay"]
    workers = [
        subprocess.Popen(
            [*worker, "--no-reload", "--worker-id", f"node-{n}"], env=pg_env, stderr=subprocess.PIPE
        )
        for n in "ab"
    ]
    try:
        give_up = time.monotonic() + TIMEOUT
        with psycopg.connect(
            pg_env["DATABASE_URL"].replace("postgres://", "postgresql://"), autocommit=True
        ) as db:
            while True:
                rows = db.execute(
                    "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE id = ANY(%s)",
                    [enqueued],
                ).fetchall()
                if (
                    all(status in ("SUCCESSFUL", "FAILED") for status, _ in rows)
                    or time.monotonic() > give_up
                ):
                    break
                assert all(w.poll() is None for w in workers), "a worker died"
                time.sleep(0.2)
        beat = _python(
            pg_env, "import json; from gongkai.ops import heartbeat; print(json.dumps(heartbeat.last()))"
        )
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(timeout=TIMEOUT)
    assert [status for status, _ in rows] == ["SUCCESSFUL"] * TASKS
    assert all(len(ids) == 1 and ids[0] in ("node-a", "node-b") for _, ids in rows)
    marks = Path(pg_env["GONGKAI_TEST_MARKS"]).read_text().split("\n")[:-1]
    assert sorted(int(line.split()[0]) for line in marks) == list(range(TASKS))  # each ran once
    assert beat is not None  # the workers' heartbeat, in the cache shared with the web nodes


def test_the_pool_and_the_web_statement_timeout(pg_env):
    code = (
        "import json; from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('SHOW statement_timeout'); timeout = c.fetchone()[0]\n"
        "print(json.dumps({'timeout': timeout, 'pooled': connection.pool is not None}))"
    )
    web = {
        **pg_env,
        "GONGKAI_PROCESS": "web",
        "GONGKAI_DB_POOL": "4",
        "GONGKAI_DB_STATEMENT_TIMEOUT_MS": "1500",
    }
    assert _python(web, code) == {"timeout": "1500ms", "pooled": True}
    worker = {**web, "GONGKAI_PROCESS": "worker"}
    assert _python(worker, code) == {"timeout": "0", "pooled": True}  # migrations and workers have no limit
