"""The cases: the list by state with working days left, a case's page with its clock and steps, a step, the
registration of an application received on paper, and table 三 with its drill-down."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, F, OuterRef, Subquery, When
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from gongkai.agencies import history
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, agency_or_404, can, require_any
from gongkai.core import fees
from gongkai.core.calendar import Calendar
from gongkai.core.clock import STATE_NAMES
from gongkai.core.errors import Refused
from gongkai.core.report import formats
from gongkai.workdays.services import current_calendar

from .. import assignment, figures, intake_services, ledger, services, signoff, unconfirmed
from ..choices import OPEN_STATUSES, OUTCOMES, EventKind, ReviewOrder, Status
from ..forms import IntakeWithAttachmentsForm
from ..models import Application, ApplicationEvent
from ..steps import STEPS, available
from . import intake
from .assignment import batch

PAGE_SIZE = 50
FEE_METHODS = (
    (fees.Method.COUNT, "按件计收（申请人本自然月内第几件）"),
    (fees.Method.PAGES, "按量计收（页数）"),
)


def _row(app: Application, personal_agencies: set[int], calendar: Calendar) -> dict:
    """A line of the list; the clock's state only for open cases (a withdrawn case's clock just ends); an
    unconfirmed application's age in working days instead of a clock."""
    dl = services.deadline(app, calendar=calendar) if app.status in OPEN_STATUSES else None
    age = unconfirmed.age_of(app, calendar=calendar) if app.status == Status.SUBMITTED else None
    return {
        "app": app,
        "applicant": app.personal_data(app.agency_id in personal_agencies),
        "deadline": dl,
        "state": STATE_NAMES[dl.state] if dl else "",
        "age": age,
        "stale": age is not None and age >= unconfirmed.remind_after(),
    }


def application_index(request):
    """Cases by state with working days left; filters by agency, status, 承办人, year and number or information.
    A 业务人员 sees the cases assigned to them. POST: the batch action on the ticked cases (`assignment.batch`)."""
    require_any(request.user, (Perm.VIEW_APPLICATIONS, Perm.WORK_ASSIGNED))
    if request.method == "POST":
        return batch(request)
    qs = ledger.filtered(request.user, request.GET).select_related("handler").prefetch_related("events")
    viewed = agencies_for(request.user, Perm.VIEW_APPLICATIONS)
    status = request.GET.get("status", "")
    personal = ledger.personal_agencies(request.user)
    last_step = ApplicationEvent.objects.filter(application=OuterRef("pk")).order_by("-on", "-pk")
    # Open cases first, the most urgent on top (the same order on SQLite and PostgreSQL), unconfirmed ones
    # oldest first; then the closed ones, the most recently closed first.
    ordered = qs.annotate(
        closed=Case(When(status__in=OPEN_STATUSES, then=0), default=1),
        closed_on=Case(
            When(status__in=OPEN_STATUSES, then=None), default=Subquery(last_step.values("on")[:1])
        ),
    ).order_by(
        "closed",
        F("due").asc(nulls_last=True),
        F("closed_on").desc(nulls_last=True),
        F("received_on").desc(nulls_first=True),
        "pk" if status == Status.SUBMITTED else "-pk",
    )
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    calendar = current_calendar()  # one for the page, not one per row
    context = {
        "page": page,
        "rows": [_row(app, personal, calendar) for app in page],
        "statuses": Status.choices,
        "agencies": agencies_for(request.user, Perm.VIEW_APPLICATIONS),
        "handle_agencies": agencies_for(request.user, Perm.HANDLE_APPLICATIONS),
        "handlers": assignment.handlers_in(viewed.values("pk")).select_related("agency"),
        "can_batch": agencies_for(request.user, Perm.HANDLE_APPLICATIONS).exists(),
        "awaiting": signoff.awaiting(request.user),
        "filters": request.GET,
        "year": timezone.localdate().year,
        "remind_after": unconfirmed.remind_after(),
        "searches_personal": bool(personal),
    }
    return TemplateResponse(request, "applications/index.html", context)


def application_detail(request, pk: int):
    """The case page: facts, the clock and its explanation, the events, the history, the next steps."""
    app = assignment.case_or_404(request.user, pk)
    can_handle = assignment.may_work(request.user, app)
    events = list(app.events.select_related("person"))
    steps = available(app.status, events) if can_handle else []
    reopening = next((e for e in reversed(events) if e.kind == EventKind.REOPENED), None)
    if reopening:
        order = reopening.data.get("order", "")
        reopening.order_label = ReviewOrder(order).label if order in ReviewOrder.values else ""
    context = {
        "reopening": reopening,
        "app": app,
        "applicant": app.personal_data(can(request.user, Perm.VIEW_PERSONAL_DATA, app.agency)),
        "deadline": services.deadline(app),
        "events": events,
        "entries": history.entries_for(app) if can(request.user, Perm.VIEW_HISTORY, app.agency) else None,
        # a step that cannot be taken yet says why (the reply waits for its letter's 签发)
        "steps": [(s, signoff.reply_refusal(app) if s.key == "reply" else None) for s in steps],
        "can_assign": can(request.user, Perm.HANDLE_APPLICATIONS, app.agency),
        "duplicates": services.possible_duplicates(app) if can_handle else [],
        "intake": intake.case_context(request.user, app),
    }
    return TemplateResponse(request, "applications/detail.html", context)


def _fee_context(form, preview: bool) -> dict:
    """The fee step shows the bands of both methods and, on 计算, the fee the bands give (nothing recorded)."""
    context = {"fee_schedules": [(label, fees.schedule_lines(m)) for m, label in FEE_METHODS]}
    if preview and form.is_valid():
        try:
            fee = services.fee_of(form.cleaned_data["method"], form.cleaned_data["quantity"])
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            context["fee_preview"] = {"amount": fee.amount, "lines": fees.band_lines(fee)}
    return context


def application_step(request, pk: int, step: str):
    """One step of the case (GET: its form; POST: the service call; the fee step's 计算 only computes)."""
    app = assignment.case_or_404(request.user, pk, work=True)
    spec = STEPS.get(step)
    if spec is None:
        raise Http404
    form = spec.form(request.POST or None)
    form.for_case(list(app.events.all()))
    preview = "preview" in request.POST
    extra = _fee_context(form, preview) if spec.key == "fee" else {}
    if request.method == "POST" and not preview and form.is_valid():
        try:
            spec.run(app, by=request.user, **form.cleaned_data)
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已记录：{spec.label}")
            return redirect("applications:detail", pk=app.pk)
    context = {"app": app, "step": spec, "form": form, **extra}
    return TemplateResponse(request, "applications/step.html", context)


def application_intake(request, code: str):
    """Register an application received on paper, by fax, by e-mail or orally."""
    agency = agency_or_404(request.user, code, Perm.HANDLE_APPLICATIONS)
    form = IntakeWithAttachmentsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            app, query_code = intake_services.register(
                agency,
                form.applicant(),
                form.checked_attachments,
                channel=data["channel"],
                arrived_on=data["arrived_on"],
                confirmed_on=data["confirmed_on"],
                by=request.user,
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记 {app.number}，查询码 {query_code}（请告知申请人，仅显示一次）")
            return redirect("applications:detail", pk=app.pk)
    return TemplateResponse(request, "applications/intake.html", {"agency": agency, "form": form})


def application_figures(request, code: str, year: int):
    """Table 三 for an agency and year, each figure linked to its cases."""
    agency = agency_or_404(request.user, code, Perm.VIEW_APPLICATIONS)
    template = request.GET.get("template") or formats.template_for_year(year)
    if template not in formats.TEMPLATE_NAMES:
        raise Http404
    spec = formats.get_template(template)
    values = figures.requests_figures(agency, year, template)
    row, column = request.GET.get("row", ""), request.GET.get("column", "total")
    drill = None
    if row:
        try:
            drill = figures.cases(agency, year, row, column, template)
        except KeyError as exc:
            raise Http404 from exc
    context = {
        "agency": agency,
        "year": year,
        "template": template,
        "columns": formats.REQUEST_COLUMNS,
        "rows": [
            (r, [(c.key, values[r.key][c.key]) for c in formats.REQUEST_COLUMNS]) for r in spec.request_rows
        ],
        "drill": drill,
        "drill_row": spec.request_row(row).full_label if drill is not None else "",
        "drill_column": formats.request_column(column).label if drill is not None else "",
        "outcomes": OUTCOMES,
    }
    return TemplateResponse(request, "applications/figures.html", context)
