"""Services of the measures a report announces and of the work plan (工作要点): each saves one record or takes one
step in one transaction with one audit event, like `services`. Views scope first; the steps that depend on who
acts (issuing a plan, reporting on a task) re-check it here."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies import scoping
from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.roles import Perm
from gongkai.core.errors import Refused

from .models import Measure, ProposalCount, TaskAssignment, TaskState, WorkPlan, WorkTask
from .services import PROPOSAL_FIELDS, _save

logger = logging.getLogger(__name__)

MEASURE_FIELDS = ("year", "section", "text")
OUTCOME_FIELDS = ("outcome", "outcome_note")
PLAN_FIELDS = ("year", "title", "number", "issued_on", "document")
TASK_FIELDS = ("order", "text", "due_on")
PROGRESS_FIELDS = ("state", "note", "evidence")


# --- measures announced in a report, and what became of them ---------------------------------------------------


@transaction.atomic
def save_measure(agency: Agency, measure: Measure | None = None, *, by=None, **values) -> Measure:
    """A measure the report of ``year`` announces (its 五's 改进措施 or its 六's next-year work)."""
    return _save(measure or Measure(agency=agency), MEASURE_FIELDS, values, by)


@transaction.atomic
def record_outcome(agency: Agency, measure: Measure | None = None, *, by=None, **values) -> Measure:
    """What became of a measure announced last year (the next year's report states it)."""
    if measure is None:
        raise Refused("请从上年度报告提出的措施中选择要登记落实情况的一项")
    measure.outcome_by = by
    return _save(measure, OUTCOME_FIELDS, values, by)


def carried_measures(agency: Agency, year: int) -> list[Measure]:
    """The measures last year's report announced: the ones ``year``'s report must say what became of."""
    return list(Measure.objects.filter(agency=agency, year=year - 1))


# --- 建议提案 from XLSX ------------------------------------------------------------------------------------------


@transaction.atomic
def import_proposals(agency: Agency, rows, *, by=None) -> int:
    """建议提案 counts read from XLSX (`ledger.read_proposals`), one row per year and kind: a row replaces the
    year's count of that kind. All or none; a failing row refuses the file with its line number."""
    for row in rows:
        values = row.values
        existing = ProposalCount.objects.filter(
            agency=agency, year=values["year"], kind=values["kind"]
        ).first()
        try:
            _save(existing or ProposalCount(agency=agency), PROPOSAL_FIELDS, values, by)
        except ValidationError as error:
            raise Refused(f"第 {row.line} 行：{'；'.join(error.messages)}") from None
    logger.info("%s proposal counts imported for %s", len(rows), agency.code)
    return len(rows)


# --- the work plan ------------------------------------------------------------------------------------------------


def responsible_agencies(issuer: Agency):
    """The agencies a plan of ``issuer`` can assign tasks to: its government's tree."""
    return Agency.objects.filter(path__startswith=issuer.path).order_by("path")


@transaction.atomic
def save_plan(issuer: Agency, plan: WorkPlan | None = None, *, by, **values) -> WorkPlan:
    """The work plan a government issues for a year (the supervising office enters it from the document)."""
    scoping.require(by, Perm.INSPECT, issuer)
    if issuer.kind != AgencyKind.GOVERNMENT:
        raise Refused("政务公开工作要点由人民政府（管委会）印发，请在政府的页面登记")
    return _save(plan or WorkPlan(agency=issuer), PLAN_FIELDS, values, by)


def _assignment_change(task: WorkTask, agencies: list[Agency]) -> dict:
    """Check the agencies responsible and say how they change (for the task's one audit event)."""
    allowed = set(responsible_agencies(task.plan.agency).values_list("pk", flat=True))
    if not agencies:
        raise Refused("请选择责任单位")
    if any(a.pk not in allowed for a in agencies):
        raise Refused("责任单位只能是本级政府及其所属部门")
    current = list(task.assignments.select_related("agency")) if task.pk else []
    wanted = {a.pk for a in agencies}
    for assignment in current:
        if assignment.agency_id not in wanted and (assignment.state != TaskState.PENDING or assignment.note):
            raise Refused(f"{assignment.agency.name}已报告进展，不能取消其任务")
    before = "、".join(sorted(a.agency.name for a in current))
    after = "、".join(sorted(a.name for a in agencies))
    return {"责任单位": (before, after)} if before != after else {}


@transaction.atomic
def save_task(plan: WorkPlan, task: WorkTask | None = None, *, by, agencies, **values) -> WorkTask:
    """A task of the plan (one row of its document) and the agencies responsible for it, in one audit event."""
    scoping.require(by, Perm.INSPECT, plan.agency)
    task = task or WorkTask(agency=plan.agency, plan=plan)
    agencies = list(agencies)
    extra = _assignment_change(task, agencies)
    task = _save(task, TASK_FIELDS, values, by, extra=extra)
    wanted = {a.pk for a in agencies}
    task.assignments.exclude(agency_id__in=wanted).delete()
    have = set(task.assignments.values_list("agency_id", flat=True))
    TaskAssignment.objects.bulk_create(
        [TaskAssignment(task=task, agency=a) for a in agencies if a.pk not in have]
    )
    return task


@transaction.atomic
def import_tasks(plan: WorkPlan, rows, *, by) -> int:
    """The plan's tasks read from XLSX (`ledger.read_tasks`): all or none, each row's agencies named by name or
    code among those the plan may assign."""
    scoping.require(by, Perm.INSPECT, plan.agency)
    known = {}
    for agency in responsible_agencies(plan.agency):
        known[agency.name] = known[agency.code] = agency
    for row in rows:
        names = row.values.pop("agencies")
        unknown = [n for n in names if n not in known]
        if unknown:
            raise Refused(f"第 {row.line} 行：责任单位“{'、'.join(unknown)}”不是本级政府或其所属部门")
        try:
            save_task(plan, by=by, agencies=[known[n] for n in names], **row.values)
        except ValidationError as error:
            raise Refused(f"第 {row.line} 行：{'；'.join(error.messages)}") from None
        except Refused as error:
            raise Refused(f"第 {row.line} 行：{error}") from None
    logger.info("%s tasks imported into plan %s", len(rows), plan.pk)
    return len(rows)


@transaction.atomic
def report_progress(assignment: TaskAssignment, *, by, **values) -> TaskAssignment:
    """The responsible agency's office reports its progress on a task; 已完成 needs a note and evidence."""
    assignment = TaskAssignment.objects.select_for_update().get(pk=assignment.pk)
    scoping.require(by, Perm.EDIT_WORK_RECORDS, assignment.agency)
    if values.get("evidence") is None:
        values.pop("evidence", None)
    assignment.reported_on = timezone.localdate()
    return _save(assignment, PROGRESS_FIELDS, values, by)


def plans_for(agency: Agency, year: int) -> list[WorkPlan]:
    return list(
        WorkPlan.objects.filter(agency=agency, year=year).prefetch_related("tasks__assignments__agency")
    )


def assignments_of(agency: Agency, year: int) -> list[TaskAssignment]:
    """The tasks of ``year``'s plans that ``agency`` is responsible for."""
    return list(
        TaskAssignment.objects.filter(agency=agency, task__plan__year=year).select_related(
            "task__plan__agency"
        )
    )


def task_state(task: WorkTask) -> TaskState:
    """A task is done when every responsible agency has done it, pending while none has started."""
    states = {a.state for a in task.assignments.all()}
    if states == {TaskState.DONE}:
        return TaskState.DONE
    if states <= {TaskState.PENDING}:
        return TaskState.PENDING
    return TaskState.PROGRESS
