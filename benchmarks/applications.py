"""Benchmark: table 三 for an agency with 100,000 applications, on SQLite and on PostgreSQL.

For each database a fresh one is made (a temporary SQLite file; a new PostgreSQL database named
gongkai_bench_<pid> on $BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432, dropped afterwards), the
applications are bulk-inserted with realistic spreads of receipt dates, results and applicant types over three
years, and then timed, each the median of several runs in the same process:

- `table3_s`: `applications.figures.requests_figures(agency, 2025)`, the figures of the annual report;
- `group_by_s`: the baseline, one plain GROUP BY applicant_type, outcome over the same agency's rows.

    .venv/bin/python benchmarks/applications.py [--cases 100000] [--only sqlite|postgres]

Target: table3_s ≤ 0.5 s on each database. Prints a line per database, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta

TARGET_S = 0.5
RUNS = 5


def _populate(n: int) -> object:
    from gongkai.agencies.models import AgencyKind
    from gongkai.agencies.services import create_agency
    from gongkai.applications.choices import ApplicantType, Channel, InfoForm, Obtaining, Status
    from gongkai.applications.models import Application
    from gongkai.core.identifiers import uscc_check_char
    from gongkai.core.report import formats

    base = "11340100MB9999999"
    agency = create_agency(
        code="bench", name="基准测试局", credit_code=base + uscc_check_char(base), kind=AgencyKind.DEPARTMENT
    )
    rng = random.Random(2025)
    results = [k for k in formats.get_template("2021").result_row_keys]
    types = [t.value for t in ApplicantType]
    weights = [70, 12, 2, 3, 5, 8]
    rows = []
    start = date(2024, 1, 1)
    for seq in range(1, n + 1):
        received = start + timedelta(days=rng.randrange(3 * 366))
        decided = received + timedelta(days=rng.randint(1, 45)) if rng.random() < 0.97 else None
        rows.append(
            Application(
                agency=agency,
                number=f"基准依申〔{received.year}〕{seq:06d}号",
                year=received.year,
                seq=seq,
                query_code_hash="-",
                applicant_type=rng.choices(types, weights)[0],
                name="-",
                phone="-",
                info_name="-",
                form=InfoForm.ELECTRONIC,
                obtaining=Obtaining.EMAIL,
                channel=Channel.ONLINE,
                received_on=received,
                status=Status.CLOSED if decided else Status.PROCESSING,
                outcome=rng.choice(results) if decided else "",
                decided_on=decided,
            )
        )
    Application.objects.bulk_create(rows, batch_size=5000)
    return agency


def _time(fn) -> float:
    fn()
    samples = []
    for _ in range(RUNS):
        begin = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - begin)
    return statistics.median(samples)


def run_one(n: int) -> dict:
    """Inside a process whose DATABASE_URL points at an empty database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from gongkai.applications.figures import requests_figures
    from gongkai.applications.models import Application

    call_command("migrate", verbosity=0)
    begin = time.perf_counter()
    agency = _populate(n)
    insert_s = time.perf_counter() - begin
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    figures = requests_figures(agency, 2025)
    baseline = list(
        Application.objects.filter(agency=agency)
        .values("applicant_type", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )

    def table3():
        requests_figures(agency, 2025)

    def group_by():
        list(
            Application.objects.filter(agency=agency)
            .values("applicant_type", "outcome")
            .annotate(n=Count("pk"))
            .order_by()
        )

    table3_s, group_by_s = _time(table3), _time(group_by)
    assert sum(r["n"] for r in baseline) == n
    return {
        "database": connection.vendor,
        "cases": n,
        "insert_s": round(insert_s, 2),
        "table3_s": round(table3_s, 4),
        "group_by_s": round(group_by_s, 4),
        "ratio_to_group_by": round(table3_s / group_by_s, 2),
        "new_2025_total": figures["new"]["total"],
        "meets_target": table3_s <= TARGET_S,
    }


def _child(url: str, n: int, var_dir: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "GONGKAI_VAR_DIR": var_dir}
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--cases", str(n)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"benchmark on {url.split('://')[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="表三统计的性能基准（SQLite 与 PostgreSQL）")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_one(args.cases)))
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        if args.only in (None, "sqlite"):
            results.append(_child(f"sqlite:///{tmp}/bench.sqlite3", args.cases, tmp))
        if args.only in (None, "postgres"):
            server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
            name = f"gongkai_bench_{os.getpid()}"
            subprocess.run(["psql", f"{server}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
            try:
                results.append(_child(f"{server}/{name}", args.cases, tmp))
            finally:
                subprocess.run(
                    ["psql", f"{server}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False
                )
    for r in results:
        print(
            f"{r['database']:<11} {r['cases']} 件：表三 {r['table3_s'] * 1000:.0f} ms，"
            f"单次 GROUP BY {r['group_by_s'] * 1000:.0f} ms（{r['ratio_to_group_by']} 倍），目标 ≤ {TARGET_S * 1000:.0f} ms"
        )
    print(json.dumps({"target_s": TARGET_S, "results": results}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
