"""Subcommands of the `gongkai` command (see gongkai.cli)."""

import os


def setup_django() -> None:
    """Configure Django for commands that use the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
