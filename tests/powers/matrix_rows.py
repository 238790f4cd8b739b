"""Rows of the scoping matrix (tests/agencies/test_scoping_matrix.py) for the power list and appeal pages."""

from datetime import date

from gongkai.agencies.roles import Role as R

EVERY_ROLE = set(R)
HOLDERS = {
    "powers.view": EVERY_ROLE,
    "powers.edit": {R.STAFF, R.SECTION_HEAD, R.DISCLOSURE_OFFICE, R.SYSTEM_ADMIN},
    "appeals.edit": {R.DISCLOSURE_OFFICE, R.SYSTEM_ADMIN},
}

_YEAR = "/admin/gongkai/powers/{code}/{year}"
STAFF_URLS = [
    ("powers:year", f"{_YEAR}/", "powers.view"),
    ("powers:start", f"{_YEAR}/start/", "powers.edit"),
    ("powers:history", f"{_YEAR}/history/", "history.view"),
    ("powers:import", f"{_YEAR}/import/", "powers.edit"),
    ("powers:import_job", _YEAR + "/import/{job}/", "powers.edit"),
    ("powers:import_status", _YEAR + "/import/{job}/status/", "powers.edit"),
    ("powers:entry_new", f"{_YEAR}/items/new/", "powers.edit"),
    ("powers:entry_edit", _YEAR + "/items/{item}/", "powers.edit"),
    ("powers:appeals", "/admin/gongkai/powers/{code}/cases/", "powers.view"),
    ("powers:appeal_new", "/admin/gongkai/powers/{code}/cases/new/", "appeals.edit"),
    ("powers:appeal_edit", "/admin/gongkai/powers/{code}/cases/{case}/", "appeals.edit"),
    # The 台账 downloads (GET; a POST is answered alike, scoped first).
    ("powers:decisions_xlsx", f"{_YEAR}/decisions.xlsx", "powers.view"),
    ("powers:appeals_xlsx", "/admin/gongkai/powers/{code}/cases.xlsx", "powers.view"),
]
POST_URLS = [
    ("powers:decisions_xlsx", f"{_YEAR}/decisions.xlsx", "powers.view", {}),
    ("powers:appeals_xlsx", "/admin/gongkai/powers/{code}/cases.xlsx", "powers.view", {}),
]
UNSCOPED_STAFF_URLS = {"powers:index": "/admin/gongkai/powers/"}


def _list_of(agency):
    from gongkai.powers.models import PowerList
    from gongkai.powers.services import start_year

    return PowerList.objects.filter(agency=agency, year=2020).first() or start_year(agency, 2020)


def _year(agency) -> int:
    return _list_of(agency).year


def _item(agency) -> int:
    from gongkai.powers.services import save_item

    power_list = _list_of(agency)
    item = power_list.items.first() or save_item(power_list, code="XK-1", name="许可", category="licensing")
    return item.pk


def _case(agency) -> int:
    from gongkai.powers.models import AppealCase
    from gongkai.powers.services import save_case

    case = AppealCase.objects.filter(agency=agency).first() or save_case(
        agency,
        kind="review",
        applicant="某申请人",
        concerns="某答复",
        body="某政府",
        filed_on=date(2020, 3, 1),
    )
    return case.pk


def _job(agency) -> int:
    from gongkai.powers.models import ImportJob

    power_list = _list_of(agency)
    job = power_list.import_jobs.first() or ImportJob.objects.create(
        power_list=power_list,
        filename="export.csv",
        mapping={},
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
        errors=["第 2 行：事项编码不在本年度权责清单中"],
    )
    return job.pk


PLACEHOLDERS = {"year": _year, "item": _item, "case": _case, "job": _job}
