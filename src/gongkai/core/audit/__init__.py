"""The auditor: read any published annual report (text, HTML, DOCX, PDF) and find what is wrong with it."""

from gongkai.core.audit.api import audit_bytes, audit_path, read_file, read_report

__all__ = ["audit_bytes", "audit_path", "read_file", "read_report"]
