"""Benchmark of the auditor: reports per second per core (CPU time) and memory, per input format.

Reports come from core/audit/samples.py (both templates, realistic identity-consistent figures) and are rendered
by core/render (HTML, DOCX, PDF) and the auditor's text forms into a temporary directory:

- ``txt``: text copied off a page (core/audit/textforms.py: one cell per line, `|` rows, tab rows, glued digits);
- ``txt-flat``: the forms crawlers and converters serve (core/audit/flattenings.py: one line, spaces here and
  there, other numbering, PDF-to-markdown, crawler metadata and chrome);
- ``html``, ``docx``, ``pdf``: core/render's output (DOCX and PDF are slow to render, so a pool of distinct
  files is rendered and copied up to the batch size, for each round anew).

Each file is audited through ``gongkai.core.audit.audit_bytes``. The baseline, measured in the same run on the
same files, is the library each reader builds on getting the text out and nothing more (decoding for text,
lxml for HTML, python-docx for DOCX, pypdfium2's text extraction for PDF); audit and baseline are timed in
alternating rounds so that a change of load on the machine affects both. Each round audits files of its own,
after a warm-up on others: the auditor caches what recurs between reports (labels, lines, runs of digits), and a
round on files it has audited already takes about a quarter fewer instructions than a batch of new reports.
Memory: the Python heap peak (tracemalloc) over a quarter of the batch and over all of it — equal peaks mean
memory does not grow with the batch.

Targets (issue 18): ≥ 1,000 reports/s/core for text and HTML, ≥ 200 for DOCX, and PDF at ≥ 80 % of pypdfium2's
own text-extraction speed.

    .venv/bin/python benchmarks/audit.py [--batch 400] [--pool 12] [--rounds 3]

Prints a table and, last, one JSON line.
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
from pathlib import Path

import docx
import lxml.html
import pypdfium2

from gongkai.core.audit import audit_bytes
from gongkai.core.audit.flattenings import FORMS, flatten
from gongkai.core.audit.samples import random_report
from gongkai.core.audit.textforms import LAYOUTS, render_text
from gongkai.core.render.docx import render_docx
from gongkai.core.render.html import render_html
from gongkai.core.render.pdf import render_pdf

FORMATS = ("txt", "txt-flat", "html", "docx", "pdf")
SUFFIX = {"txt": ".txt", "txt-flat": ".txt", "html": ".html", "docx": ".docx", "pdf": ".pdf"}
TARGETS = {"txt": 1000, "txt-flat": 1000, "html": 1000, "docx": 200}  # reports per second per core
PDF_SHARE = 0.8  # PDF: of pypdfium2's own text-extraction speed
WARM = 20  # files per format audited before the timed rounds, none of them timed


def render(report, fmt: str, number: int, rng: random.Random) -> bytes:
    if fmt == "txt":
        return render_text(report, LAYOUTS[number % len(LAYOUTS)]).encode("utf-8")
    if fmt == "txt-flat":
        return flatten(report, FORMS[number % len(FORMS)], rng)
    if fmt == "html":
        return render_html(report).encode("utf-8")
    if fmt == "docx":
        return render_docx(report)
    return render_pdf(report)


def generate(directory: Path, sizes: list[int], pool: int, seed: int) -> dict[str, list[list[Path]]]:
    """Groups of files per format, one of each size (the warm-up, then the rounds); text and HTML all distinct,
    DOCX and PDF copies of `pool` distinct files within each group — no file or copy is in two groups."""
    rng = random.Random(seed)
    files: dict[str, list[list[Path]]] = {}
    for fmt in FORMATS:
        groups, number = [], 0
        for size in sizes:
            distinct = size if fmt in ("txt", "txt-flat", "html") else min(pool, size)
            made = []
            for _ in range(distinct):
                path = directory / f"{fmt}-{number:05d}{SUFFIX[fmt]}"
                path.write_bytes(render(random_report(rng, number), fmt, number, rng))
                made.append(path)
                number += 1
            paths = list(made)
            for index in range(distinct, size):
                path = directory / f"{fmt}-{number:05d}{SUFFIX[fmt]}"
                shutil.copyfile(made[index % distinct], path)
                paths.append(path)
                number += 1
            groups.append(paths)
        files[fmt] = groups
    return files


def audit_all(blobs: list[tuple[bytes, str]]) -> int:
    """Audit every file, keeping only counts (as a streaming batch would); returns the error findings."""
    errors = 0
    for data, name in blobs:
        errors += sum(1 for f in audit_bytes(data, name).findings if f.severity == "error")
    return errors


def raw_read(data: bytes, name: str) -> int:
    """The baseline: the text of the file as the underlying library gives it, nothing more."""
    if name.endswith(".txt"):
        return len(data.decode("utf-8"))
    if name.endswith(".html"):
        return len(lxml.html.fromstring(data).text_content())
    if name.endswith(".docx"):
        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return sum(len(p.text) for p in document.paragraphs) + sum(map(len, cells))
    pdf = pypdfium2.PdfDocument(data)
    try:
        return sum(len(page.get_textpage().get_text_range()) for page in pdf)
    finally:
        pdf.close()


def _cpu(work, blobs) -> float:
    start = time.process_time()
    work(blobs)
    return time.process_time() - start


def measure(groups: list[list[Path]]) -> dict:
    """The first group warms the auditor up (imports, compiled patterns, caches); each round then audits a group
    of its own, never audited before, as a batch of new reports would be: rounds on the same files would find
    their lines, labels and runs of digits in the auditor's caches."""
    warm, *batches = [[(path.read_bytes(), str(path)) for path in paths] for paths in groups]
    audit_all(warm)
    blobs = batches[0]
    audit_cpu = baseline_cpu = 0.0
    for batch in batches:  # alternating, so that a change of load touches both
        audit_cpu += _cpu(audit_all, batch)
        baseline_cpu += _cpu(lambda items: [raw_read(d, n) for d, n in items], batch)
    errors = audit_all(blobs)
    peaks = {}
    for label, subset in (("quarter", blobs[: max(1, len(blobs) // 4)]), ("full", blobs)):
        tracemalloc.start()
        audit_all(subset)
        peaks[label] = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()
    rounds, count = len(batches), sum(map(len, batches))
    rate = count / audit_cpu if audit_cpu else float("inf")
    baseline = count / baseline_cpu if baseline_cpu else float("inf")
    return {
        "reports": len(blobs),
        "rounds": rounds,
        "cpu_seconds": round(audit_cpu, 3),
        "reports_per_s_per_core": round(rate, 1),
        "baseline_per_s_per_core": round(baseline, 1),
        "ratio_to_baseline": round(rate / baseline, 3),
        "peak_kib_quarter_batch": peaks["quarter"],
        "peak_kib_full_batch": peaks["full"],
        "memory_flat": peaks["full"] <= max(peaks["quarter"] * 1.5, peaks["quarter"] + 512),
        "error_findings_per_batch": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="审核器性能基准：各格式每核每秒审核份数与内存峰值")
    parser.add_argument("--batch", type=int, default=400, help="每种格式的报告份数（默认 400）")
    parser.add_argument("--pool", type=int, default=12, help="DOCX、PDF 实际生成的不同文件数（其余为复制）")
    parser.add_argument("--rounds", type=int, default=3, help="审核与基准交替计时的轮数（默认 3）")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        started = time.perf_counter()
        sizes = [WARM] + [args.batch] * args.rounds
        files = generate(Path(tmp), sizes, args.pool, args.seed)
        generated = time.perf_counter() - started
        results = {fmt: measure(files[fmt]) for fmt in FORMATS}
    for fmt, row in results.items():
        if fmt == "pdf":
            row["target"] = f">= {PDF_SHARE:.0%} of pypdfium2"
            row["target_met"] = row["ratio_to_baseline"] >= PDF_SHARE
        else:
            row["target"] = TARGETS[fmt]
            row["ratio_to_target"] = round(row["reports_per_s_per_core"] / TARGETS[fmt], 3)
            row["target_met"] = row["reports_per_s_per_core"] >= TARGETS[fmt]
    print(f"生成 {sum(sizes) * len(FORMATS)} 份报告用时 {generated:.1f} 秒", file=sys.stderr)
    print(
        f"{'格式':<9}{'份/秒/核':>10}{'基准':>10}{'比值':>8}{'目标':>22}{'峰值KiB 1/4批':>14}{'全批':>8}{'达标':>6}"
    )
    for fmt, row in results.items():
        print(
            f"{fmt:<10}{row['reports_per_s_per_core']:>10}{row['baseline_per_s_per_core']:>10}"
            f"{row['ratio_to_baseline']:>8}{row['target']!s:>22}{row['peak_kib_quarter_batch']:>14}"
            f"{row['peak_kib_full_batch']:>8}{'是' if row['target_met'] else '否':>6}"
        )
    summary = {
        "batch_per_format": args.batch,
        "formats": results,
        "targets_met": all(r["target_met"] and r["memory_flat"] for r in results.values()),
        "max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
