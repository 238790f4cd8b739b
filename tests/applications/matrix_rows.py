"""Rows of the scoping matrix (tests/agencies/test_scoping_matrix.py) for the applications desk and API."""

from datetime import date

from gongkai.agencies.roles import Role as R

_VIEWERS = {
    R.DISCLOSURE_OFFICE,
    R.SUPERVISING_OFFICE,
    R.SYSTEM_ADMIN,
    R.SECTION_HEAD,
    R.DIVISION_LEADER,
    R.PRINCIPAL_LEADER,
}
# The system administrator is a Django superuser, whom scoping lets do everything everywhere.
# Only the agency's own office handles applications; not even the system administrator (DESIGN.md, "Personal data").
HOLDERS = {"applications.view": _VIEWERS, "applications.handle": {R.DISCLOSURE_OFFICE}}

STAFF_URLS = [
    ("gongkai_application_detail", "/admin/gongkai/applications/{application}/", "applications.view"),
    ("gongkai_application_step", "/admin/gongkai/applications/{application}/extend/", "applications.handle"),
    ("gongkai_application_intake", "/admin/gongkai/agencies/{code}/applications/new/", "applications.handle"),
    (
        "gongkai_application_figures",
        "/admin/gongkai/agencies/{code}/applications/figures/2025/",
        "applications.view",
    ),
]
GLOBAL_STAFF_URLS = [("gongkai_application_index", "/admin/gongkai/applications/", _VIEWERS)]
PUBLIC_API = {"/api/v1/agencies/{code}/applications", "/api/v1/applications/lookup"}


def _application_in(agency) -> int:
    """An application received by `agency` (created once per test)."""
    from gongkai.applications import services
    from gongkai.applications.models import Application

    existing = Application.objects.filter(agency=agency).first()
    if existing:
        return existing.pk
    fields = {
        "applicant_type": "commercial",
        "name": "矩阵测试有限公司",
        "credit_code": agency.credit_code,
        "contact_person": "联系人",
        "phone": "0551-1234567",
        "info_name": "某文件",
        "form": "electronic",
        "obtaining": "online",
    }
    app, _ = services.intake(agency, fields, channel="in_person", arrived_on=date(2025, 3, 3))
    return app.pk


PLACEHOLDERS = {"application": _application_in}
