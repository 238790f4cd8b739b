"""The real services of a multi-node deployment for the tests: Redis on 127.0.0.1:6379 and an S3 server.

Redis is the machine's own (CI starts it in .ci/run); a test that needs it is skipped with the reason when it is
down, except under CI=true, where a missing service is a failure. The S3 server is moto's standalone server,
started by the test on a free port of the loopback (a real HTTP server speaking the S3 protocol, no patched client).
"""

from __future__ import annotations

import os
import socket

import pytest

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_TEST_DB = 12  # the portal cache takes 13 (gongkai/backends.py): far from a development setup's 0 and 1


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def require(host: str, port: int, what: str) -> None:
    if _reachable(host, port):
        return
    reason = f"{what} is not running on {host}:{port}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must start it)")
    pytest.skip(reason)


def redis_url() -> str:
    require(REDIS_HOST, REDIS_PORT, "Redis")
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_TEST_DB}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
