"""The office's screens for writing the annual report: the list of reports, the report being written (tables with
the checks' findings, the prose, the overrides), the rich-text editor of sections 一/五/六, a cell's records and
override, and previews in every output format.

Thin views: the work is done by reports.assembly. Viewing needs Perm.VIEW_REPORTS, changing Perm.EDIT_REPORTS,
both scoped to the agency (gongkai.agencies.scoping).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.admin.rich_text import DraftailRichTextArea

from gongkai.agencies.history import entries_for
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, can, require, require_any
from gongkai.core.render import FORMATS, render
from gongkai.core.render.html import TABLE_CSS, render_tables
from gongkai.core.render.pdf import MissingFontError
from gongkai.core.report import formats
from gongkai.core.report.model import format_number

from . import assembly
from .models import AnnualReportDraft

EDITOR_FEATURES = ["bold", "italic", "ol", "ul"]
SECTION_TITLES = {key: formats.section(key).title for key in assembly.PROSE_SECTIONS}


class ProseForm(forms.Form):
    text = forms.CharField(
        label="正文", required=False, widget=DraftailRichTextArea(features=EDITOR_FEATURES)
    )


class OverrideForm(forms.Form):
    value = forms.CharField(label="人工填写的数值", max_length=30)
    reason = forms.CharField(
        label="修改理由（必填，将记入变更记录并在检查结果中显示）",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
    )


class StartForm(forms.Form):
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.none())
    year = forms.IntegerField(label="报告年度", min_value=assembly.FIRST_YEAR)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["year"].initial = timezone.localdate().year - 1


def _agency(request, code: str, perm: Perm) -> Agency:
    agency = get_object_or_404(Agency, code=code)
    require(request.user, perm, agency)
    return agency


def _year(year: int) -> int:
    try:
        assembly.check_year(year)
    except assembly.ReportEditError:
        raise Http404("没有该年度的报告") from None
    return year


def _draft(agency: Agency, year: int) -> AnnualReportDraft | None:
    return AnnualReportDraft.objects.filter(agency=agency, year=year).first()


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
            assembly.get_or_start(agency, year, request.user)
        except assembly.ReportEditError as exc:
            form.add_error("year", str(exc))
        else:
            return redirect("gongkai_report_draft", agency.code, year)
    drafts = AnnualReportDraft.objects.filter(agency__in=visible).select_related("agency")
    rows = [
        {
            "draft": d,
            "statutory_date": assembly.statutory_date(d.agency, d.year),
            "late": assembly.is_late(d, d.agency, d.year),
        }
        for d in drafts[:500]
    ]
    context = {"rows": rows, "form": form, "can_start": editable.exists()}
    return TemplateResponse(request, "reports/draft/index.html", context)


def report_draft(request, code: str, year: int):
    """The report as it stands: figures with findings marked, prose, overrides, history."""
    agency = _agency(request, code, Perm.VIEW_REPORTS)
    year = _year(year)
    draft = _draft(agency, year)
    if request.method == "POST":
        require(request.user, Perm.EDIT_REPORTS, agency)
        action = request.POST.get("action", "")
        try:
            if action == "start":
                assembly.get_or_start(agency, year, request.user)
                messages.success(request, "已开始编写，第一、五、六部分已根据办理记录起草，请修改完善")
            elif draft is None:
                raise assembly.ReportEditError("请先开始编写")
            elif action == "date":
                day = forms.DateField(required=False).clean(request.POST.get("report_date") or None)
                assembly.set_report_date(draft, day, request.user)
                messages.success(request, "成文日期已保存")
            elif action == "clear":
                assembly.clear_override(draft, request.POST.get("key", ""), request.user)
                messages.success(request, "已恢复为按记录统计的数值")
            else:
                raise assembly.ReportEditError("未知的操作")
        except (assembly.ReportEditError, forms.ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("gongkai_report_draft", code, year)
    if request.GET.get("cell"):
        return redirect("gongkai_report_cell", code, year, request.GET["cell"])
    report = assembly.checked(agency, year, draft=draft)
    findings = report.findings
    context = {
        "agency": agency,
        "year": year,
        "draft": draft,
        "report": report,
        "findings": findings,
        "errors": [f for f in findings if f.severity == "error"],
        "tables": mark_safe(render_tables(report, findings)),  # the renderer escapes every text it writes
        "table_css": mark_safe(TABLE_CSS),  # a constant
        "sections": [(key, SECTION_TITLES[key], report.prose(key)) for key in assembly.PROSE_SECTIONS],
        "overrides": [
            {"key": key, "where": _where(draft.template, key), **entry}
            for key, entry in draft.overrides.items()
        ]
        if draft
        else [],
        "can_edit": can(request.user, Perm.EDIT_REPORTS, agency) and (draft is None or draft.editable),
        "statutory_date": assembly.statutory_date(agency, year),
        "late": assembly.is_late(draft, agency, year),
        "formats": list(FORMATS),
        "history": entries_for(draft)[:50] if draft else [],
        "cell_keys": _cell_keys(report.template),
        "missing": assembly.missing_departments(agency, year) if assembly.consolidates(agency) else [],
    }
    return TemplateResponse(request, "reports/draft/report.html", context)


def _where(template: str, key: str) -> str:
    try:
        return assembly.where(template, assembly.parse_key(template, key))
    except assembly.ReportEditError:
        return key


def _cell_keys(template: str) -> list[tuple[str, str]]:
    """(key path, where) of every cell, for the list that opens a cell's records and override form."""
    spec = formats.get_template(template)
    keys = [(f"proactive.{k}", spec.where("proactive", k)) for k in spec.proactive_keys]
    keys += [
        (f"requests.{r}.{c}", spec.where("requests", r, c))
        for r in spec.request_row_keys
        for c in formats.REQUEST_COLUMN_KEYS
    ]
    keys += [(f"appeals.{k}", spec.where("appeals", k)) for k in formats.APPEAL_KEYS]
    return keys


def _editable_draft(request, code: str, year: int) -> AnnualReportDraft:
    agency = _agency(request, code, Perm.EDIT_REPORTS)
    draft = _draft(agency, _year(year))
    if draft is None:
        raise Http404("尚未开始编写该年度报告")
    return draft


def report_prose(request, code: str, year: int, section: str):
    """Section 一, 五 or 六 in the rich-text editor (Draftail)."""
    if section not in assembly.PROSE_SECTIONS:
        raise Http404("该部分没有可编辑的文字")
    draft = _editable_draft(request, code, year)
    if request.method == "POST" and request.POST.get("action") == "redraft":
        try:
            assembly.redraft_prose(draft, section, request.user)
        except assembly.ReportEditError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已根据当前办理记录重新起草")
        return redirect("gongkai_report_prose", code, year, section)
    form = ProseForm(request.POST or None, initial={"text": draft.prose.get(section, "")})
    if request.method == "POST" and form.is_valid():
        try:
            assembly.set_prose(draft, section, form.cleaned_data["text"], request.user)
        except assembly.ReportEditError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"“{SECTION_TITLES[section]}”已保存")
            return redirect("gongkai_report_draft", code, year)
    context = {"draft": draft, "section": section, "title": SECTION_TITLES[section], "form": form}
    return TemplateResponse(request, "reports/draft/prose.html", context)


def report_cell(request, code: str, year: int, key: str):
    """One cell: the records behind it, and the override form (value and written reason)."""
    agency = _agency(request, code, Perm.VIEW_REPORTS)
    year = _year(year)
    template = formats.template_for_year(year)
    try:
        ref = assembly.parse_key(template, key)
    except assembly.ReportEditError:
        raise Http404("没有该单元格") from None
    draft = _draft(agency, year)
    form = OverrideForm(request.POST or None)
    if request.method == "POST":
        require(request.user, Perm.EDIT_REPORTS, agency)
        if draft is None:
            raise PermissionDenied("尚未开始编写该年度报告")
        if form.is_valid():
            try:
                assembly.set_override(
                    draft, key, form.cleaned_data["value"], form.cleaned_data["reason"], request.user
                )
            except assembly.ReportEditError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已保存人工修改，请核对勾稽关系")
                return redirect("gongkai_report_draft", code, year)
    computed = assembly.Tables.of(assembly._assemble(agency, year, None, texts=False).report).get(ref)
    context = {
        "agency": agency,
        "year": year,
        "key": key,
        "where": assembly.where(template, ref),
        "computed": format_number(computed) if computed is not None else "（空白）",
        "override": draft.overrides.get(key) if draft else None,
        "sources": assembly.sources(agency, year, key, limit=200),
        "form": form,
        "can_edit": draft is not None and draft.editable and can(request.user, Perm.EDIT_REPORTS, agency),
    }
    return TemplateResponse(request, "reports/draft/cell.html", context)


def report_file(request, code: str, year: int, fmt: str):
    """A preview of the report in one output format (not the published file)."""
    agency = _agency(request, code, Perm.VIEW_REPORTS)
    year = _year(year)
    if fmt not in FORMATS:
        raise Http404("不支持的格式")
    report = assembly.checked(agency, year)
    try:
        data = render(report, fmt)
    except MissingFontError as exc:
        messages.error(request, str(exc))
        return redirect("gongkai_report_draft", code, year)
    response = HttpResponse(data, content_type=FORMATS[fmt].content_type)
    if fmt not in ("html", "json"):
        name = f"{agency.code}-{year}-annual-report{FORMATS[fmt].extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
