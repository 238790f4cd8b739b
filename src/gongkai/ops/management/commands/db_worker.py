"""`gongkai db_worker`: django-tasks-db's worker with a heartbeat (gongkai/ops/heartbeat.py).

Several workers on several nodes may run at once: each claims a task in a transaction with
SELECT … FOR UPDATE SKIP LOCKED, so a task runs once (tests/platform/test_workers.py).
"""

from __future__ import annotations

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from gongkai.ops import heartbeat


class Command(db_worker.Command):
    def handle(self, *args, **options):
        if not options.get("reload") or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            heartbeat.start(options["worker_id"])  # in the process that runs the tasks, not the reloader
        return super().handle(*args, **options)
