"""Benchmark: importing 100,000 decisions (处理决定) from CSV and from XLSX, on SQLite and on PostgreSQL.

For each database a fresh one is made (a temporary SQLite file; a new PostgreSQL database named
gongkai_bench_<pid> on $BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432, dropped afterwards), an
agency's list gets 40 items, and two files of the same rows are written (a GBK CSV and an XLSX, one row per
case as 政务服务 systems export them). Then, in the same process:

- `csv_import_s`, `xlsx_import_s`: the whole import as the staff page runs it — a background job
  (`powers.tasks.run_import`, here run in this process by django-tasks' immediate backend as soon as the job is
  committed, so no worker's polling delay is counted) that reads, validates every row, reports its progress and
  replaces the period's decisions in one transaction;
- `csv_read_s`, `xlsx_read_s`: the baselines, reading the same file with the csv module / openpyxl's
  streaming reader alone, each cell touched, nothing checked or saved.

    .venv/bin/python benchmarks/powers_import.py [--rows 100000] [--only sqlite|postgres]

Targets: a CSV import within `CSV_TARGET_S`, an XLSX import within `XLSX_TARGET_RATIO` × reading the XLSX alone
(openpyxl's reading dominates it). Prints a line per database, then one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

CSV_TARGET_S = 5.0
XLSX_TARGET_RATIO = 2.0
ITEMS = 40
HEADER = ["办件编号", "事项编码", "事项名称", "办结时间", "申请人"]


def _rows(n: int) -> list[list[str]]:
    start = date(2024, 1, 1)
    return [
        [
            f"GK2024{i:08d}",
            f"XK-{i % ITEMS:03d}",
            f"事项{i % ITEMS}",
            f"{start + timedelta(days=i % 366)} 10:{i % 60:02d}:00",
            "某申请人",
        ]
        for i in range(n)
    ]


def _write_files(n: int, directory: Path) -> tuple[Path, Path]:
    from openpyxl import Workbook

    rows = _rows(n)
    csv_path = directory / "export.csv"
    with csv_path.open("w", encoding="gbk", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    xlsx_path = directory / "export.xlsx"
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


def _read_csv(path: Path) -> int:
    cells = 0
    for row in csv.reader(io.StringIO(path.read_bytes().decode("gb18030"))):
        cells += sum(1 for cell in row if cell.strip())
    return cells


def _read_xlsx(path: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        cells += sum(1 for cell in row if cell is not None)
    workbook.close()
    return cells


def _timed(fn) -> tuple[float, object]:
    begin = time.perf_counter()
    result = fn()
    return time.perf_counter() - begin, result


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def run_one(n: int, directory: Path) -> dict:
    """Inside a process whose DATABASE_URL points at an empty database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.files import File
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    from gongkai.agencies.models import AgencyKind
    from gongkai.agencies.services import create_agency
    from gongkai.core.identifiers import uscc_check_char
    from gongkai.powers import import_jobs, services
    from gongkai.powers.models import Decision, ImportJob, ImportStatus

    call_command("migrate", verbosity=0)
    base = "11340100MB9999999"
    agency = create_agency(
        code="bench", name="基准测试局", credit_code=base + uscc_check_char(base), kind=AgencyKind.DEPARTMENT
    )
    power_list = services.start_year(agency, 2024)
    for i in range(ITEMS):
        services.save_item(power_list, code=f"XK-{i:03d}", name=f"事项{i}", category="licensing")
    csv_path, xlsx_path = _write_files(n, directory)
    mapping = {"item_code": "事项编码", "reference": "办件编号", "decided_on": "办结时间"}

    def job_import(path: Path) -> ImportJob:
        with path.open("rb") as fileobj:
            stored = import_jobs.stage(power_list, File(fileobj, name=path.name))
        with override_settings(TASKS=IMMEDIATE):  # the job's task runs here once its transaction commits
            job = import_jobs.submit(
                power_list,
                stored=stored,
                filename=path.name,
                mapping=mapping,
                period_start=date(2024, 1, 1),
                period_end=date(2024, 12, 31),
            )
        job.refresh_from_db()
        return job

    csv_import_s, csv_job = _timed(lambda: job_import(csv_path))
    xlsx_import_s, xlsx_job = _timed(lambda: job_import(xlsx_path))  # replaces the CSV's rows
    csv_read_s, csv_cells = _timed(lambda: _read_csv(csv_path))
    xlsx_read_s, xlsx_cells = _timed(lambda: _read_xlsx(xlsx_path))
    for job in (csv_job, xlsx_job):
        assert (job.status, job.rows_done, job.batch.rows) == (ImportStatus.DONE, n, n), job.errors[:3]
    assert Decision.objects.filter(power_list=power_list).count() == n
    assert csv_cells == xlsx_cells == 5 * (n + 1)
    return {
        "database": connection.vendor,
        "rows": n,
        "csv_mb": round(csv_path.stat().st_size / 2**20, 1),
        "xlsx_mb": round(xlsx_path.stat().st_size / 2**20, 1),
        "csv_import_s": round(csv_import_s, 2),
        "csv_read_s": round(csv_read_s, 2),
        "csv_ratio_to_read": round(csv_import_s / csv_read_s, 1),
        "xlsx_import_s": round(xlsx_import_s, 2),
        "xlsx_read_s": round(xlsx_read_s, 2),
        "xlsx_ratio_to_read": round(xlsx_import_s / xlsx_read_s, 2),
        "meets_target": csv_import_s <= CSV_TARGET_S and xlsx_import_s <= XLSX_TARGET_RATIO * xlsx_read_s,
    }


def _child(url: str, n: int, var_dir: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "GONGKAI_VAR_DIR": var_dir}
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--rows", str(n), "--dir", var_dir],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"benchmark on {url.split('://')[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="处理决定导入的性能基准（CSV 与 XLSX，SQLite 与 PostgreSQL）"
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_one(args.rows, Path(args.dir))))
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        if args.only in (None, "sqlite"):
            results.append(_child(f"sqlite:///{tmp}/bench.sqlite3", args.rows, tmp))
        if args.only in (None, "postgres"):
            server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
            name = f"gongkai_bench_{os.getpid()}"
            subprocess.run(["psql", f"{server}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
            try:
                results.append(_child(f"{server}/{name}", args.rows, tmp))
            finally:
                subprocess.run(
                    ["psql", f"{server}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False
                )
    for r in results:
        print(
            f"{r['database']:<11} {r['rows']} 行：CSV 导入 {r['csv_import_s']} s（仅读取 {r['csv_read_s']} s），"
            f"XLSX 导入 {r['xlsx_import_s']} s（仅读取 {r['xlsx_read_s']} s，{r['xlsx_ratio_to_read']} 倍），"
            f"目标 CSV ≤ {CSV_TARGET_S} s、XLSX ≤ 读取的 {XLSX_TARGET_RATIO} 倍"
        )
    target = {"csv_s": CSV_TARGET_S, "xlsx_ratio_to_read": XLSX_TARGET_RATIO}
    print(json.dumps({"target": target, "results": results}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
