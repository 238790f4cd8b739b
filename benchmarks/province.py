"""Benchmark: a province on the multi-node deployment (issue 20, item 7) — the portal's first views through nginx
and two app nodes, the supervising office's pages, memory of the web workers.

For each `--scale` (1: 3,000 agencies in a four-level tree, 1,000,000 published items, 300,000 applications in the
report year, 200,000 decisions; see benchmarks/province_parts/province_data.py, which generates them in bulk), the stack of the
cluster test is started on loopback with tests/cluster/processes.py: a fresh PostgreSQL database named
gongkai_province_<pid>_<n>, redis-server, moto's S3 server, `gongkai collectstatic`, two app nodes (`gongkai serve
--production`, 2 gunicorn workers each, own GONGKAI_VAR_DIR), two `gongkai db_worker` and Debian's nginx with
deploy/'s site in front (HTTPS). Everything is stopped and the database dropped afterwards.

Measured, in the same run:

- the portal through nginx with benchmarks/portal.py's closed-loop load (`--clients` threads, a new HTTPS
  connection per request, first views only: every URL asked once): `/healthz` (the baseline, measured just
  before and just after each page; the ratio is to the mean of the two), the bench
  department's catalogue, its item pages (a tenth of all items are in its column), its search, and the site
  search across all agencies. Target: requests/s at least 0.2 (catalogue, item) and 0.12 (searches) of the
  baseline's; with several scales, also how each ratio at the largest scale compares with the smallest's;
- the supervising office of the province (Django's test client in a process of its own, the nodes' settings):
  the supervision page of the province for the report year (≤ 2 s), the province's consolidated annual report
  (its draft page: the report assembled from every agency's records and checked, ≤ 10 s) and the XLSX of all
  agencies' figures (≤ 10 s); each asked twice, judged on the slower;
- the resident memory (RSS) of every gunicorn worker, sampled during the portal load: flat when no worker grew by
  more than 10 % from the end of the warm-up to the end of the load.

    .venv/bin/python benchmarks/province.py [--scale 0.01 ...] [--seconds 10] [--clients 32]

Prints a line per scale and measurement, then one JSON line with every figure, ratio and verdict. The load
generator and the data generator run on the same machine as the services: the figures are for the whole box.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE / "province_parts"), str(HERE.parent / "tests" / "cluster")]

import portal  # noqa: E402 - the load generator
import province_data  # noqa: E402
from processes import Cluster, wait_until  # noqa: E402 - the cluster test's services

TARGET_RPS_VS_HEALTHZ = portal.TARGET_RPS_VS_HEALTHZ
TARGET_STAFF_S = {"supervision": 2.0, "consolidated_report": 10.0, "figures_xlsx": 10.0}
RSS_GROWTH = 0.10
PAGES = ("catalogue", "item", "search", "site_search")


# --- the supervising office's pages (a child process with the nodes' environment) ------------------------------


def time_staff_pages() -> dict:
    """The supervising office's pages in a process set up as a web worker is (`gongkai.wsgi`: the web's settings,
    and what was loaded kept out of the garbage collector's sight): otherwise every full collection during a
    province's page walks every module and object loaded, which a web node's does not."""
    import logging

    import gongkai.wsgi  # noqa: F401 - Django set up as on the nodes

    logging.disable(logging.WARNING)
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from gongkai.agencies.models import Agency

    client = Client(HTTP_HOST="localhost", secure=True)
    client.force_login(get_user_model().objects.get(username=province_data.SUPERVISOR))
    code, year = "prov", province_data.YEAR
    urls = {
        "supervision": reverse("reports:supervision", args=[code, year]),
        "consolidated_report": reverse("reports:draft", args=[code, year]),
        "figures_xlsx": reverse("reports:supervision_xlsx", args=[code, year]),
    }
    if client.get("/admin/").status_code != 200:  # imports and templates loaded before timing
        raise SystemExit("the admin's dashboard does not answer for the supervising office")
    out: dict = {}
    for name, url in urls.items():
        runs = []
        for _ in range(2):
            begin = time.perf_counter()
            response = client.get(url)
            runs.append(round(time.perf_counter() - begin, 2))
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        out[name] = {"url": url, "runs_s": runs, "bytes": len(response.content)}
        if name == "supervision":  # every agency of the province listed
            page = response.content.decode()
            names = list(Agency.objects.values_list("name", flat=True))
            out[name]["agencies_listed"] = sum(1 for n in names if n in page)
            out[name]["agencies"] = len(names)
    return out


# --- the stack --------------------------------------------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssSampler(threading.Thread):
    """The RSS of every gunicorn worker (the nodes' processes that have no child) each half second."""

    def __init__(self, roots: list[int]):
        super().__init__(daemon=True)
        self.roots, self.samples, self.stop = roots, {}, threading.Event()
        self.marks: dict[str, dict[int, float]] = {}

    def workers(self) -> list[int]:
        every = [p for root in self.roots for p in _descendants(root)]
        return [p for p in every if not _descendants(p)]

    def now(self) -> dict[int, float]:
        return {p: rss for p in self.workers() if (rss := _rss_mb(p)) is not None}

    def mark(self, name: str) -> None:
        self.marks[name] = self.now()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            for pid, rss in self.now().items():
                self.samples.setdefault(pid, []).append(rss)

    def figures(self) -> dict:
        start, end = self.marks.get("warm", {}), self.marks.get("end", {})
        workers = {
            str(pid): {
                "after_warmup_mb": round(start[pid], 1),
                "end_mb": round(end[pid], 1),
                "max_mb": round(max(self.samples.get(pid, [end[pid]])), 1),
                "growth": round(end[pid] / start[pid] - 1, 3),
            }
            for pid in start
            if pid in end
        }
        return {
            "workers": workers,
            "flat": bool(workers) and all(w["growth"] <= RSS_GROWTH for w in workers.values()),
            "replaced_workers": sorted(set(start) ^ set(end)),
        }


def _ready(base: str) -> bool:
    try:
        conn = http.client.HTTPConnection(
            base.split("//")[1].split(":")[0], int(base.rsplit(":", 1)[1]), timeout=5
        )
        conn.request("GET", "/readyz", headers={"Host": "localhost"})
        return conn.getresponse().status == 200
    except OSError:
        return False


def _child(cluster: Cluster, var: Path, args: list[str], timeout: float) -> dict:
    """A child process with the nodes' environment; its last output line is JSON."""
    out = subprocess.run(
        [sys.executable, *args],
        env=cluster.node_env(var),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"{args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_scale(scale: float, index: int, args: argparse.Namespace) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="gongkai-province-"))
    folder.chmod(0o755)
    cluster = Cluster(folder)
    cluster.database = f"gongkai_province_{os.getpid()}_{index}"
    try:
        cluster.ports.update(http=portal._free_port(), https=portal._free_port())
        database_url = cluster.create_database()
        cluster.env = cluster.app_environment(database_url, cluster.start_redis(), cluster.start_s3(), {})
        var_a, var_b = folder / "node-a", folder / "node-b"
        begin = time.perf_counter()
        built = _child(
            cluster,
            var_a,
            [str(HERE / "province_parts" / "province_data.py"), "--scale", str(scale)],
            6 * 3600,
        )
        built["seconds"]["total"] = round(time.perf_counter() - begin, 1)
        cluster.gongkai([(["collectstatic", "--noinput", "-v0"], var_a)], 900)
        shutil.copytree(var_a / "static", var_b / "static")
        for name, var in (("worker-a", var_a), ("worker-b", var_b)):
            cluster.start_worker(name, var)
        nodes = {"node-a": cluster.start_node("node-a", var_a), "node-b": cluster.start_node("node-b", var_b)}
        certificate = cluster.start_nginx(var_a / "static")
        for name, base in nodes.items():
            wait_until(f"{name}'s /readyz", lambda b=base, n=name: cluster.running(n) or _ready(b), 300)
        tls = ssl.create_default_context(cafile=certificate)
        port = cluster.ports["https"]

        def connect() -> http.client.HTTPSConnection:
            return http.client.HTTPSConnection("127.0.0.1", port, timeout=60, context=tls)

        for page in ("healthz", *PAGES):  # every kind of page answers through nginx before anything is timed
            for path in built["urls"][page][:3]:
                status, _ = portal._get(connect, path)
                if status != 200:
                    raise SystemExit(f"{path} answered {status}:\n{cluster.log('node-a')}")
        sampler = RssSampler([cluster.processes["node-a"].pid, cluster.processes["node-b"].pid])
        sampler.start()
        base = portal._measure(connect, built["urls"]["healthz"], False, args.clients, args.seconds)
        sampler.mark("warm")
        pages: dict = {"healthz": base}
        for page in args.pages:
            first, around = portal._against_baseline(
                connect,
                built["urls"]["healthz"],
                args.clients,
                args.seconds,
                lambda page=page: portal._measure(
                    connect, built["first_views"][page], True, args.clients, args.seconds
                ),
            )
            if first["median_ms"] is not None:
                first["rps_vs_healthz"] = round(first["rps"] / around, 3)
                first["healthz_rps_around"] = round(around, 1)
            first["meets_ratio"] = (
                first.get("rps_vs_healthz", 0) >= TARGET_RPS_VS_HEALTHZ[page] and not first["errors"]
            )
            pages[page] = first
        sampler.mark("end")
        sampler.stop.set()
        staff = _child(cluster, var_a, [__file__, "--staff"], 3600)
        for name, figures in staff.items():
            figures["meets_target"] = max(figures["runs_s"]) <= TARGET_STAFF_S[name]
        return {
            **{k: v for k, v in built.items() if k not in ("urls", "first_views")},
            "pages": pages,
            "staff": staff,
            "memory": sampler.figures(),
        }
    finally:
        cluster.close()
        shutil.rmtree(folder, ignore_errors=True)


def _print(result: dict, clients: int) -> None:
    s = result["seconds"]
    print(
        f"规模 {result['scale']}：{result['agencies']} 个机关，{result['items']} 条公开信息（基准栏目 "
        f"{result['bench_items']} 条），{result['applications']} 件申请，{result['decisions']} 件处理决定；"
        f"生成用时 {s['total']} s（{', '.join(f'{k} {v} s' for k, v in s.items() if k != 'total')}）"
    )
    print(f"  经 nginx 与两个应用节点，{clients} 个并发客户端，首次访问：")
    print(f"    {'healthz':<12} {portal._line(result['pages']['healthz'])}（基线）")
    for page, f in result["pages"].items():
        if page == "healthz":
            continue
        verdict = "达到" if f["meets_ratio"] else "未达到"
        print(
            f"    {page:<12} {portal._line(f)}，为基线的 {f.get('rps_vs_healthz')}，"
            f"{verdict}目标 ≥ {TARGET_RPS_VS_HEALTHZ[page]}"
        )
    for name, f in result["staff"].items():
        verdict = "达到" if f["meets_target"] else "未达到"
        print(f"  {name:<20} {' / '.join(map(str, f['runs_s']))} s，{verdict}目标 ≤ {TARGET_STAFF_S[name]} s")
    listed = result["staff"]["supervision"]
    print(f"  监督页列出 {listed['agencies_listed']} / {listed['agencies']} 个机关")
    memory = result["memory"]
    growth = ", ".join(f"{w['after_warmup_mb']}→{w['end_mb']} MB" for w in memory["workers"].values())
    print(f"  web 进程内存（RSS）{growth}；{'平稳' if memory['flat'] else '增长超过 10 %'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="一个省的规模基准（PostgreSQL、Redis、对象存储、nginx 与两个应用节点）"
    )
    parser.add_argument(
        "--scale", type=float, nargs="+", default=[1.0], help="1 为 3000 个机关、100 万条信息"
    )
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES))
    parser.add_argument("--staff", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.staff:
        print(json.dumps(time_staff_pages(), ensure_ascii=False))
        return 0
    results = []
    for index, scale in enumerate(sorted(args.scale)):
        results.append(run_scale(scale, index, args))
        _print(results[-1], args.clients)
    largest, smallest = results[-1], results[0]
    verdicts = {
        **{page: largest["pages"][page]["meets_ratio"] for page in args.pages},
        **{name: f["meets_target"] for name, f in largest["staff"].items()},
        "memory_flat": largest["memory"]["flat"],
    }
    across = {
        page: round(largest["pages"][page]["rps_vs_healthz"] / smallest["pages"][page]["rps_vs_healthz"], 2)
        for page in args.pages
        if len(results) > 1
        and largest["pages"][page].get("rps_vs_healthz")
        and smallest["pages"][page].get("rps_vs_healthz")
    }
    if across:
        print(f"最大规模与最小规模的比值之比：{across}")
    print(
        json.dumps(
            {
                "targets_rps_vs_healthz": TARGET_RPS_VS_HEALTHZ,
                "targets_staff_s": TARGET_STAFF_S,
                "clients": args.clients,
                "scales": [r["scale"] for r in results],
                "ratios": {
                    str(r["scale"]): {p: r["pages"][p].get("rps_vs_healthz") for p in args.pages}
                    for r in results
                },
                "largest_vs_smallest": across,
                "staff_s": {
                    str(r["scale"]): {n: f["runs_s"] for n, f in r["staff"].items()} for r in results
                },
                "verdicts": verdicts,
                "results": results,
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
