"""Staff pages of inspections and rectification: the agency's office registers its self-inspections, the
supervising office its 督导检查; each finding is a rectification item the agency closes with evidence and the
inspector (the 督导小组 leader for a 自查, the supervising office for a 督导检查) confirms or sends back."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404, can, get_or_404
from gongkai.core.errors import Refused

from .. import services
from ..forms import CloseForm, ConfirmForm, InspectionForm, RectificationForm
from ..models import Inspection, InspectionKind, Rectification

VIEW = Perm.VIEW_WORK_RECORDS


def _back(inspection: Inspection):
    return redirect("workrecords:inspection", code=inspection.agency.code, pk=inspection.pk)


def _inspection(request, code: str, pk: int) -> Inspection:
    agency = agency_or_404(request.user, code, VIEW)
    return get_or_404(Inspection.objects.filter(agency=agency), request.user, VIEW, pk=pk)


def _item(request, code: str, pk: int, item: int) -> Rectification:
    inspection = _inspection(request, code, pk)
    return get_or_404(inspection.rectifications.select_related("inspection"), request.user, VIEW, pk=item)


def _new(request, code: str, kind: InspectionKind, perm: Perm):
    agency = agency_or_404(request.user, code, perm)
    form = InspectionForm(request.POST or None, instance=Inspection(agency=agency), agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.create_inspection(agency, kind, by=request.user, **form.values())
        except (ValidationError, Refused) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, f"{kind.label}已登记，请逐条登记发现的问题")
            return _back(inspection)
    title = f"登记{kind.label}"
    return TemplateResponse(
        request, "workrecords/edit.html", {"agency": agency, "title": title, "form": form}
    )


def self_inspection_new(request, code: str):
    return _new(request, code, InspectionKind.SELF, Perm.EDIT_WORK_RECORDS)


def supervision_new(request, code: str):
    return _new(request, code, InspectionKind.SUPERVISION, Perm.INSPECT)


def inspection_detail(request, code: str, pk: int):
    inspection = _inspection(request, code, pk)
    items = inspection.rectifications.select_related("responsible", "confirmed_by")
    context = {
        "agency": inspection.agency,
        "inspection": inspection,
        "items": [(item, services.may_confirm(request.user, item)) for item in items],
        "may_record": services.may_manage_findings(request.user, inspection),
        "may_close": can(request.user, Perm.EDIT_WORK_RECORDS, inspection.agency),
    }
    return TemplateResponse(request, "workrecords/inspection.html", context)


def item_edit(request, code: str, pk: int, item: int | None = None):
    inspection = _inspection(request, code, pk)
    if not services.may_manage_findings(request.user, inspection):
        raise PermissionDenied("无权登记该检查发现的问题")
    instance = _item(request, code, pk, item) if item else None
    agency = inspection.agency
    form = RectificationForm(
        request.POST or None,
        instance=instance or Rectification(agency=agency, inspection=inspection),
        agency=agency,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_rectification(inspection, instance, by=request.user, **form.values())
        except (ValidationError, Refused) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, "整改事项已保存")
            return _back(inspection)
    context = {"agency": agency, "title": "检查发现的问题和整改措施", "form": form, "instance": None}
    return TemplateResponse(request, "workrecords/edit.html", context)


def item_close(request, code: str, pk: int, item: int):
    """The agency reports an item rectified, with the evidence."""
    agency = agency_or_404(request.user, code, Perm.EDIT_WORK_RECORDS)
    rectification = _item(request, code, pk, item)
    form = CloseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.close_rectification(
                rectification,
                by=request.user,
                closed_on=data["closed_on"],
                note=data["note"],
                evidence=data["evidence"],
            )
        except (ValidationError, Refused) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, "已报整改完成，等待确认")
            return _back(rectification.inspection)
    context = {"agency": agency, "title": f"报整改完成：{rectification}", "form": form, "multipart": True}
    return TemplateResponse(request, "workrecords/edit.html", context)


def item_confirm(request, code: str, pk: int, item: int):
    """The inspector confirms a rectification or sends it back (the service decides who may)."""
    agency = agency_or_404(request.user, code, (Perm.CONFIRM_RECTIFICATION, Perm.INSPECT))
    rectification = _item(request, code, pk, item)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.confirm_rectification(
                rectification, by=request.user, accept=accept, note=form.cleaned_data["note"]
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "整改已确认" if accept else "已退回继续整改")
            return _back(rectification.inspection)
    context = {
        "agency": agency,
        "title": f"确认整改：{rectification}",
        "form": form,
        "item": rectification,
        "may_confirm": services.may_confirm(request.user, rectification),
    }
    return TemplateResponse(request, "workrecords/confirm.html", context)
