"""`gongkai serve`: the development server, or gunicorn with --production."""

from __future__ import annotations

import os

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

    call_command("runserver", args.bind, use_reloader=False)
    return 0
