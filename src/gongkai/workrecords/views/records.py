"""Staff pages of an agency's year of disclosure work: groups, rules, meetings and training, on one page; the
forms that enter them; their files. Thin: scope, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, agency_or_404, can, get_or_404
from gongkai.core.errors import Refused

from .. import evaluation, planning, services
from ..forms import (
    AccountabilityForm,
    GroupForm,
    MeasureForm,
    MeetingForm,
    MemberForm,
    OutcomeForm,
    ProposalForm,
    RatingForm,
    RuleForm,
)
from ..models import (
    Accountability,
    GroupMember,
    Measure,
    Meeting,
    ProposalCount,
    Rectification,
    Rule,
    SocialRating,
    TaskAssignment,
    WorkGroup,
    WorkPlan,
)
from ..summary import year_records

KINDS = {
    "groups": ("工作小组", GroupForm, WorkGroup, services.save_group),
    "members": ("小组成员", MemberForm, GroupMember, services.save_member),
    "rules": ("工作制度", RuleForm, Rule, services.save_rule),
    "meetings": ("会议和培训", MeetingForm, Meeting, services.save_meeting),
    "proposals": ("建议提案办理", ProposalForm, ProposalCount, services.save_proposals),
    "measures": ("报告提出的措施", MeasureForm, Measure, planning.save_measure),
    "outcomes": ("上年度措施的落实情况", OutcomeForm, Measure, planning.record_outcome),
    "ratings": ("社会评议", RatingForm, SocialRating, evaluation.save_rating),
    "accountability": ("责任追究", AccountabilityForm, Accountability, evaluation.save_accountability),
}
YEAR_FIELD = {"proposals", "measures", "ratings", "accountability"}
FILES = {
    "rules": (Rule, "document"),
    "meetings": (Meeting, "attachment"),
    "evidence": (Rectification, "evidence"),
    "tasks": (TaskAssignment, "evidence"),
    "plans": (WorkPlan, "document"),
}
FIRST_YEAR = 2008


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404("年度无效")


def index(request):
    agencies = agencies_for(request.user, Perm.VIEW_WORK_RECORDS)
    context = {"agencies": agencies, "year": timezone.localdate().year}
    return TemplateResponse(request, "workrecords/index.html", context)


def year_detail(request, code: str, year: int):
    check_year(year)
    agency = agency_or_404(request.user, code, Perm.VIEW_WORK_RECORDS)
    context = {
        "agency": agency,
        "year": year,
        "records": year_records(agency, year),
        "can_edit": can(request.user, Perm.EDIT_WORK_RECORDS, agency),
        "can_inspect": can(request.user, Perm.INSPECT, agency),
        "carried": planning.carried_measures(agency, year),
        "measures": Measure.objects.filter(agency=agency, year=year),
        "assignments": planning.assignments_of(agency, year),
        "ratings": SocialRating.objects.filter(agency=agency, year=year),
        "accountability": Accountability.objects.filter(agency=agency, year=year),
    }
    return TemplateResponse(request, "workrecords/year.html", context)


def record_edit(request, code: str, year: int, kind: str, pk: int | None = None):
    if kind not in KINDS:
        raise Http404
    check_year(year)
    agency = agency_or_404(request.user, code, Perm.EDIT_WORK_RECORDS)
    title, form_class, model, save = KINDS[kind]
    instance = get_or_404(model.objects.all(), request.user, Perm.EDIT_WORK_RECORDS, pk=pk) if pk else None
    if instance is not None and instance.agency_id != agency.pk:
        raise Http404
    back = redirect("workrecords:year", code=code, year=year)
    if request.method == "POST" and instance is not None and "delete" in request.POST and kind != "outcomes":
        try:
            services.delete_record(instance, by=request.user)
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{title}已删除")
        return back
    initial = {"year": year} if kind in YEAR_FIELD else None
    form = form_class(
        request.POST or None,
        request.FILES or None,
        instance=instance or model(agency=agency),
        agency=agency,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        values = form.values()
        if kind == "meetings":
            values["participants"] = form.cleaned_data["participants"]
        try:
            save(agency, instance, by=request.user, **values)
        except (ValidationError, Refused) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, f"{title}已保存")
            return back
    deletable = instance if kind != "outcomes" else None
    context = {"agency": agency, "year": year, "title": title, "form": form, "instance": deletable}
    return TemplateResponse(request, "workrecords/edit.html", context)


def download(request, code: str, kind: str, pk: int):
    """A record's file, to those who may see the agency's records (never under a public URL)."""
    if kind not in FILES:
        raise Http404
    agency = agency_or_404(request.user, code, Perm.VIEW_WORK_RECORDS)
    model, field = FILES[kind]
    record = get_or_404(model.objects.filter(agency=agency), request.user, Perm.VIEW_WORK_RECORDS, pk=pk)
    file = getattr(record, field)
    if not file:
        raise Http404
    suffix = file.name.rsplit(".", 1)[-1] if "." in file.name else "bin"
    return FileResponse(file.open("rb"), as_attachment=True, filename=f"{kind}-{record.pk}.{suffix}")
