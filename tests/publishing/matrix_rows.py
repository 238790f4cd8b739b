"""Rows of the scoping matrix (tests/agencies/test_scoping_matrix.py) for the 主动公开 desk.

Wagtail's own page URLs (create, edit, workflow actions) are not ``gongkai_`` URLs: who may use them on the
pages of an agency's column is decided by publishing.permissions and the review chain's tasks, and tested in
tests/publishing/test_permissions.py.
"""

from datetime import date

from gongkai.agencies.roles import Role as R

HOLDERS = {
    "publishing.view": set(R),
    "publishing.manage": {R.DISCLOSURE_OFFICE, R.SYSTEM_ADMIN},
}

_DESK = "/admin/gongkai/agencies/{code}/publishing"
STAFF_URLS = [
    ("publishing:desk", f"{_DESK}/", "publishing.view"),
    ("publishing:cleanup", f"{_DESK}/cleanup/", "publishing.view"),
    ("publishing:withheld", f"{_DESK}/withheld/", "publishing.manage"),
    ("publishing:reevaluate", _DESK + "/withheld/{withheld}/", "publishing.manage"),
]
UNSCOPED_STAFF_URLS = {"publishing:index": "/admin/gongkai/publishing/"}


def _withheld_in(agency) -> int:
    from gongkai.publishing.models import WithheldInformation

    entry, _ = WithheldInformation.objects.get_or_create(
        agency=agency,
        title="矩阵测试不予公开信息",
        defaults={
            "ground": "process_info",
            "decided_on": date(2025, 3, 3),
            "reevaluate_on": date(2026, 3, 3),
        },
    )
    return entry.pk


PLACEHOLDERS = {"withheld": _withheld_in}
