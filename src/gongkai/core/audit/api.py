"""The auditor's entry points: a file or bytes in, an AnnualReport with findings out — never an exception."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gongkai.core.report.model import AnnualReport, Finding

from . import pages
from .document import Block, UnreadableError
from .limits import MAX_BYTES, too_large
from .readers import read_document
from .recognise import finish, recognise


def read_report(data: bytes, name: str) -> AnnualReport:
    """Read and recognise, without the shared figure checks (those need the previous report, if any)."""
    return _with_pages(*_read(data, name), name)


def _read(data: bytes, name: str) -> tuple[AnnualReport, list[Block]]:
    """The recognised report, its findings without pages, and the blocks as read (for the pages, looked up once
    all findings are made: the lookup joins the text of every page)."""
    try:
        document = read_document(data, name)
    except UnreadableError as exc:
        return unreadable(name, str(exc)), []
    try:
        return recognise(document, name), document.blocks
    except RecursionError as exc:
        return unreadable(name, f"文件结构过于复杂，无法识别（{type(exc).__name__}）"), []
    except Exception as exc:  # noqa: BLE001 — whatever a document does to recognition is a finding, not a crash
        return unreadable(name, f"文件内容无法识别（{type(exc).__name__}: {exc}）"), []


def read_file(path: str | Path) -> AnnualReport:
    """Read and recognise a file (without the shared checks); a file too large or unopenable is `unreadable`."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            return unreadable(str(path), too_large(size))
        return read_report(Path(path).read_bytes(), str(path))
    except OSError as exc:
        return unreadable(str(path), f"文件无法打开（{exc.strerror or exc}）")


def unreadable(name: str, reason: str) -> AnnualReport:
    return AnnualReport(
        source=name, findings=[Finding.make("unreadable", "文件", f"无法读取文件：{reason}", reason)]
    )


def audit_bytes(
    data: bytes,
    name: str,
    previous: AnnualReport | None = None,
    children: Sequence[AnnualReport] | None = None,
) -> AnnualReport:
    """Read, recognise and check; findings on a PDF carry the page they point at where it can be found."""
    report, blocks = _read(data, name)
    return _with_pages(finish_safely(report, previous, children), blocks, name)


def _with_pages(report: AnnualReport, blocks: list[Block], name: str) -> AnnualReport:
    """The report with the page of each finding, where the blocks know pages; never an exception."""
    try:
        report.findings = pages.locate(report.findings, blocks)
        return report
    except RecursionError as exc:
        return unreadable(name, f"文件结构过于复杂，无法识别（{type(exc).__name__}）")
    except Exception as exc:  # noqa: BLE001 — as in _read: a finding, not a crash
        return unreadable(name, f"文件内容无法识别（{type(exc).__name__}: {exc}）")


def audit_path(
    path: str | Path,
    previous: AnnualReport | str | Path | None = None,
    children: Sequence[AnnualReport] | None = None,
) -> AnnualReport:
    """Audit one file; `previous` (a report or a path) enables the cross-year checks."""
    if previous is not None and not isinstance(previous, AnnualReport):
        previous = read_file(previous)
    return finish_safely(read_file(path), previous, children)


def finish_safely(
    report: AnnualReport, previous: AnnualReport | None = None, children: Sequence[AnnualReport] | None = None
) -> AnnualReport:
    """The shared checks; should they fail on a strange reading, the report says so instead of raising."""
    try:
        return finish(report, previous, children)
    except Exception as exc:  # noqa: BLE001 — never an exception out of the auditor
        return unreadable(report.source or "", f"文件内容无法核对（{type(exc).__name__}: {exc}）")
