"""The auditor never crashes and no input costs it more than a bounded amount (issue 14 item 9, XLSX part of 2).

Each reproducer is audited in a fresh subprocess started by a small driver process, which reports the peak
resident memory of its one child (``getrusage(RUSAGE_CHILDREN)``); the CPU time is the audit call's own; the
wall-clock timeout is only a generous guard against a hang. Then the same files go through `gongkai audit` as
one batch, in worker processes, which must print its JSON and no traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from audit_bombs import BOMBS

LIMIT_CPU_SECONDS = 2.0
LIMIT_PEAK_MIB = 256

_DRIVER = """
import json, resource, subprocess, sys
child = subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2]], capture_output=True, text=True, timeout=180)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": child.returncode, "out": child.stdout, "err": child.stderr, "peak_kib": peak}))
"""
_AUDIT = """
import json, sys, time
from gongkai.core.audit import audit_path
start = time.process_time()
report = audit_path(sys.argv[1])
print(json.dumps({"cpu": time.process_time() - start, "findings": [[f.code, f.message] for f in report.findings]}))
"""


def _written(directory: Path, name: str) -> Path:
    path = directory / name
    path.write_bytes(BOMBS[name]())
    return path


def _measured(path: Path) -> dict:
    """Audit ``path`` in a child of a small driver process, which reports its child's peak memory.

    The driver matters: a child forked straight from the (large) test process would inherit its memory
    high-water mark through exec, and measure the test process instead of the audit."""
    driver = subprocess.run(
        [sys.executable, "-c", _DRIVER, _AUDIT, str(path)],
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    result = json.loads(driver.stdout)
    assert result["code"] == 0, result["err"]
    assert "Traceback" not in result["err"]
    return {**json.loads(result["out"]), "peak_mib": result["peak_kib"] / 1024}


@pytest.mark.parametrize("name", list(BOMBS))
def test_each_reproducer_is_refused_within_bounds(tmp_path, name):
    measured = _measured(_written(tmp_path, name))
    assert measured["cpu"] < LIMIT_CPU_SECONDS, measured
    assert measured["peak_mib"] < LIMIT_PEAK_MIB, measured
    codes = [code for code, _ in measured["findings"]]
    if name.startswith("html-deeply-nested"):
        assert "unreadable" not in codes  # read (lxml-free, no recursion): just not a report
    else:
        assert codes == ["unreadable"], measured["findings"]
        assert "无法读取文件：" in measured["findings"][0][1]


def test_a_batch_of_reproducers_prints_its_json_and_no_traceback(tmp_path):
    small = [
        _written(tmp_path, name)
        for name in ("docx-version-64.docx", "xlsx-merge-everything.xlsx", "pdf-2000-pages.pdf")
    ]
    run = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "audit", "--json", "--jobs", "2", *map(str, small)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    reports = json.loads(run.stdout)
    assert [r["source"] for r in reports] == [str(p) for p in small]
    assert all([f["code"] for f in r["findings"]] == ["unreadable"] for r in reports)


def test_zip_version_64_is_unreadable_with_the_reason():
    from audit_bombs import docx_version_64

    from gongkai.core.audit import audit_bytes

    report = audit_bytes(docx_version_64(), "x.docx")
    (finding,) = report.findings
    assert finding.code == "unreadable" and "6.4" in finding.message
