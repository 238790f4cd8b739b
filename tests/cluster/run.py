"""The cluster test (issue 20): the multi-node deployment of deploy/ started for real on the loopback, and checked.

    .venv/bin/python tests/cluster/run.py [--keep]

It starts, on ports it picks: a fresh PostgreSQL database (127.0.0.1:5432, user postgres), a redis-server of its
own (--save ''), moto's standalone S3 server (two versioned buckets), `gongkai migrate`, `gongkai collectstatic` and
`gongkai demo` against them, two app nodes (`gongkai serve --production`, gunicorn, each with its own
GONGKAI_VAR_DIR), two `gongkai db_worker` processes, and Debian's nginx with deploy/nginx/gongkai.conf (TLS with a
self-signed certificate) in front of the nodes. Then it checks (tests/cluster/checks.py): a publication through
node A is shown by node B's cached column page; an attachment uploaded through A downloads through B for the
handling office only; 1,000 submissions from 50 clients through nginx are numbered without a gap; the submission
limit holds across the nodes; every task ran once, the report's PDF written once; killing node A under load loses
no acknowledged submission. It prints one JSON line of figures last and exits 1 if a check failed. Everything it
started is stopped and the database dropped, also on failure or SIGTERM; --keep leaves the logs' folder.

Not collected by pytest (no test_*.py here): `make test` runs without these services; `.ci/run` runs this script.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import ssl
import sys
import tempfile
import time
import traceback
from pathlib import Path

import checks
from httpclient import Client
from processes import Cluster, Failed, free_port, wait_until

# The nodes' limits (settings.py reads them from the environment): each simulated client has its own address and
# stays below LIMIT valid submissions (60 attempts), so the numbering checks are not throttled, while the
# rate-limit check sends one client past them.
LIMITS = {
    "GONGKAI_SUBMISSION_LIMIT": str(checks.LIMIT),
    "GONGKAI_SUBMISSION_ATTEMPT_LIMIT": "60",
    "GONGKAI_SUBMISSION_WINDOW_SECONDS": "3600",
}
READY_SECONDS = 240  # bound for the nodes to answer /readyz (gunicorn's workers import Django under load)


def _terminate(signum, frame):
    raise SystemExit(128 + signum)  # unwinds through the `finally` that stops the cluster


def _ready(base: str) -> bool:
    client = Client(base)
    try:
        return client.get("/readyz").status == 200
    except OSError:
        return False
    finally:
        client.close()


def run(cluster: Cluster, figures: dict) -> None:
    folder = cluster.folder
    started = time.monotonic()
    cluster.ports.update(http=free_port(), https=free_port())
    database_url = cluster.create_database()
    cluster.env = cluster.app_environment(database_url, cluster.start_redis(), cluster.start_s3(), LIMITS)
    var_a, var_b = folder / "node-a", folder / "node-b"
    cluster.gongkai(
        [(["migrate", "--noinput", "-v0"], var_a), (["collectstatic", "--noinput", "-v0"], var_a)],
        900,
    )
    figures["migrate_seconds"] = round(time.monotonic() - started, 1)
    shutil.copytree(var_a / "static", var_b / "static")  # collectstatic's result, the same on every node
    # The nodes, workers and nginx start while the demo loads (their imports use the other core); the checks
    # begin once the demo is in and both nodes answer /readyz (database, cache, storage, a worker's heartbeat).
    for name, var in (("worker-a", var_a), ("worker-b", var_b)):
        cluster.start_worker(name, var)
    node_a, node_b = cluster.start_node("node-a", var_a), cluster.start_node("node-b", var_b)
    certificate = cluster.start_nginx(var_a / "static")
    cluster.gongkai([(["demo", "--allow-production"], var_a)], 600)
    figures["demo_seconds"] = round(time.monotonic() - started - figures["migrate_seconds"], 1)
    for name, base in (("node-a", node_a), ("node-b", node_b)):
        wait_until(
            f"{name}'s /readyz",
            lambda base=base, name=name: cluster.running(name) or _ready(base),
            READY_SECONDS,
        )
    figures["ready_seconds"] = round(time.monotonic() - started, 1)

    tls = ssl.create_default_context(cafile=certificate)
    https = f"https://127.0.0.1:{cluster.ports['https']}"

    def nginx(source: str) -> Client:
        return Client(https, source=source, tls=tls)

    outside = nginx("127.0.0.1")
    if outside.get("/readyz").status != 403 or outside.get("/metrics").status != 404:
        raise Failed("nginx serves /readyz or /metrics to an address outside the internal network")
    static = outside.get("/static/staticfiles.json")
    if static.status != 200 or static.upstream:
        raise Failed(f"nginx does not serve /static/ itself: HTTP {static.status} from {static.upstream!r}")
    outside.close()

    acknowledged: list[str] = []  # every number a 201 answered with, to be found in the database at the end
    for name, check in (
        ("freshness", lambda: checks.publication_is_fresh_on_the_other_node(cluster, node_a, node_b)),
        ("attachment", lambda: checks.attachment_across_nodes(cluster, node_a, node_b)),
        ("numbering", lambda: checks.gapless_numbering(cluster, nginx)),
        ("rate_limit", lambda: checks.rate_limit_across_nodes(cluster, node_a, node_b, nginx)),
        ("tasks", lambda: checks.tasks_ran_once(cluster)),
        (
            "kill_node_a",
            lambda: checks.killing_a_node_loses_nothing(
                cluster, nginx, f"127.0.0.1:{cluster.ports['node-b']}"
            ),
        ),
    ):
        figures[name] = check()
        acknowledged += figures[name].pop("accepted_numbers", [])
    figures["numbered"] = checks.assert_gapless(cluster, acknowledged)
    figures["acknowledged"] = len(acknowledged)
    figures["seconds"] = round(time.monotonic() - started, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description="公开 Gongkai cluster test (tests/cluster/run.py)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, configuration)")
    args = parser.parse_args()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, _terminate)
    folder = Path(tempfile.mkdtemp(prefix="gongkai-cluster-"))
    folder.chmod(0o755)
    cluster = Cluster(folder)
    figures: dict = {"passed": False}
    try:
        run(cluster, figures)
        figures["passed"] = True
    except (Failed, Exception) as exc:
        figures["failure"] = f"{type(exc).__name__}: {exc}"
        traceback.print_exc()
        for name in cluster.processes:
            tail = cluster.log(name)
            if tail.strip():
                print(f"---- {name} (last lines) ----\n{tail[-1500:]}", file=sys.stderr)
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)  # a second signal must not cut the clean-up short
        cluster.close()
        if args.keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(figures, ensure_ascii=False))
    return 0 if figures["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
