"""`gongkai serve`: the development server with its background work beside it, or gunicorn with --production.

Development (`make run`): the task worker (`gongkai db_worker`) and a scheduler process that runs the cron jobs of
production (`publish_scheduled`: scheduled publishing and withdrawal; `housekeeping`) every
GONGKAI_SCHEDULE_SECONDS (60) run as children; stopping `gongkai serve` (Ctrl+C, SIGTERM, SIGHUP) stops them too.

Production: gunicorn from this command's own environment (beside sys.executable, so an unactivated
`.venv/bin/gongkai` works), its access log through the personal-data redaction (gongkai/ops/gunicorn.py), its
processes' metrics added up in GONGKAI_VAR_DIR/prometheus. There the worker and the cron jobs are services of their
own (deploy/, docs/operations.md).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import setup_django

HELP = "启动网站（开发服务器；--production 使用 gunicorn）"
SCHEDULED_COMMANDS = ("publish_scheduled", "housekeeping")


def add_arguments(parser) -> None:
    parser.add_argument("--bind", default="127.0.0.1:8000", help="监听地址，默认 127.0.0.1:8000")
    parser.add_argument(
        "--production", action="store_true", help="用 gunicorn 运行（需设置 GONGKAI_ENV=production）"
    )
    parser.add_argument(
        "--workers", type=int, default=max(2, (os.cpu_count() or 1) * 2), help="gunicorn 进程数"
    )


def gunicorn_command(bind: str, workers: int) -> list[str]:
    """gunicorn of this environment: the script beside the interpreter, else the interpreter's module."""
    script = Path(sys.executable).with_name("gunicorn")
    start = [str(script)] if script.is_file() else [sys.executable, "-m", "gunicorn"]
    return [
        *start,
        "gongkai.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--logger-class",
        "gongkai.ops.gunicorn.RedactingLogger",
    ]


def _metrics_dir() -> str:
    """A fresh directory for prometheus_client's multiprocess files (stale ones would add up dead processes)."""
    configured = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if configured:
        return configured
    setup_django()
    from django.conf import settings

    folder = Path(settings.VAR_DIR) / "prometheus"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return str(folder)


def _stop_on_signals() -> None:
    """SIGTERM and SIGHUP end the server like Ctrl+C, so that the `finally` below stops the children."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupt)


def _children() -> list[subprocess.Popen]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    worker = [sys.executable, "-m", "gongkai.cli", "db_worker", "--no-reload"]
    scheduler = [sys.executable, "-m", "gongkai.commands.serve"]
    return [subprocess.Popen(command, env=environment) for command in (worker, scheduler)]


def _stop(children: list[subprocess.Popen]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def run(args) -> int:
    if args.production:
        command = gunicorn_command(args.bind, args.workers)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir()
        os.execv(command[0], command)
    setup_django()
    from django.core.management import call_command

    _stop_on_signals()
    children = _children()
    try:
        call_command("runserver", args.bind, use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(children)
    return 0


def schedule() -> None:
    """The scheduler child: the periodic commands now and then every GONGKAI_SCHEDULE_SECONDS, until SIGTERM."""
    setup_django()
    from django.core.management import call_command

    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    interval = float(os.environ.get("GONGKAI_SCHEDULE_SECONDS", "60"))
    while True:
        for name in SCHEDULED_COMMANDS:
            try:
                call_command(name)
            except Exception as exc:  # one failing run must not end the development server's schedule
                print(f"scheduled command {name} failed: {exc!r}", file=sys.stderr, flush=True)
        print("scheduled commands ran", file=sys.stderr, flush=True)
        time.sleep(interval)


if __name__ == "__main__":
    schedule()
