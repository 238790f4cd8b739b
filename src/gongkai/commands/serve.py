"""`gongkai serve`: the development server with a task worker beside it, or gunicorn with --production.

In production the task worker is a service of its own (`gongkai db_worker`, see docs/operations.md).
"""

from __future__ import annotations

import os
import subprocess
import sys

from . import setup_django

HELP = "启动网站（开发服务器；--production 使用 gunicorn）"


def add_arguments(parser) -> None:
    parser.add_argument("--bind", default="127.0.0.1:8000", help="监听地址，默认 127.0.0.1:8000")
    parser.add_argument(
        "--production", action="store_true", help="用 gunicorn 运行（需设置 GONGKAI_ENV=production）"
    )
    parser.add_argument(
        "--workers", type=int, default=max(2, (os.cpu_count() or 1) * 2), help="gunicorn 进程数"
    )


def run(args) -> int:
    if args.production:
        os.execvp(
            "gunicorn",
            [
                "gunicorn",
                "gongkai.wsgi:application",
                "--bind",
                args.bind,
                "--workers",
                str(args.workers),
                "--access-logfile",
                "-",
            ],
        )
    setup_django()
    from django.core.management import call_command

    worker = subprocess.Popen(
        [sys.executable, "-m", "django", "db_worker"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings"},
    )
    try:
        call_command("runserver", args.bind, use_reloader=False)
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    return 0
