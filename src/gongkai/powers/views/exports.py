"""The power lists' 台账 downloads: a year's decisions and the appeal cases, as XLSX (`powers.ledger`)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404, can
from gongkai.core.errors import Refused

from .. import ledger
from ..models import PowerList
from .lists import check_year

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def decisions_download(request, code: str, year: int):
    check_year(year)
    agency = agency_or_404(request.user, code, Perm.VIEW_POWERS)
    try:
        content = ledger.decisions_xlsx(PowerList.objects.filter(agency=agency, year=year).first())
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("powers:year", code=agency.code, year=year)
    return _xlsx(content, f"{agency.short_name or agency.name}-{year}年处理决定.xlsx")


def cases_download(request, code: str):
    """All the agency's cases, or those filed in ?year=; the applicant masked without personal-data rights."""
    agency = agency_or_404(request.user, code, Perm.VIEW_POWERS)
    year = request.GET.get("year", "")
    visible = can(request.user, Perm.VIEW_PERSONAL_DATA, agency)
    try:
        content = ledger.cases_xlsx(agency, visible=visible, year=int(year) if year.isdigit() else None)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("powers:appeals", code=agency.code)
    return _xlsx(content, f"{agency.short_name or agency.name}-复议诉讼案件.xlsx")
