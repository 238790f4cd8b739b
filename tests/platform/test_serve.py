"""`gongkai serve` as an operator starts it, in processes of its own on a free port (a copy of the migrated SQLite
template, a var directory of the test's own):

- development: the task worker and the scheduler (publish_scheduled, housekeeping) run beside the server, and a
  SIGTERM to `gongkai serve` stops them too;
- production: gunicorn is found beside the interpreter with PATH holding no virtualenv, its access log goes
  through the personal-data redaction (as JSON lines with GONGKAI_LOG_FORMAT=json), and /metrics adds up its
  processes.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

import live_services as services
from support import migrated_sqlite_template

TIMEOUT = 300  # a guard against a hang on a loaded machine, never a measurement
VENV_BIN = Path(sys.executable).parent


@pytest.fixture
def environment(tmp_path):
    database = tmp_path / "gongkai.sqlite3"
    shutil.copy(migrated_sqlite_template(), database)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "GONGKAI_VAR_DIR": str(tmp_path / "var"),
        "PATH": "/usr/bin:/bin",  # no virtualenv: the command must find its own gunicorn
    }
    for name in ("DJANGO_SETTINGS_MODULE", "GONGKAI_ENV", "VIRTUAL_ENV", "PROMETHEUS_MULTIPROC_DIR"):
        env.pop(name, None)
    return env


def _lines(stream) -> queue.Queue:
    lines: queue.Queue = queue.Queue()

    def read():
        for line in stream:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    return lines


def _wait_for_line(lines: queue.Queue, wanted, seen: list[str]) -> str:
    give_up = time.monotonic() + TIMEOUT
    while time.monotonic() < give_up:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if wanted(line):
            return line
    raise AssertionError("never logged; last lines:\n" + "".join(seen[-30:]))


def _get(url: str, **headers) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _wait_until_serving(base: str, process: subprocess.Popen) -> None:
    give_up = time.monotonic() + TIMEOUT
    while True:
        try:
            _get(base + "/healthz")
            return
        except OSError:
            assert process.poll() is None and time.monotonic() < give_up, "the server did not start"
            time.sleep(0.2)


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_development_serve_runs_the_worker_and_the_schedule_and_sigterm_stops_them(environment):
    port = services.free_port()
    environment["GONGKAI_SCHEDULE_SECONDS"] = "3600"
    process = subprocess.Popen(
        [sys.executable, "-m", "gongkai.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines, seen = _lines(process.stderr), []
        _wait_until_serving(f"http://127.0.0.1:{port}", process)
        _wait_for_line(lines, lambda line: "scheduled commands ran" in line, seen)  # publish_scheduled ran
        children = _children(process.pid)
        commands = [Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ") for pid in children]
        assert len(children) == 2 and any(b"db_worker" in c for c in commands), commands
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=TIMEOUT) == 0
        assert not [pid for pid in children if _alive(pid)]  # reaped by serve, not left to init
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_production_serve_finds_gunicorn_and_redacts_its_access_log(environment):
    port = services.free_port()
    environment.update(
        GONGKAI_ENV="production",
        DJANGO_SECRET_KEY="test-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        GONGKAI_SSL_REDIRECT="0",
        GONGKAI_LOG_FORMAT="json",
    )
    # as the README deploys it: the static files collected first (the pages, error pages too, link them hashed)
    subprocess.run(
        [str(VENV_BIN / "gongkai"), "collectstatic", "--noinput", "-v0"],
        env=environment,
        check=True,
        timeout=600,
    )
    command = [
        str(VENV_BIN / "gongkai"),
        "serve",
        "--production",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
    ]
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        lines, seen = _lines(process.stdout), []
        base = f"http://127.0.0.1:{port}"
        _wait_until_serving(base, process)
        assert _get(base + "/healthz?q=13812345678&mail=zs%40example.com")[0] == 200
        line = _wait_for_line(lines, lambda line: "/healthz?q=" in line, seen)
        record = json.loads(line)
        assert "13812345678" not in line and "example.com" not in line
        assert "[手机号已隐去]" in record["message"] and "[邮箱已隐去]" in record["message"]
        status, body = _get(base + "/metrics")
        assert status == 200 and "django_http_requests_total_by_method" in body and "gongkai_tasks" in body
        assert _get(base + "/metrics", **{"X-Forwarded-For": "198.51.100.7"})[0] == 404
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)
