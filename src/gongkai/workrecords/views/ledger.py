"""The year's XLSX ledger (台账) of work records, and meetings imported from such a sheet."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404
from gongkai.core.errors import Refused

from .. import ledger, planning, services, sheets
from ..summary import year_records
from .records import check_year

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=f"会议和培训台账（XLSX，不超过 {ledger.MAX_IMPORT_BYTES // (1024 * 1024)} MB）"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > ledger.MAX_IMPORT_BYTES:
            raise forms.ValidationError("文件过大，未导入")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("只能导入 XLSX 文件")
        return upload


def export(request, code: str, year: int):
    check_year(year)
    agency = agency_or_404(request.user, code, Perm.VIEW_WORK_RECORDS)
    data = ledger.workbook(year_records(agency, year))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="workrecords-{agency.code}-{year}.xlsx"'
    return response


def import_meetings(request, code: str, year: int):
    check_year(year)
    agency = agency_or_404(request.user, code, Perm.EDIT_WORK_RECORDS)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = ledger.read_meetings(form.cleaned_data["file"].read(ledger.MAX_IMPORT_BYTES + 1))
            count = services.import_meetings(agency, rows, by=request.user)
        except (ledger.ImportRefused, Refused) as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"已导入会议和培训 {count} 条")
            return redirect("workrecords:year", code=code, year=year)
    context = {"agency": agency, "year": year, "title": "导入会议和培训台账", "form": form, "multipart": True}
    return TemplateResponse(request, "workrecords/edit.html", context)


def import_proposals(request, code: str, year: int):
    """建议提案 counts from the template's sheet; a row replaces that year's count of its kind."""
    check_year(year)
    agency = agency_or_404(request.user, code, Perm.EDIT_WORK_RECORDS)
    form = ImportForm(request.POST or None, request.FILES or None)
    form.fields["file"].label = "建议提案办理情况（XLSX，列：年度、类型、办理件数、公开办理结果件数）"
    if request.method == "POST" and form.is_valid():
        try:
            rows = sheets.read_proposals(form.cleaned_data["file"].read(ledger.MAX_IMPORT_BYTES + 1))
            count = planning.import_proposals(agency, rows, by=request.user)
        except (ledger.ImportRefused, Refused) as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"已导入建议提案办理情况 {count} 行")
            return redirect("workrecords:year", code=code, year=year)
    context = {
        "agency": agency,
        "year": year,
        "title": "导入建议提案办理情况",
        "form": form,
        "template": "proposals",
    }
    return TemplateResponse(request, "workrecords/edit.html", context)
