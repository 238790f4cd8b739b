"""Benchmark of the auditor: reports per second per core and peak memory, per input format.

Generates reports of both templates with random, identity-consistent figures, renders them with core/render
(HTML, DOCX, PDF) and the auditor's text layouts into a temporary directory, then audits them one process at a
time. DOCX and PDF are slow to render, so a pool of distinct files is rendered and copied up to the batch size.

    .venv/bin/python benchmarks/audit.py [--batch 1000] [--pool 12]

Prints a table and, last, one JSON line. CPU time (process time) is used, so the figure is per core. Peak memory
is the Python heap peak (tracemalloc) while auditing the whole batch and a quarter of it — equal peaks show that
memory does not grow with the batch — plus the process's maximum resident set size.

Baseline, measured in the same run on the same files: only getting the text out with the library each reader
builds on (decoding for text, lxml for HTML, python-docx for DOCX, pypdfium2 for PDF), with no recognition or
checks. `share_of_raw_read` is audit speed / raw-read speed: how much of the library's own speed survives the
auditor's work on top of it.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import lxml.html
import pypdfium2

from gongkai.core.audit import audit_bytes
from gongkai.core.audit.textforms import LAYOUTS, render_text
from gongkai.core.render.docx import render_docx
from gongkai.core.render.html import render_html
from gongkai.core.render.pdf import render_pdf
from gongkai.core.report.formats import APPEAL_GROUPS, APPLICANT_COLUMN_KEYS, get_template
from gongkai.core.report.model import AnnualReport

FORMATS = ("txt", "html", "docx", "pdf")
TARGETS = {"txt": 200, "html": 200, "docx": 20, "pdf": 5}
AGENCIES = ("市场监督管理局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "人民政府")


def random_report(rng: random.Random, number: int) -> AnnualReport:
    template = rng.choice(("2019", "2021"))
    year = rng.choice((2019, 2020)) if template == "2019" else rng.randint(2021, 2024)
    spec = get_template(template)
    agency = f"示范{number % 97}区{rng.choice(AGENCIES)}"
    requests: dict[str, dict[str, int]] = {row: {} for row in spec.request_row_keys}
    for column in APPLICANT_COLUMN_KEYS:
        results = {row: rng.choice((0, 0, 0, rng.randint(0, 40))) for row in spec.result_row_keys}
        handled = sum(results.values())
        carried_over = rng.randint(0, handled)
        carried_forward = rng.randint(0, 5)
        for row, value in results.items():
            requests[row][column] = value
        requests["carried_over"][column] = carried_over
        requests["carried_forward"][column] = carried_forward
        requests["new"][column] = handled + carried_forward - carried_over
    appeals = {
        f"{g.key}.{c}": rng.randint(0, 3)
        for g in APPEAL_GROUPS
        for c in ("upheld", "corrected", "other", "pending")
    }
    proactive = {
        c.key: Decimal(rng.randint(0, 99999)) / 100
        if c.decimal
        else (rng.randint(-5, 5) if c.signed else rng.randint(0, 500))
        for c in spec.proactive_cells
    }
    government = agency.endswith("人民政府")
    return AnnualReport.from_figures(
        template,
        year,
        agency,
        agency_kind="government" if government else "department",
        published_on=date(year + 1, 1, rng.randint(5, 28)),
        proactive=proactive,
        requests={r: c for r, c in requests.items() if r != "total"},
        appeals=appeals,
        prose={
            "overview": f"{year}年，本机关认真贯彻《中华人民共和国政府信息公开条例》，全年收到政府信息公开申请"
            f"{sum(requests['new'].values())}件。\n（一）主动公开。及时发布各类政府信息。",
            "problems": "一是信息发布的及时性有待提高；二是政策解读形式较为单一。改进情况：建立发布台账，丰富解读形式。"
            + ("全年开展工作考核和社会评议，未发生责任追究。" if government else ""),
            "other": "本年度未收取信息处理费。",
        },
    )


def render(report: AnnualReport, fmt: str, number: int) -> bytes:
    if fmt == "txt":
        return render_text(report, LAYOUTS[number % len(LAYOUTS)]).encode("utf-8")
    if fmt == "html":
        return render_html(report).encode("utf-8")
    if fmt == "docx":
        return render_docx(report)
    return render_pdf(report)


def generate(directory: Path, batch: int, pool: int, seed: int) -> dict[str, list[Path]]:
    """`batch` files per format; txt and html all distinct, DOCX and PDF copies of `pool` distinct files."""
    rng = random.Random(seed)
    files: dict[str, list[Path]] = {}
    for fmt in FORMATS:
        distinct = batch if fmt in ("txt", "html") else min(pool, batch)
        made = []
        for number in range(distinct):
            path = directory / f"{fmt}-{number:05d}.{fmt}"
            path.write_bytes(render(random_report(rng, number), fmt, number))
            made.append(path)
        paths = list(made)
        for number in range(distinct, batch):
            path = directory / f"{fmt}-{number:05d}.{fmt}"
            shutil.copyfile(made[number % distinct], path)
            paths.append(path)
        files[fmt] = paths
    return files


def audit_all(paths: list[Path]) -> tuple[int, int]:
    """Audit every file, keeping only counts (as a streaming batch would); returns (reports, errors)."""
    errors = 0
    for path in paths:
        report = audit_bytes(path.read_bytes(), str(path))
        errors += sum(1 for f in report.findings if f.severity == "error")
    return len(paths), errors


def raw_read(path: Path) -> int:
    """The baseline: the text of the file as the underlying library gives it, nothing more."""
    data = path.read_bytes()
    suffix = path.suffix
    if suffix == ".txt":
        return len(data.decode("utf-8"))
    if suffix == ".html":
        return len(lxml.html.fromstring(data).text_content())
    if suffix == ".docx":
        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return sum(len(p.text) for p in document.paragraphs) + sum(map(len, cells))
    pdf = pypdfium2.PdfDocument(data)
    try:
        return sum(len(page.get_textpage().get_text_range()) for page in pdf)
    finally:
        pdf.close()


def raw_rate(paths: list[Path]) -> float:
    start = time.process_time()
    for path in paths:
        raw_read(path)
    cpu = time.process_time() - start
    return round(len(paths) / cpu, 1) if cpu else float("inf")


def measure(paths: list[Path]) -> dict:
    audit_all(paths[:3])
    start = time.process_time()
    count, errors = audit_all(paths)
    cpu = time.process_time() - start
    peaks = {}
    for label, subset in (("quarter", paths[: max(1, len(paths) // 4)]), ("full", paths)):
        tracemalloc.start()
        audit_all(subset)
        peaks[label] = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()
    rate = round(count / cpu, 1) if cpu else None
    baseline = raw_rate(paths)
    return {
        "reports": count,
        "cpu_seconds": round(cpu, 3),
        "reports_per_s_per_core": rate,
        "raw_read_per_s_per_core": baseline,
        "share_of_raw_read": round(rate / baseline, 3) if rate and baseline else None,
        "peak_kib_quarter_batch": peaks["quarter"],
        "peak_kib_full_batch": peaks["full"],
        "error_findings": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="审核器性能基准：各格式每核每秒审核份数与内存峰值")
    parser.add_argument("--batch", type=int, default=250, help="每种格式的报告份数（默认 250，共 1000 份）")
    parser.add_argument("--pool", type=int, default=12, help="DOCX、PDF 实际生成的不同文件数（其余为复制）")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        started = time.perf_counter()
        files = generate(Path(tmp), args.batch, args.pool, args.seed)
        generated = time.perf_counter() - started
        results = {fmt: measure(files[fmt]) for fmt in FORMATS}
    print(f"生成 {args.batch * len(FORMATS)} 份报告用时 {generated:.1f} 秒", file=sys.stderr)
    print(
        f"{'格式':<6}{'份数':>6}{'份/秒/核':>12}{'目标':>6}{'仅读取':>10}{'峰值KiB(1/4批)':>16}{'峰值KiB(全批)':>14}{'错误项':>8}"
    )
    for fmt, row in results.items():
        print(
            f"{fmt:<8}{row['reports']:>6}{row['reports_per_s_per_core']:>12}{TARGETS[fmt]:>8}"
            f"{row['raw_read_per_s_per_core']:>12}"
            f"{row['peak_kib_quarter_batch']:>16}{row['peak_kib_full_batch']:>14}{row['error_findings']:>8}"
        )
    summary = {
        "batch_per_format": args.batch,
        "total_reports": args.batch * len(FORMATS),
        "formats": results,
        "targets_reports_per_s_per_core": TARGETS,
        "targets_met": all(results[f]["reports_per_s_per_core"] >= TARGETS[f] for f in FORMATS),
        "max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
