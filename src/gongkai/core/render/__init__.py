"""Renderers of an ``AnnualReport``: HTML, DOCX, PDF and XLSX, all drawing the official table layout.

``render(report, "docx")`` picks the renderer by name; each module is imported only when used, so that asking
for JSON or HTML does not load WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from gongkai.core.report.model import AnnualReport


@dataclass(frozen=True)
class OutputFormat:
    name: str
    extension: str
    content_type: str


FORMATS: dict[str, OutputFormat] = {
    "html": OutputFormat("html", ".html", "text/html; charset=utf-8"),
    "docx": OutputFormat(
        "docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "pdf": OutputFormat("pdf", ".pdf", "application/pdf"),
    "xlsx": OutputFormat(
        "xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "json": OutputFormat("json", ".json", "application/json"),
}


def render(report: AnnualReport, fmt: str) -> bytes:
    """The report in ``fmt`` (a key of ``FORMATS``) as bytes; HTML and JSON are UTF-8."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        return report.to_json().encode("utf-8")
    result = getattr(import_module(f"gongkai.core.render.{fmt}"), f"render_{fmt}")(report)
    return result.encode("utf-8") if isinstance(result, str) else result
