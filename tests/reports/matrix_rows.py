"""Rows of the scoping matrix (tests/agencies/test_scoping_matrix.py) for the report audit pages."""

from gongkai.agencies.roles import Role as R

HOLDERS = {"reports.audit": {R.DISCLOSURE_OFFICE, R.SUPERVISING_OFFICE, R.SYSTEM_ADMIN}}

STAFF_URLS = [
    ("reports:audit_detail", "/admin/gongkai/audits/{audit}/", "reports.audit"),
    ("reports:audit_file", "/admin/gongkai/audits/{audit}/file/", "reports.audit"),
    ("reports:audit_json", "/admin/gongkai/audits/{audit}/json/", "reports.audit"),
]
GLOBAL_STAFF_URLS = [
    ("reports:audits", "/admin/gongkai/audits/", HOLDERS["reports.audit"]),
    ("reports:audit_upload", "/admin/gongkai/audits/upload/", HOLDERS["reports.audit"]),
]


def _audit_in(agency) -> int:
    """An uploaded report of `agency` (created once per test)."""
    from gongkai.reports.models import ReportAudit
    from gongkai.reports.services.audits import receive_batch

    existing = ReportAudit.objects.filter(agency=agency).first()
    if existing:
        return existing.pk
    user = agency.people.first().user
    return (
        receive_batch(agency=agency, user=user, files=[("report.txt", "年度报告".encode())]).audits.get().pk
    )


def _audit_batch_of(agency) -> int:
    """A batch uploaded by `agency`'s office (created once per test)."""
    from gongkai.reports.models import AuditBatch

    existing = AuditBatch.objects.filter(office=agency).first()
    if existing:
        return existing.pk
    return AuditBatch.objects.create(office=agency, uploaded_by=agency.people.first().user, label="matrix").pk


PLACEHOLDERS = {"audit": _audit_in, "audit_batch": _audit_batch_of}
STAFF_URLS += [("reports:audit_batch", "/admin/gongkai/audits/batches/{audit_batch}/", "reports.audit")]


# Sign-off, publication and supervision of annual reports.
HOLDERS["reports.view"] = {
    R.DISCLOSURE_OFFICE,
    R.SUPERVISING_OFFICE,
    R.SYSTEM_ADMIN,
    R.CONFIDENTIALITY_REVIEWER,
    R.SECTION_HEAD,
    R.DIVISION_LEADER,
    R.PRINCIPAL_LEADER,
}
HOLDERS["reports.supervise"] = {R.SUPERVISING_OFFICE, R.SYSTEM_ADMIN}
STAFF_URLS += [
    ("reports:signoff", "/admin/gongkai/reports/{code}/{review_year}/signoff/", "reports.view"),
    ("reports:supervision", "/admin/gongkai/reports/supervision/{code}/2021/", "reports.supervise"),
    (
        "reports:supervision_xlsx",
        "/admin/gongkai/reports/supervision/{code}/2021/xlsx/",
        "reports.supervise",
    ),
]
# The supervising office's cross-agency views (GET-only pages: a POST is answered like a GET, refused alike).
_CROSS_AGENCY = [
    (
        "reports:supervision_figures",
        "/admin/gongkai/reports/supervision/{code}/2021/figures/",
        "reports.supervise",
    ),
    (
        "reports:supervision_applications",
        "/admin/gongkai/reports/supervision/{code}/applications/",
        "reports.supervise",
    ),
    (
        "reports:supervision_summary",
        "/admin/gongkai/reports/supervision/{code}/2021/summary.pdf",
        "reports.supervise",
    ),
]
STAFF_URLS += _CROSS_AGENCY
POST_URLS = [(name, template, perm, {}) for name, template, perm in _CROSS_AGENCY]
POST_URLS += [("reports:audit_batch", "/admin/gongkai/audits/batches/{audit_batch}/", "reports.audit", {})]
GLOBAL_STAFF_URLS += [
    ("reports:supervision_index", "/admin/gongkai/reports/supervision/", HOLDERS["reports.supervise"]),
]


def _review_year(agency) -> int:
    """A report of `agency` for 2021 (created once per test); its year."""
    from gongkai.core.report.formats import template_for_year
    from gongkai.reports.models import AgencyReport

    AgencyReport.objects.get_or_create(
        agency=agency, year=2021, defaults={"template": template_for_year(2021)}
    )
    return 2021


PLACEHOLDERS["review_year"] = _review_year


# The office's screens for writing the annual report and the report API.
HOLDERS["reports.edit"] = {R.DISCLOSURE_OFFICE}
STAFF_URLS += [
    ("reports:draft", "/admin/gongkai/reports/{code}/{review_year}/draft/", "reports.view"),
    (
        "reports:cell",
        "/admin/gongkai/reports/{code}/{review_year}/draft/cells/requests.new.total/",
        "reports.view",
    ),
    ("reports:file", "/admin/gongkai/reports/{code}/{review_year}/draft/file/json/", "reports.view"),
    (
        "reports:prose",
        "/admin/gongkai/reports/{code}/{review_year}/draft/prose/overview/",
        "reports.edit",
    ),
]
GLOBAL_STAFF_URLS += [("reports:index", "/admin/gongkai/reports/", HOLDERS["reports.view"])]
# Public for a published report; a draft is shown to its agency and supervisors only, 404 to everyone else
# (tests/reports/test_report_api.py covers the scoping).
PUBLIC_API = {"/api/v1/agencies/{code}/reports/{year}"}
