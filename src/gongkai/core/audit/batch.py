"""Audit many files: collect them, read them in parallel processes, pair consecutive years of one agency."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from gongkai.core.report.model import AnnualReport

from .api import audit_path, finish_safely, read_file, unreadable
from .sniff import KNOWN_EXTENSIONS


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and in directories (recursively) every file with a known extension, sorted.

    Raises FileNotFoundError naming the first path that does not exist.
    """
    result: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            result += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_EXTENSIONS
            )
        elif path.exists():
            result.append(path)
        else:
            raise FileNotFoundError(str(path))
    return result


def read_all(
    paths: Sequence[Path], jobs: int = 1, progress: Callable[[], None] | None = None
) -> list[AnnualReport]:
    names = [str(p) for p in paths]
    jobs = max(1, min(jobs, len(names), os.cpu_count() or 1))
    if jobs == 1:
        reports: list[AnnualReport] = []
        for name in names:
            reports.append(read_file(name))
            if progress:
                progress()
        return reports
    return _read_in_pool(names, jobs, progress)


def _read_in_pool(names: list[str], jobs: int, progress: Callable[[], None] | None) -> list[AnnualReport]:
    """Read in worker processes. A worker that dies (a crash inside a C library, the system killing it for
    memory) breaks the pool: the files it left are read again one per fresh process, and a file that kills
    its own process too is reported `unreadable` — the batch always finishes."""
    results: dict[int, AnnualReport] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(read_file, name): index for index, name in enumerate(names)}
        for future in as_completed(futures):
            try:
                results[futures[future]] = future.result()
            except BrokenProcessPool:
                continue
            if progress:
                progress()
    for index, name in enumerate(names):
        if index not in results:
            results[index] = _read_alone(name)
            if progress:
                progress()
    return [results[index] for index in range(len(names))]


def _read_alone(name: str) -> AnnualReport:
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(read_file, name).result()
        except BrokenProcessPool:
            return unreadable(name, "读取该文件时进程异常退出（文件可能已损坏或过于复杂）")


def agency_key(agency: str | None) -> str:
    """An agency name without the enclosing administrative units, to pair 洪泽区人民政府 with 淮安市洪泽区人民政府."""
    name = re.sub(r"\s+", "", agency or "")
    return re.sub(r"^.*?(?:省|自治区|市(?!场|政)|州|盟)(?=.)", "", name) or name


def previous_in_batch(reports: Sequence[AnnualReport]) -> list[AnnualReport | None]:
    """For each report, the same agency's report of the year before, when the batch holds it."""
    index = {
        (agency_key(r.agency), r.year): r
        for r in reports
        if r.agency and r.year is not None and r.spec is not None
    }
    return [
        index.get((agency_key(r.agency), r.year - 1)) if r.agency and r.year is not None else None
        for r in reports
    ]


def audit_batch(
    paths: Sequence[Path],
    previous: AnnualReport | None = None,
    jobs: int = 1,
    progress: Callable[[], None] | None = None,
) -> list[AnnualReport]:
    """Audit every file; `previous` is the previous year's report for all of them, else found in the batch."""
    reports = read_all(paths, jobs, progress)
    pairs = previous_in_batch(reports)
    return [finish_safely(report, previous or pair) for report, pair in zip(reports, pairs, strict=True)]


__all__ = ["audit_batch", "audit_path", "collect_paths", "previous_in_batch", "read_all"]
