"""A task for tests/platform/test_workers.py: it appends its number and its process to a file (O_APPEND: one write
per line), so that the test sees which worker ran it and how often."""

from __future__ import annotations

import os
import time

from django_tasks import task


@task()
def mark(number: int) -> int:
    time.sleep(0.05)  # long enough for the two workers to overlap; nothing measures it
    with open(os.environ["GONGKAI_TEST_MARKS"], "a") as marks:
        marks.write(f"{number} {os.getpid()}\n")
    return number
