"""Benchmark: assembling the annual report, on SQLite and on PostgreSQL, and rendering it in every format.

For each database a fresh one is made (a temporary SQLite file; a new PostgreSQL database named
gongkai_bench_report_<pid> on $BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432, dropped afterwards)
and filled in bulk:

- one department with 100,000 applications (received over 2024–2026, results and applicant types spread
  realistically), 100,000 published items (`gongkai.publishing.demo.bulk.create_items`, a share of them 规章 and
  规范性文件), a power list of 300 items with decisions, and 40 appeal cases;
- a government with 200 departments, each with 500 applications and a 30-item power list (100,000 applications
  in all).

Timed, each the median of several runs in the same process:

- `agency_s`: `reports.assembly.checked(department, 2025)` of a started report — every table, the office's prose,
  all the checks (what the editing page, the API and `gongkai report` do);
- `first_draft_s`: the same before the report is started, so the prose is drafted from the records too (done
  once, when the office starts the report); `government_first_draft_s` likewise for the government;
- `table3_s`: the baseline, `applications.figures.requests_figures(department, 2025)` alone (table 三 is the
  largest part of the work), and the ratio;
- `government_s`: `reports.assembly.checked(government, 2025)` of a started report — the consolidated report
  over 200 departments;
- `render_<fmt>_s`: rendering the department's report as HTML, DOCX, PDF, XLSX and JSON, each separately
  (PDF once: it is rendered in the background at publication).

    .venv/bin/python benchmarks/report.py [--applications 100000] [--items 100000] [--departments 200]
                                          [--only sqlite|postgres]

Targets: agency_s ≤ 1 s, government_s ≤ 10 s. Prints a line per database, then one JSON line.
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

AGENCY_TARGET_S = 1.0
GOVERNMENT_TARGET_S = 10.0
RUNS = 5
YEAR = 2025


def _credit(n: int) -> str:
    from gongkai.core.identifiers import uscc_check_char

    base = f"11340100MB{n:07d}"
    return base + uscc_check_char(base)


def _applications(agency, n: int, rng: random.Random, first_seq: int = 1) -> None:
    from gongkai.applications.choices import ApplicantType, Channel, InfoForm, Obtaining, Status
    from gongkai.applications.models import Application
    from gongkai.core.report import formats

    results = list(formats.get_template("2021").result_row_keys)
    types = [t.value for t in ApplicantType]
    weights = [70, 12, 2, 3, 5, 8]
    rows = []
    start = date(YEAR - 1, 1, 1)
    for seq in range(first_seq, first_seq + n):
        received = start + timedelta(days=rng.randrange(3 * 365))
        decided = received + timedelta(days=rng.randint(1, 45)) if rng.random() < 0.97 else None
        outcome = rng.choice(results) if decided else ""
        due = received + timedelta(days=28)
        rows.append(
            Application(
                agency=agency,
                number=f"{agency.code}〔{received.year}〕{seq:06d}号",
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
                outcome=outcome,
                decided_on=decided,
                counted_outcome=outcome,
                counted_on=decided,
                due=due,
            )
        )
    Application.objects.bulk_create(rows, batch_size=5000)


def _power_list(agency, n_items: int, rng: random.Random) -> None:
    from gongkai.powers.categories import Category
    from gongkai.powers.models import Decision, PowerItem, PowerList

    power_list = PowerList.objects.create(agency=agency, year=YEAR)
    categories = [c.value for c in Category]
    PowerItem.objects.bulk_create(
        [
            PowerItem(
                power_list=power_list,
                code=f"SX-{i:04d}",
                name=f"事项 {i}",
                category=rng.choice(categories),
                added_on=date(YEAR, rng.randint(1, 12), 1) if rng.random() < 0.1 else None,
            )
            for i in range(n_items)
        ]
    )
    items = PowerItem.objects.filter(power_list=power_list)
    Decision.objects.bulk_create(
        [Decision(power_list=power_list, item=item, count=rng.randint(0, 500)) for item in items]
    )


def _appeals(agency, n: int, rng: random.Random) -> None:
    from gongkai.powers.models import AppealCase

    kinds = ["review", "litigation_direct", "litigation_after_review"]
    results = ["upheld", "corrected", "other", "pending"]
    AppealCase.objects.bulk_create(
        [
            AppealCase(
                agency=agency,
                kind=rng.choice(kinds),
                case_number=f"案-{i}",
                applicant="-",
                concerns="-",
                body="-",
                filed_on=date(YEAR, rng.randint(1, 12), rng.randint(1, 28)),
                result=(result := rng.choice(results)),
                result_known_on=None if result == "pending" else date(YEAR + 1, 1, 15),
            )
            for i in range(n)
        ]
    )


def _items(agency, n: int, rng: random.Random) -> None:
    from gongkai.portal import demo as portal_demo
    from gongkai.portal.models import PortalHomePage
    from gongkai.publishing import services
    from gongkai.publishing.choices import Article20, DocumentKind
    from gongkai.publishing.demo import bulk

    portal_demo.load()
    section = services.create_section(agency, PortalHomePage.objects.get())
    categories = Article20.values
    kinds = [DocumentKind.RULES.value, DocumentKind.NORMATIVE.value]

    def rows(count: int):
        for _ in range(count):
            formed = date(YEAR - 2, 1, 1) + timedelta(days=rng.randrange(3 * 365))
            row = {
                "title": f"关于{formed.year}年度某项工作的通知",
                "formed_on": formed,
                "category": rng.choice(categories),
                "summary": "某项工作的安排。",
            }
            if rng.random() < 0.05:
                row["document_kind"] = rng.choice(kinds)
            yield row

    for start in range(0, n, 20_000):
        bulk.create_items(section, list(rows(min(20_000, n - start))))


def populate(applications: int, items: int, departments: int) -> tuple:
    from gongkai.agencies.models import AgencyKind
    from gongkai.agencies.services import create_agency

    rng = random.Random(YEAR)
    department = create_agency(
        code="bench-dept",
        name="基准测试局",
        credit_code=_credit(9_000_001),
        kind=AgencyKind.DEPARTMENT,
        disclosure_office="基准测试局办公室",
    )
    _applications(department, applications, rng)
    _power_list(department, 300, rng)
    _appeals(department, 40, rng)
    if items:
        _items(department, items, rng)
    government = create_agency(
        code="bench-gov",
        name="基准测试区人民政府",
        credit_code=_credit(9_000_002),
        kind=AgencyKind.GOVERNMENT,
    )
    per = applications // max(departments, 1) if departments else 0
    for i in range(departments):
        child = create_agency(
            code=f"bench-d{i:03d}",
            name=f"基准测试区第{i}局",
            credit_code=_credit(9_100_000 + i),
            kind=AgencyKind.DEPARTMENT,
            parent=government,
        )
        _applications(child, per, rng)
        _power_list(child, 30, rng)
    return department, government


def _time(fn, runs: int = RUNS) -> float:
    fn()
    samples = []
    for _ in range(runs):
        begin = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - begin)
    return statistics.median(samples)


def run_one(applications: int, items: int, departments: int) -> dict:
    """Inside a process whose DATABASE_URL points at an empty database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.management import call_command
    from django.db import connection

    from gongkai.applications.figures import requests_figures
    from gongkai.core.render import FORMATS, render
    from gongkai.core.render.pdf import MissingFontError
    from gongkai.core.report.model import ERROR
    from gongkai.reports import assembly
    from gongkai.reports.services import drafting

    call_command("migrate", verbosity=0)
    begin = time.perf_counter()
    department, government = populate(applications, items, departments)
    insert_s = time.perf_counter() - begin
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    first_draft_s = _time(lambda: assembly.checked(department, YEAR), runs=3)
    government_first_draft_s = _time(lambda: assembly.checked(government, YEAR), runs=1)
    drafting.get_or_start(department, YEAR, None)
    drafting.get_or_start(government, YEAR, None)
    report = assembly.checked(department, YEAR)
    consolidated = assembly.checked(government, YEAR)
    agency_s = _time(lambda: assembly.checked(department, YEAR))
    table3_s = _time(lambda: requests_figures(department, YEAR))
    government_s = _time(lambda: assembly.checked(government, YEAR), runs=3)
    rendering = {}
    for fmt in FORMATS:
        try:
            rendering[f"render_{fmt}_s"] = round(
                _time(lambda f=fmt: render(report, f), runs=1 if fmt == "pdf" else 3), 3
            )
        except MissingFontError:
            rendering[f"render_{fmt}_s"] = None
    return {
        "database": connection.vendor,
        "applications": applications,
        "items": items,
        "departments": departments,
        "insert_s": round(insert_s, 1),
        "agency_s": round(agency_s, 3),
        "table3_s": round(table3_s, 3),
        "ratio_to_table3": round(agency_s / table3_s, 2),
        "government_s": round(government_s, 3),
        "first_draft_s": round(first_draft_s, 3),
        "government_first_draft_s": round(government_first_draft_s, 3),
        **rendering,
        "new_total": report.value("requests", "new", "total"),
        "published_rules": report.value("proactive", "normative_documents.in_force"),
        "government_new_total": consolidated.value("requests", "new", "total"),
        "errors": len([f for f in report.findings + consolidated.findings if f.severity == ERROR]),
        "meets_target": agency_s <= AGENCY_TARGET_S and government_s <= GOVERNMENT_TARGET_S,
    }


def _child(url: str, args: argparse.Namespace, var_dir: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "GONGKAI_VAR_DIR": var_dir}
    command = [
        sys.executable,
        __file__,
        "--child",
        "--applications",
        str(args.applications),
        "--items",
        str(args.items),
        "--departments",
        str(args.departments),
    ]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"benchmark on {url.split('://')[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="年度报告生成的性能基准（SQLite 与 PostgreSQL）")
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_one(args.applications, args.items, args.departments)))
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        if args.only in (None, "sqlite"):
            results.append(_child(f"sqlite:///{tmp}/bench.sqlite3", args, tmp))
        if args.only in (None, "postgres"):
            server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
            name = f"gongkai_bench_report_{os.getpid()}"
            subprocess.run(["psql", f"{server}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
            try:
                results.append(_child(f"{server}/{name}", args, tmp))
            finally:
                subprocess.run(
                    ["psql", f"{server}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False
                )
    for r in results:
        renders = "，".join(
            f"{k[7:-2]} {v * 1000:.0f} ms" for k, v in r.items() if k.startswith("render_") and v is not None
        )
        print(
            f"{r['database']:<11} 一个机关（{r['applications']} 件申请、{r['items']} 条信息）：{r['agency_s'] * 1000:.0f} ms"
            f"（表三单独 {r['table3_s'] * 1000:.0f} ms，{r['ratio_to_table3']} 倍；目标 ≤ {AGENCY_TARGET_S * 1000:.0f} ms）；"
            f"首次起草 {r['first_draft_s'] * 1000:.0f} ms；"
            f"政府汇总 {r['departments']} 个部门：{r['government_s']:.2f} s（目标 ≤ {GOVERNMENT_TARGET_S:.0f} s，"
            f"首次起草 {r['government_first_draft_s']:.2f} s）；"
            f"生成文件：{renders}"
        )
    print(
        json.dumps(
            {
                "agency_target_s": AGENCY_TARGET_S,
                "government_target_s": GOVERNMENT_TARGET_S,
                "results": results,
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
