"""Rows of the scoping matrix (tests/agencies/test_scoping_matrix.py) for the feedback desk.

The agency's disclosure office handles its reports (feedback.handle); the supervising office and the system
administrator follow them with the contact data masked ("feedback.view": handle or supervise, each role with
its own reach).
"""

from gongkai.agencies.roles import Role as R

HOLDERS = {
    "feedback.handle": {R.DISCLOSURE_OFFICE},
    "feedback.view": {R.DISCLOSURE_OFFICE, R.SUPERVISING_OFFICE, R.SYSTEM_ADMIN},
}

STAFF_URLS = [
    ("portal:feedback_detail", "/admin/gongkai/feedback/{feedback}/", "feedback.view"),
    ("portal:feedback_reply", "/admin/gongkai/feedback/{feedback}/reply/", "feedback.handle"),
    ("portal:feedback_close", "/admin/gongkai/feedback/{feedback}/close/", "feedback.handle"),
]
GLOBAL_STAFF_URLS = [
    (
        "portal:feedback_index",
        "/admin/gongkai/feedback/",
        {R.DISCLOSURE_OFFICE, R.SUPERVISING_OFFICE, R.SYSTEM_ADMIN},
    )
]


def _feedback_in(agency) -> int:
    """A report about `agency` (created once per test)."""
    from gongkai.portal import feedback
    from gongkai.portal.models import Feedback

    existing = Feedback.objects.filter(agency=agency).first()
    if existing:
        return existing.pk
    report, _ = feedback.submit(agency, kind="wrong", content="矩阵测试", contact="13900000000")
    return report.pk


PLACEHOLDERS = {"feedback": _feedback_in}
