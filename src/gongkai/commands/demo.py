"""`gongkai demo`: load the demo data (idempotent) and print the demo accounts.

The demo creates accounts with known passwords (`admin / gongkai-demo`): under GONGKAI_ENV=production it refuses
unless `--allow-production` says that this is meant (a demonstration server).
"""

from __future__ import annotations

import logging
import sys

from . import setup_django

HELP = "载入演示数据（可重复执行）并列出演示账号"


def add_arguments(parser) -> None:
    parser.add_argument("--quiet", action="store_true", help="不列出演示账号")
    parser.add_argument(
        "--allow-production",
        action="store_true",
        help="在生产环境（GONGKAI_ENV=production）中也载入演示数据和已知密码的演示账号",
    )


def run(args) -> int:
    setup_django()
    from django.conf import settings

    from gongkai import demo

    if settings.PRODUCTION and not args.allow_production:
        print(
            "拒绝执行：当前为生产环境（GONGKAI_ENV=production），演示数据会创建密码公开的账号（如 admin / gongkai-demo）。"
            "确需在演示服务器上载入，请加 --allow-production。",
            file=sys.stderr,
        )
        return 2

    logging.disable(logging.INFO)  # a bulk load: the per-step service log lines would drown the accounts
    try:
        accounts = demo.load()
    finally:
        logging.disable(logging.NOTSET)
    if not args.quiet:
        print("演示账号 / demo accounts（登录 http://127.0.0.1:8000/admin/）：")
        for username, password, description in accounts:
            print(f"  {username:<12} {password:<14} {description}")
    return 0
