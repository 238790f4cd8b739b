"""Staff pages of the work plan (工作要点): the supervising office enters a government's plan from its document and
its tasks (by hand or from XLSX) with the agencies responsible; each agency's office reports its progress on its
tasks with evidence. Thin: scope, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404, can, get_or_404
from gongkai.core.errors import Refused

from .. import ledger, planning, sheets
from ..forms import PlanForm, ProgressForm, TaskForm
from ..models import TaskAssignment, WorkPlan, WorkTask
from .ledger import XLSX, ImportForm

VIEW, INSPECT, EDIT = Perm.VIEW_WORK_RECORDS, Perm.INSPECT, Perm.EDIT_WORK_RECORDS


def _error(form, error) -> None:
    form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))


def _plan(request, code: str, pk: int, perm: Perm = VIEW) -> WorkPlan:
    agency = agency_or_404(request.user, code, perm)
    return get_or_404(WorkPlan.objects.filter(agency=agency), request.user, perm, pk=pk)


def plan_list(request, code: str):
    agency = agency_or_404(request.user, code, VIEW)
    context = {
        "agency": agency,
        "plans": WorkPlan.objects.filter(agency=agency),
        "can_inspect": can(request.user, INSPECT, agency),
    }
    return TemplateResponse(request, "workrecords/plans.html", context)


def plan_edit(request, code: str, pk: int | None = None):
    agency = agency_or_404(request.user, code, INSPECT)
    instance = _plan(request, code, pk, INSPECT) if pk else None
    form = PlanForm(
        request.POST or None,
        request.FILES or None,
        instance=instance or WorkPlan(agency=agency),
        agency=agency,
    )
    if request.method == "POST" and form.is_valid():
        values = form.values()
        if not request.FILES.get("document"):
            values.pop("document")
        try:
            plan = planning.save_plan(agency, instance, by=request.user, **values)
        except (ValidationError, Refused) as error:
            _error(form, error)
        else:
            messages.success(request, "工作要点已保存，请逐条登记任务或从 XLSX 导入")
            return redirect("workrecords:plan", code=code, pk=plan.pk)
    context = {"agency": agency, "title": "政务公开工作要点", "form": form}
    return TemplateResponse(request, "workrecords/edit.html", context)


def plan_detail(request, code: str, pk: int):
    plan = _plan(request, code, pk)
    tasks = [(task, planning.task_state(task)) for task in plan.tasks.prefetch_related("assignments__agency")]
    context = {
        "agency": plan.agency,
        "plan": plan,
        "tasks": tasks,
        "can_inspect": can(request.user, INSPECT, plan.agency),
    }
    return TemplateResponse(request, "workrecords/plan.html", context)


def task_edit(request, code: str, pk: int, task: int | None = None):
    plan = _plan(request, code, pk, INSPECT)
    instance = get_or_404(plan.tasks.all(), request.user, INSPECT, pk=task) if task else None
    form = TaskForm(
        request.POST or None, instance=instance or WorkTask(agency=plan.agency, plan=plan), agency=plan.agency
    )
    if request.method == "POST" and form.is_valid():
        try:
            planning.save_task(
                plan, instance, by=request.user, agencies=form.cleaned_data["agencies"], **form.values()
            )
        except (ValidationError, Refused) as error:
            _error(form, error)
        else:
            messages.success(request, "任务已保存")
            return redirect("workrecords:plan", code=code, pk=plan.pk)
    context = {"agency": plan.agency, "title": f"{plan}的任务", "form": form}
    return TemplateResponse(request, "workrecords/edit.html", context)


def task_import(request, code: str, pk: int):
    plan = _plan(request, code, pk, INSPECT)
    form = ImportForm(request.POST or None, request.FILES or None)
    form.fields["file"].label = "工作任务表（XLSX，列：序号、任务、责任单位、完成时限）"
    if request.method == "POST" and form.is_valid():
        try:
            rows = sheets.read_tasks(form.cleaned_data["file"].read(ledger.MAX_IMPORT_BYTES + 1))
            count = planning.import_tasks(plan, rows, by=request.user)
        except (ledger.ImportRefused, Refused) as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"已导入任务 {count} 条")
            return redirect("workrecords:plan", code=code, pk=plan.pk)
    context = {"agency": plan.agency, "title": f"导入{plan}的任务", "form": form, "template": "tasks"}
    return TemplateResponse(request, "workrecords/edit.html", context)


def template(request, kind: str):
    """A blank XLSX to fill in for an import (no agency's data in it)."""
    if kind not in sheets.TEMPLATES:
        raise Http404
    response = HttpResponse(sheets.template(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="template-{kind}.xlsx"'
    return response


def progress(request, code: str, pk: int):
    """The responsible agency's office reports its progress on one task, with evidence."""
    agency = agency_or_404(request.user, code, EDIT)
    assignment = get_or_404(
        TaskAssignment.objects.filter(agency=agency).select_related("task__plan"), request.user, EDIT, pk=pk
    )
    form = ProgressForm(request.POST or None, request.FILES or None, instance=assignment, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            planning.report_progress(assignment, by=request.user, **form.values())
        except (ValidationError, Refused) as error:
            _error(form, error)
        else:
            messages.success(request, "任务进展已报告")
            return redirect("workrecords:year", code=code, year=assignment.task.plan.year)
    context = {"agency": agency, "title": f"报告任务进展：{assignment.task}", "form": form}
    return TemplateResponse(request, "workrecords/edit.html", context)
