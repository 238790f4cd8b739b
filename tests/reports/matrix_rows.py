"""Rows of the scoping matrix (tests/agencies/test_scoping_matrix.py) for the report audit pages."""

from gongkai.agencies.roles import Role as R

HOLDERS = {"reports.audit": {R.DISCLOSURE_OFFICE, R.SUPERVISING_OFFICE, R.SYSTEM_ADMIN}}

STAFF_URLS = [
    ("gongkai_audit_detail", "/admin/gongkai/audits/{audit}/", "reports.audit"),
    ("gongkai_audit_file", "/admin/gongkai/audits/{audit}/file/", "reports.audit"),
    ("gongkai_audit_json", "/admin/gongkai/audits/{audit}/json/", "reports.audit"),
]
GLOBAL_STAFF_URLS = [
    ("gongkai_audit_index", "/admin/gongkai/audits/", HOLDERS["reports.audit"]),
    ("gongkai_audit_upload", "/admin/gongkai/audits/upload/", HOLDERS["reports.audit"]),
]


def _audit_in(agency) -> int:
    """An uploaded report of `agency` (created once per test)."""
    from gongkai.reports.models import ReportAudit
    from gongkai.reports.services import audit_upload

    existing = ReportAudit.objects.filter(agency=agency).first()
    if existing:
        return existing.pk
    return audit_upload(
        agency=agency, user=agency.people.first().user, filename="report.txt", data="年度报告".encode()
    ).pk


PLACEHOLDERS = {"audit": _audit_in}
