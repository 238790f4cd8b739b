"""The `gongkai` command.

Gongkai's own commands live in `gongkai.commands.<name>`, each module exposing
`HELP` (one line), `add_arguments(parser)` and `run(args) -> int`. Commands that
need the database call `gongkai.commands.setup_django()` themselves, so the pure
ones (audit, deadline, fee) start fast and work without a database.

Anything that is not one of ours is handed to Django's management commands, so
`gongkai migrate`, `gongkai createsuperuser` etc. keep working.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from gongkai import commands as _commands_pkg

COMMANDS = tuple(
    sorted(
        m.name.replace("_", "-")  # module import_decisions is the command import-decisions
        for m in pkgutil.iter_modules(_commands_pkg.__path__)
        if not m.name.startswith("_")
    )
)

EXIT_MISUSE = 2


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on misuse already; keep its messages but make them Chinese-first."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_MISUSE, f"{self.prog}: 参数错误 / error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gongkai",
        description="公开 Gongkai — 政府信息公开工作平台的命令行工具。",
        epilog="其他参数交给 Django 管理命令，例如 `gongkai migrate`、`gongkai createsuperuser`、"
        "`gongkai help` 列出全部 Django 命令。",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"gongkai.commands.{name.replace('-', '_')}")
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
        from django.core.management import execute_from_command_line

        execute_from_command_line(["gongkai", *argv])
        return 0
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 0
    return int(args._run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
