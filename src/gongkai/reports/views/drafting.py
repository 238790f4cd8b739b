"""The office's screens for writing the annual report: the list of reports, the report being written (tables with
the checks' findings, the prose, the overrides), the rich-text editor of sections 一/五/六, a cell's records and
override, and previews in every output format.

Thin views: the work is done by `services.drafting` and `assembly`. Viewing needs Perm.VIEW_REPORTS, changing
Perm.EDIT_REPORTS, both scoped to the agency (gongkai.agencies.scoping).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from gongkai.agencies.history import entries_for
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, agency_or_404, can, require, require_any
from gongkai.core.errors import Refused
from gongkai.core.render import FORMATS, render
from gongkai.core.render.html import TABLE_CSS, render_tables
from gongkai.core.render.pdf import MissingFontError
from gongkai.core.report import formats
from gongkai.core.report.model import format_number
from gongkai.core.report.tables import parse_key, where

from .. import assembly
from ..assembly import PROSE_SECTIONS
from ..deadlines import is_late, missing_departments, statutory_date
from ..forms import OverrideForm, ProseForm, ReportDateForm, StartForm
from ..members import consolidates
from ..models import AgencyReport
from ..services import drafting

SECTION_TITLES = {key: formats.section(key).title for key in PROSE_SECTIONS}


def _year(year: int) -> int:
    try:
        assembly.check_year(year)
    except Refused:
        raise Http404("没有该年度的报告") from None
    return year


def report_index(request):
    """Every report the user may see, by agency and year, and (for the office) starting a new one."""
    require_any(request.user, Perm.VIEW_REPORTS)
    visible = agencies_for(request.user, Perm.VIEW_REPORTS)
    editable = agencies_for(request.user, Perm.EDIT_REPORTS)
    form = StartForm(request.POST or None, agencies=editable)
    if request.method == "POST" and form.is_valid():
        agency, year = form.cleaned_data["agency"], form.cleaned_data["year"]
        require(request.user, Perm.EDIT_REPORTS, agency)
        try:
            drafting.get_or_start(agency, year, request.user)
        except Refused as exc:
            form.add_error("year", str(exc))
        else:
            return redirect("reports:draft", agency.code, year)
    kept = AgencyReport.objects.filter(agency__in=visible).select_related("agency")
    rows = [
        {
            "agency_report": r,
            "statutory_date": statutory_date(r.agency, r.year),
            "late": is_late(r, r.agency, r.year),
        }
        for r in kept[:500]
    ]
    context = {"rows": rows, "form": form, "can_start": editable.exists()}
    return TemplateResponse(request, "reports/draft/index.html", context)


def _act(request, agency: Agency, year: int, agency_report: AgencyReport | None) -> None:
    action = request.POST.get("action", "")
    if action == "start":
        drafting.get_or_start(agency, year, request.user)
        messages.success(request, "已开始编写，第一、五、六部分已根据办理记录起草，请修改完善")
    elif agency_report is None:
        raise Refused("请先开始编写")
    elif action == "date":
        form = ReportDateForm(request.POST)
        if not form.is_valid():
            raise Refused(" ".join(form.errors["report_date"]))
        drafting.set_report_date(agency_report, form.cleaned_data["report_date"], request.user)
        messages.success(request, "成文日期已保存")
    elif action == "clear":
        drafting.clear_override(agency_report, request.POST.get("key", ""), request.user)
        messages.success(request, "已恢复为按记录统计的数值")
    else:
        raise Refused("未知的操作")


def report_draft(request, code: str, year: int):
    """The report as it stands: figures with findings marked, prose, overrides, history."""
    agency = agency_or_404(request.user, code, Perm.VIEW_REPORTS)
    year = _year(year)
    agency_report = assembly.stored(agency, year)
    if request.method == "POST":
        require(request.user, Perm.EDIT_REPORTS, agency)
        try:
            _act(request, agency, year, agency_report)
        except Refused as exc:
            messages.error(request, str(exc))
        return redirect("reports:draft", code, year)
    if request.GET.get("cell"):
        return redirect("reports:cell", code, year, request.GET["cell"])
    report = assembly.checked(agency, year, agency_report=agency_report)
    findings = report.findings
    context = {
        "agency": agency,
        "year": year,
        "agency_report": agency_report,
        "report": report,
        "findings": findings,
        "errors": [f for f in findings if f.severity == "error"],
        "tables": mark_safe(render_tables(report, findings)),  # the renderer escapes every text it writes
        "table_css": mark_safe(TABLE_CSS),  # a constant
        "sections": [(key, SECTION_TITLES[key], report.prose(key)) for key in PROSE_SECTIONS],
        "overrides": [
            {"key": key, "where": _where(agency_report.template, key), **entry}
            for key, entry in agency_report.overrides.items()
        ]
        if agency_report
        else [],
        "can_edit": can(request.user, Perm.EDIT_REPORTS, agency)
        and (agency_report is None or agency_report.editable),
        "statutory_date": statutory_date(agency, year),
        "late": is_late(agency_report, agency, year),
        "formats": list(FORMATS),
        "history": entries_for(agency_report)[:50] if agency_report else [],
        "missing": missing_departments(agency, year) if consolidates(agency) else [],
    }
    return TemplateResponse(request, "reports/draft/report.html", context)


def _where(template: str, key: str) -> str:
    try:
        return where(template, parse_key(template, key))
    except Refused:
        return key


def _editable(request, code: str, year: int) -> AgencyReport:
    agency = agency_or_404(request.user, code, Perm.EDIT_REPORTS)
    agency_report = assembly.stored(agency, _year(year))
    if agency_report is None:
        raise Http404("尚未开始编写该年度报告")
    return agency_report


def report_prose(request, code: str, year: int, section: str):
    """Section 一, 五 or 六 in the rich-text editor (Draftail)."""
    if section not in PROSE_SECTIONS:
        raise Http404("该部分没有可编辑的文字")
    agency_report = _editable(request, code, year)
    if request.method == "POST" and request.POST.get("action") == "redraft":
        return _redraft(request, agency_report, section)
    form = ProseForm(request.POST or None, initial={"text": agency_report.prose.get(section, "")})
    if request.method == "POST" and form.is_valid():
        try:
            drafting.set_prose(agency_report, section, form.cleaned_data["text"], request.user)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"“{SECTION_TITLES[section]}”已保存")
            return redirect("reports:draft", code, year)
    context = {
        "agency_report": agency_report,
        "section": section,
        "title": SECTION_TITLES[section],
        "form": form,
    }
    return TemplateResponse(request, "reports/draft/prose.html", context)


def _redraft(request, agency_report: AgencyReport, section: str):
    """Redrafting a section: first the difference it would make (and whether it replaces the office's own text),
    then, once confirmed with the token of that difference, the fresh draft."""
    code, year = agency_report.agency.code, agency_report.year
    token = request.POST.get("confirm", "")
    try:
        if token:
            drafting.redraft_prose(agency_report, section, request.user, token=token)
        else:
            context = {
                "agency_report": agency_report,
                "section": section,
                "title": SECTION_TITLES[section],
                "redraft": drafting.redraft_preview(agency_report, section),
            }
            return TemplateResponse(request, "reports/draft/redraft.html", context)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已根据当前办理记录重新起草")
    return redirect("reports:prose", code, year, section)


def report_cell(request, code: str, year: int, key: str):
    """One cell: the records behind it, and the override form (value and written reason)."""
    agency = agency_or_404(request.user, code, Perm.VIEW_REPORTS)
    year = _year(year)
    template = formats.template_for_year(year)
    try:
        ref = parse_key(template, key)
    except Refused:
        raise Http404("没有该单元格") from None
    agency_report = assembly.stored(agency, year)
    form = OverrideForm(request.POST or None)
    if request.method == "POST":
        require(request.user, Perm.EDIT_REPORTS, agency)
        if agency_report is None:
            raise PermissionDenied("尚未开始编写该年度报告")
        if form.is_valid():
            try:
                drafting.set_override(
                    agency_report, key, form.cleaned_data["value"], form.cleaned_data["reason"], request.user
                )
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已保存人工修改，请核对勾稽关系")
                return redirect("reports:draft", code, year)
    computed = assembly.computed_value(agency, year, ref)
    context = {
        "agency": agency,
        "year": year,
        "key": key,
        "where": where(template, ref),
        "computed": format_number(computed) if computed is not None else "（空白）",
        "override": agency_report.overrides.get(key) if agency_report else None,
        "sources": assembly.traced(agency, year, key, limit=200),
        "form": form,
        "can_edit": agency_report is not None
        and agency_report.editable
        and can(request.user, Perm.EDIT_REPORTS, agency),
    }
    return TemplateResponse(request, "reports/draft/cell.html", context)


def report_file(request, code: str, year: int, fmt: str):
    """A preview of the report in one output format (not the published file)."""
    agency = agency_or_404(request.user, code, Perm.VIEW_REPORTS)
    year = _year(year)
    if fmt not in FORMATS:
        raise Http404("不支持的格式")
    report = assembly.checked(agency, year)
    try:
        data = render(report, fmt)
    except MissingFontError as exc:
        messages.error(request, str(exc))
        return redirect("reports:draft", code, year)
    response = HttpResponse(data, content_type=FORMATS[fmt].content_type)
    if fmt not in ("html", "json"):
        name = f"{agency.code}-{year}-annual-report{FORMATS[fmt].extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
