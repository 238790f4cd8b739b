"""The page cache and the task queue with the backends of production, across processes.

The other tests run with per-process caches and tasks executed at once (tests/conftest.py); here, as deployed:
the portal's cache is diskcache under the var directory, shared by every process, and tasks go into the database
for `gongkai db_worker`. Process A (tests/platform/backends_scenario.py) changes things; process B serves pages
(`gongkai runserver`) or runs tasks (`gongkai db_worker`). They share a SQLite file copied from the migrated
template and a temporary var directory, never the working tree's.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from support import migrated_sqlite_template

SCENARIO = Path(__file__).with_name("backends_scenario.py")
TIMEOUT = 300  # generous: a guard against a hang on a loaded machine, never a measurement


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """The environment of processes A and B: a database file and a var directory of their own."""
    folder = tmp_path_factory.mktemp("backends")
    database = folder / "gongkai.sqlite3"
    shutil.copy(migrated_sqlite_template(), database)
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "GONGKAI_VAR_DIR": str(folder / "var"),
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "GONGKAI_ENV"):
        environment.pop(name, None)
    run(environment, "site")
    return environment


def run(environment, *args) -> dict:
    result = subprocess.run(
        [sys.executable, str(SCENARIO), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode()


@pytest.fixture
def server(env):
    """Process B: the site on a port of its own, once it answers."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gongkai.cli", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    give_up = time.monotonic() + TIMEOUT
    while True:
        try:
            _get(base + "/healthz")
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < give_up, "the server did not start"
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=30)


def test_a_publication_in_one_process_clears_the_page_another_serves(env, server):
    item = run(env, "site")
    url = server + item["url"]
    assert item["title"] in _get(url)
    run(env, "touch", str(item["pk"]), "未经发布的改动")
    assert "未经发布的改动" not in _get(url)  # B serves the page from the cache
    run(env, "publish", str(item["pk"]), "发布后的新标题")
    assert "发布后的新标题" in _get(url)  # A's publication cleared the cache B reads


def test_a_task_enqueued_in_a_transaction_runs_in_the_worker_after_the_commit(env):
    worker = subprocess.Popen(
        [sys.executable, "-m", "gongkai.cli", "db_worker", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        scenario = subprocess.Popen(
            [sys.executable, str(SCENARIO), "report"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = scenario.stdout.readline()
        assert line, scenario.communicate(timeout=TIMEOUT)[1][-3000:]
        inside = json.loads(line)
        assert inside["status"] == "READY" and inside["pdf"] is False
        assert worker.poll() is None, worker.stderr.read()
        out, err = scenario.communicate("commit\n", timeout=TIMEOUT)
        assert scenario.returncode == 0, err[-3000:]
        after = json.loads(out.strip().splitlines()[-1])
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert after["before_commit"] == "READY"  # nobody ran it while the transaction was open
    assert after["status"] == "SUCCESSFUL" and len(after["worker_ids"]) == 1
    assert after["pdf"] == "%PDF-"
