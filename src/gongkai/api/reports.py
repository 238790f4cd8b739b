"""The annual report as JSON (spec section 7 shape, findings included).

A published report is public. A report not yet published (being written, or the figures before anyone started one) is
shown only to staff who may view the agency's reports (the agency's own office and leaders, its supervisors);
to everyone else it does not exist (404), so unpublished work does not leak.
"""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema, Status

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import can
from gongkai.api.errors import BAD_INPUT, DetailOut, ErrorsOut
from gongkai.core.errors import Refused
from gongkai.reports.assembly import check_year, checked, stored

router = Router(tags=["reports"])

NOT_FOUND = {"detail": "没有找到该机关该年度的政府信息公开工作年度报告"}


class SectionOut(Schema):
    key: str
    number: str
    heading: str
    found: bool


class FindingOut(Schema):
    code: str
    severity: str
    where: str
    message: str
    evidence: str | None = None


class ReportOut(Schema):
    source: str | None
    title: str | None
    agency: str | None
    year: int | None
    template: str | None
    published_on: str | None
    sections: list[SectionOut]
    tables: dict[str, dict[str, Any]]
    findings: list[FindingOut]


@router.get(
    "/agencies/{code}/reports/{year}",
    response={200: ReportOut, **BAD_INPUT, 404: DetailOut, 422: ErrorsOut},
    summary="政府信息公开工作年度报告（已发布的公开；未发布的仅本机关和上级主管部门可见）",
)
def get_report(request, code: str, year: int):
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        return Status(404, NOT_FOUND)
    agency_report = stored(agency, year)
    published = agency_report is not None and agency_report.published
    if not published and not can(request.user, Perm.VIEW_REPORTS, agency):
        return Status(404, NOT_FOUND)
    try:
        check_year(year)
    except Refused:
        return Status(404, NOT_FOUND)
    return Status(200, checked(agency, year, agency_report=agency_report).to_dict())
