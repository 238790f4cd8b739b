"""`gongkai demo`: load the demo data (idempotent) and print the demo accounts."""

from __future__ import annotations

import logging

from . import setup_django

HELP = "载入演示数据（可重复执行）并列出演示账号"


def add_arguments(parser) -> None:
    parser.add_argument("--quiet", action="store_true", help="不列出演示账号")


def run(args) -> int:
    setup_django()
    from gongkai import demo

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
