"""Benchmark: the public portal with 100,000 published items, served by gunicorn, on SQLite and on PostgreSQL.

For each database a fresh one is made (a temporary SQLite file; a new PostgreSQL database named
gongkai_bench_portal_<pid> on $BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432, dropped
afterwards). A child process migrates it, creates one agency with its 政府信息公开 column and guide, inserts the
items with publishing's bulk helper (`gongkai.publishing.demo.bulk.create_items`) spread over six years, the 15
categories and the topics, and the static files are collected as in production. Then the production setup serves it:
`gongkai serve --production` (gunicorn, its default worker count) with GONGKAI_ENV=production.

Closed-loop load from 32 concurrent clients (threads, one request at a time each, no think time) for a fixed
duration per page, after a warm-up. Each page is measured twice:

- first views (`uncached`): every request asks for a URL not asked before, so none is answered from the portal's
  page cache (the column's own cached data, which changes only on publication, is used as in production);
- repeat views (`cached`): URLs drawn from a small set, as popular pages are, mostly answered from the cache.

The pages:

- `healthz`: the baseline, a trivial Django view (`/healthz`, no database) measured in the same run;
- `catalogue`: the 公开目录 filtered by category, topic and year (all combinations, pages 1–5); repeat views use
  pages 1–20 of three filters;
- `item`: item pages, each of the 100,000 at most once; repeat views use 2,000 of them;
- `search`: a mix of broad words found in half the items (补贴, 名单), words in a tenth or an eighth (社会保障,
  养老保险), two-word queries and narrow ones found in one item (第123号), on pages 1–3; repeat views use 8 words;
- `site_search`: the same queries on the portal's search across all agencies (`/search/`, with snippets).

    .venv/bin/python benchmarks/portal.py [--items 100000] [--seconds 10] [--clients 32]
        [--only sqlite|postgres] [--pages catalogue item search site_search]

Targets, judged on first views: p95 ≤ 100 ms for catalogue and item pages, ≤ 300 ms for the searches, and, since
with closed-loop clients latency follows throughput, requests/s of at least a share of `/healthz`'s in the same
run (TARGET_RPS_VS_HEALTHZ: 0.2 for catalogue and item pages, 0.12 for the searches; `/healthz` is measured again
just before and just after each page's first views, and the ratio is to the mean of those two, so that a change of
load during the run moves both). Prints a line per database
and page (median, p95, requests/s, ratios to the baseline), then one JSON line with every ratio and verdict. The load generator
runs on the same machine and takes its share of the CPU: the figures are for the whole box, client included.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import date, timedelta
from pathlib import Path

TARGET_P95_MS = {"catalogue": 100, "item": 100, "search": 300, "site_search": 300}
TARGET_RPS_VS_HEALTHZ = {"catalogue": 0.2, "item": 0.2, "search": 0.12, "site_search": 0.12}
AGENCY = "bench"
WORDS = ["社会保障", "补贴", "名单", "就业见习", "养老保险", "技能人才", "工伤认定", "失业保险"]
TERMS = [*WORDS, "公共服务", "政策", "标准", "通知", "有关事项", "劳动关系", "人事考试", "职称评审"]
PAGES = ("healthz", "catalogue", "item", "search", "site_search")


# --- the child: build one database -------------------------------------------------------------------------------


def _rows(n: int, rng: random.Random, first: int = 0) -> list[dict]:
    """``n`` items numbered from ``first`` + 1 in their titles (第N号: each number in one item)."""
    from gongkai.publishing.choices import Article20, Genre, Topic

    categories, topics, genres = Article20.values, Topic.values, Genre.values
    subjects = [
        "就业见习",
        "养老保险",
        "技能人才",
        "工伤认定",
        "失业保险",
        "劳动关系",
        "人事考试",
        "职称评审",
    ]
    rows = []
    start = date(2020, 1, 1)
    for i in range(n):
        formed = start + timedelta(days=rng.randrange(6 * 365))
        subject = rng.choice(subjects)
        social = "社会保障" if rng.random() < 0.1 else "公共服务"
        rows.append(
            {
                "title": f"关于{formed.year}年度{subject}有关事项的通知（第{first + i + 1}号）",
                "formed_on": formed,
                "published_on": formed + timedelta(days=rng.randint(0, 15)),
                "category": rng.choice(categories),
                "topic": rng.choice(topics),
                "genre": rng.choice(genres),
                "summary": f"公布{formed.year}年度{subject}的{social}政策、补贴标准和名单。",
                "body": f"<p>根据有关规定，现将{formed.year}年度{subject}有关事项通知如下。</p>" * 3,
            }
        )
    return rows


def populate(n: int) -> dict:
    """Inside a process whose DATABASE_URL points at an empty database; returns the URLs to load."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.management import call_command
    from django.db import connection

    from gongkai.agencies.models import AgencyKind
    from gongkai.agencies.services import create_agency
    from gongkai.core.identifiers import uscc_check_char
    from gongkai.portal import demo as portal_demo
    from gongkai.portal.models import PortalHomePage
    from gongkai.publishing import services
    from gongkai.publishing.demo import bulk
    from gongkai.publishing.models import GuidePage, InformationItemPage

    call_command("migrate", verbosity=0)
    base = "11340100MB9999998"
    agency = create_agency(
        code=AGENCY,
        name="基准测试局",
        credit_code=base + uscc_check_char(base),
        kind=AgencyKind.DEPARTMENT,
        disclosure_office="基准测试局办公室",
        office_phone="0551-0000000",
    )
    portal_demo.load()
    section = services.create_section(agency, PortalHomePage.objects.get())
    guide = section.add_child(instance=GuidePage(title="政府信息公开指南", slug="guide"))
    guide.save_revision().publish()
    rng = random.Random(2026)
    begin = time.perf_counter()
    created = sum(
        bulk.create_items(section, chunk)
        for chunk in (_rows(min(20_000, n - i), rng, first=i) for i in range(0, n, 20_000))
    )
    insert_s = time.perf_counter() - begin
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    slugs = list(InformationItemPage.objects.filter(agency=agency, live=True).values_list("slug", flat=True))
    rng.shuffle(slugs)
    section_url = f"/{AGENCY}/"
    return {
        "database": connection.vendor,
        "items": created,
        "insert_s": round(insert_s, 1),
        "urls": _warm_urls(section_url, slugs, rng),
        "first_views": _cold_urls(section_url, slugs, rng),
    }


def _catalogue(section_url: str, **params) -> str:
    return f"{section_url}catalogue/?{urllib.parse.urlencode({k: v for k, v in params.items() if v})}"


def _search(section_url: str, query: str, page: int = 1) -> str:
    return f"{section_url}search/?{urllib.parse.urlencode({'q': query, 'page': page if page > 1 else ''})}"


def _warm_urls(section_url: str, slugs: list[str], rng: random.Random) -> dict:
    """Repeat views: a few URLs per page, most of them answered from the page cache after the first time."""
    from gongkai.publishing.choices import Article20

    catalogue = []
    for page in range(1, 21):
        catalogue.append(_catalogue(section_url, page=page))
        catalogue.append(_catalogue(section_url, category=rng.choice(Article20.values), page=page))
        catalogue.append(_catalogue(section_url, year=rng.randint(2020, 2025), page=page))
    return {
        "healthz": ["/healthz"],
        "catalogue": catalogue,
        "item": [f"{section_url}{slug}/" for slug in slugs[:2000]],
        "search": [_search(section_url, word) for word in WORDS],
        "site_search": [_search("/", word) for word in WORDS],
    }


def _cold_urls(section_url: str, slugs: list[str], rng: random.Random) -> dict:
    """First views: every URL distinct (shuffled), none among the repeat views' URLs."""
    from gongkai.publishing.choices import Article20, Topic

    catalogue = [
        _catalogue(section_url, category=category, topic=topic, year=year, page=page)
        for category in ["", *Article20.values]
        for topic in ["", *Topic.values]
        for year in ["", *range(2020, 2026)]
        for page in range(1, 6)
        if sum(map(bool, (category, topic, year))) >= 2 or (topic and not category and not year)
    ]
    queries = {(term, page) for term in TERMS for page in (2, 3)}
    queries |= {(f"{a} {b}", page) for a in TERMS for b in TERMS if a < b for page in (1, 2)}
    queries |= {(f"第{n}号", 1) for n in rng.sample(range(1, len(slugs) + 1), min(4000, len(slugs)))}
    search = [_search(section_url, query, page) for query, page in sorted(queries)]
    site_search = [_search("/", query, page) for query, page in sorted(queries)]
    for urls in (catalogue, search, site_search):
        rng.shuffle(urls)
    return {
        "healthz": ["/healthz"],
        "catalogue": catalogue,
        "item": [f"{section_url}{slug}/" for slug in slugs[2000:]],
        "search": search,
        "site_search": site_search,
    }


# --- the parent: serve and load ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(url: str, var_dir: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "GONGKAI_VAR_DIR": var_dir,
        "GONGKAI_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GONGKAI_SSL_REDIRECT": "0",
        "GONGKAI_LOG_LEVEL": "ERROR",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def _get(target, path: str) -> tuple[int, float]:
    """One request on a new connection: `target` is a port on 127.0.0.1 (plain HTTP to gunicorn) or a callable
    returning a new connection (benchmarks/province.py: HTTPS through nginx)."""
    begin = time.perf_counter()
    conn = target() if callable(target) else http.client.HTTPConnection("127.0.0.1", target, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "localhost"})
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        conn.close()
    return status, time.perf_counter() - begin


class _Urls:
    """What the clients ask for: a random URL of a small set each time (repeat views), or each URL of a long list
    once, in order, shared by all clients (first views)."""

    def __init__(self, urls: list[str], once: bool):
        self.urls, self.once = urls, once
        self._next = iter(urls)
        self._lock = threading.Lock()

    def pick(self, rng: random.Random) -> str | None:
        if not self.once:
            return rng.choice(self.urls)
        with self._lock:
            return next(self._next, None)


def _load(target, urls: _Urls, clients: int, seconds: float) -> dict:
    """`clients` threads requesting URLs back to back for `seconds`; latencies and throughput."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        mine, failed = [], 0
        while time.perf_counter() < stop and (path := urls.pick(rng)) is not None:
            status, elapsed = _get(target, path)
            if status == 200:
                mine.append(elapsed)
            else:
                failed += 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    begin = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - begin
    latencies.sort()
    if not latencies:
        return {"requests": 0, "errors": errors[0], "median_ms": None, "p95_ms": None, "rps": 0}
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1),
        "rps": round(len(latencies) / wall, 1),
    }


def _measure(target, urls: list[str], once: bool, clients: int, seconds: float) -> dict:
    source = _Urls(urls, once)
    _load(target, source, clients, min(2.0, seconds))  # warm-up (first views: these URLs are then used up)
    figures = _load(target, source, clients, seconds)
    if once and len(urls) < figures["requests"] * 3:
        figures["note"] = "first-view URLs nearly used up; raise --items or lower --seconds"
    return figures


def _against_baseline(
    target, healthz_urls: list[str], clients: int, seconds: float, measure
) -> tuple[dict, float]:
    """`measure()` between two measurements of `/healthz`: its figures and the baseline's requests/s, the mean of
    the two around it. A machine whose load changes during the run changes the page and its baseline alike, which a
    single baseline measured at the start would not."""
    before = _measure(target, healthz_urls, False, clients, seconds / 2)
    figures = measure()
    after = _measure(target, healthz_urls, False, clients, seconds / 2)
    return figures, (before["rps"] + after["rps"]) / 2


def _serve_and_load(
    url: str, var_dir: str, built: dict, clients: int, seconds: float, pages_wanted: list[str]
) -> dict:
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gongkai"),
            "serve",
            "--production",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=_env(url, var_dir),
        stdout=subprocess.DEVNULL,
        stderr=open(Path(var_dir) / "gunicorn.log", "w"),  # noqa: SIM115 - closed with the process
    )
    try:
        deadline = time.time() + 60
        while _get(port, "/healthz")[0] != 200:
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit(
                    f"gunicorn did not start:\n{(Path(var_dir) / 'gunicorn.log').read_text()[-3000:]}"
                )
            time.sleep(0.3)
        for page in PAGES:  # every URL answers, before timing anything
            for path in built["urls"][page][:3]:
                status, _ = _get(port, path)
                if status != 200:
                    log = (Path(var_dir) / "gunicorn.log").read_text()[-3000:]
                    raise SystemExit(f"{path} answered {status}:\n{log}")
        base = _measure(port, built["urls"]["healthz"], False, clients, seconds)
        pages = {"healthz": base}
        for page in pages_wanted:
            first, first_base = _against_baseline(
                port,
                built["urls"]["healthz"],
                clients,
                seconds,
                lambda page=page: _measure(port, built["first_views"][page], True, clients, seconds),
            )
            repeat = _measure(port, built["urls"][page], False, clients, seconds)
            for figures in (first, repeat):
                if figures["median_ms"] is not None:
                    figures["median_vs_healthz"] = round(figures["median_ms"] / base["median_ms"], 1)
                    figures["rps_vs_healthz"] = round(figures["rps"] / first_base, 3)
                    figures["healthz_rps_around"] = round(first_base, 1)
            pages[page] = {
                "uncached": first,
                "cached": repeat,
                "meets_target": first["p95_ms"] is not None
                and first["p95_ms"] <= TARGET_P95_MS[page]
                and not first["errors"],
                "meets_ratio": first.get("rps_vs_healthz", 0) >= TARGET_RPS_VS_HEALTHZ[page]
                and not first["errors"],
            }
        return {
            "database": built["database"],
            "items": built["items"],
            "insert_s": built["insert_s"],
            "pages": pages,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def _run(url: str, var_dir: str, n: int, args: argparse.Namespace) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--items", str(n)],
        env={**os.environ, "DATABASE_URL": url, "GONGKAI_VAR_DIR": var_dir},
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"building the {url.split('://')[0]} database failed:\n{out.stderr[-3000:]}")
    built = json.loads(out.stdout.strip().splitlines()[-1])
    gongkai = str(Path(sys.executable).parent / "gongkai")
    subprocess.run([gongkai, "collectstatic", "--noinput", "-v0"], env=_env(url, var_dir), check=True)
    return _serve_and_load(url, var_dir, built, args.clients, args.seconds, args.pages)


def _line(f: dict) -> str:
    ratio = f"，中位数为基线的 {f['median_vs_healthz']} 倍" if "median_vs_healthz" in f else ""
    return f"中位数 {f['median_ms']} ms，p95 {f['p95_ms']} ms，{f['rps']} 次/秒，错误 {f['errors']}{ratio}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="公众门户的性能基准（gunicorn，SQLite 与 PostgreSQL）")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument(
        "--pages", nargs="+", choices=PAGES[1:], default=list(PAGES[1:]), help="只测这些页面（基线总会测）"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(populate(args.items), ensure_ascii=False))
        return 0
    results = []
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory(prefix="gongkai-bench-portal-") as tmp:
            results.append(_run(f"sqlite:///{tmp}/bench.sqlite3", tmp, args.items, args))
    if args.only in (None, "postgres"):
        server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
        name = f"gongkai_bench_portal_{os.getpid()}"
        subprocess.run(["psql", f"{server}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
        tmp = tempfile.mkdtemp(prefix="gongkai-bench-portal-")
        try:
            results.append(_run(f"{server}/{name}", tmp, args.items, args))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            subprocess.run(
                ["psql", f"{server}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False
            )
    for r in results:
        print(
            f"{r['database']}：{r['items']} 条公开信息（批量写入 {r['insert_s']} s），{args.clients} 个并发客户端"
        )
        print(f"  {'healthz':<10} {_line(r['pages']['healthz'])}（基线）")
        for page in PAGES[1:]:
            if page not in r["pages"]:
                continue
            figures = r["pages"][page]
            verdict = "达到" if figures["meets_target"] else "未达到"
            ratio = "达到" if figures["meets_ratio"] else "未达到"
            print(
                f"  {page:<10} 首次访问 {_line(figures['uncached'])}，{verdict}目标 p95 ≤ {TARGET_P95_MS[page]} ms，"
                f"{ratio}目标 每秒请求数 ≥ 基线的 {TARGET_RPS_VS_HEALTHZ[page]}"
            )
            print(f"  {'':<10} 重复访问 {_line(figures['cached'])}")
    print(
        json.dumps(
            {
                "targets_p95_ms": TARGET_P95_MS,
                "targets_rps_vs_healthz": TARGET_RPS_VS_HEALTHZ,
                "clients": args.clients,
                "ratios": {
                    r["database"]: {
                        page: figures["uncached"].get("rps_vs_healthz")
                        for page, figures in r["pages"].items()
                        if page != "healthz"
                    }
                    for r in results
                },
                "results": results,
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
