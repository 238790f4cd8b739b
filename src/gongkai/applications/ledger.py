"""The desk's filters and the application ledger (台账) as XLSX, with the same filters.

`filtered` is what the desk list and the export share: the cases the user may view (`scope`, and a 承办人's own
cases), narrowed by the list's query parameters (agency, status, 承办人, year, search, overdue, stale unconfirmed). The search matches the
applicant's name and the request's content only in the agencies whose personal data the user may see.

The ledger writes one row per case. The applicant's personal data is in full only for the agencies where the user
holds Perm.VIEW_PERSONAL_DATA (the handling office), masked elsewhere. Bounded: an export holds at most
`settings.GONGKAI_LEDGER_MAX_ROWS` cases (20 000 by default); a larger selection is refused with the count, so
that nobody files an incomplete ledger without knowing — narrow it by year or agency. Rows are read in chunks and
written in openpyxl's write-only mode (`core.render.sheet`).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for
from gongkai.core.errors import Refused
from gongkai.core.render.sheet import render_sheets

from . import assignment, unconfirmed
from .choices import OUTCOMES, EventKind, Status
from .models import ApplicationEvent

COLUMNS = (
    "申请编号",
    "机关",
    "申请人类型",
    "申请人姓名或名称",
    "证件号码或统一社会信用代码",
    "联系电话",
    "电子邮箱",
    "通信地址",
    "申请渠道",
    "所需信息名称",
    "文号",
    "收到申请之日",
    "办理状态",
    "答复期限",
    "办理结果",
    "办理结果日期",
    "答复日期",
    "送达日期",
    "表三计入的办理结果",
)


def personal_agencies(user) -> set[int]:
    """The agencies whose applicants' personal data `user` may see."""
    return set(agencies_for(user, Perm.VIEW_PERSONAL_DATA).values_list("pk", flat=True))


def search(qs, term: str, personal: set[int]):
    """Number, information name or document number for everyone; the applicant's name and the request's
    content only in the agencies whose personal data the user may see (the handling office)."""
    match = Q(number__icontains=term) | Q(info_name__icontains=term) | Q(info_document_number=term)
    if personal:
        content = Q(name__icontains=term) | Q(info_description__icontains=term) | Q(purpose__icontains=term)
        match |= Q(agency__in=personal) & content
    return qs.filter(match)


def by_handler(qs, choice: str):
    """The desk's 承办人 filter: one of the agencies' 业务人员 by id, ``none`` for the unassigned cases."""
    if choice == "none":
        return qs.filter(handler__isnull=True)
    if choice.isdigit() and len(choice) < 10:
        return qs.filter(handler_id=int(choice))
    return qs


def filtered(user, params):
    """The cases `user` may view (a 承办人: those assigned to them), narrowed by the desk's query parameters
    `params` (a QueryDict or dict)."""
    qs = assignment.cases_for(user, Perm.VIEW_APPLICATIONS).select_related("agency")
    qs = by_handler(qs, params.get("handler", ""))
    status = params.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    if code := params.get("agency", ""):
        qs = qs.filter(agency__code=code)
    if (year := params.get("year", "")).isdigit():
        qs = qs.filter(year=int(year))
    if term := params.get("q", "").strip():
        qs = search(qs, term, personal_agencies(user))
    if params.get("overdue"):
        qs = qs.filter(status__in=[Status.PROCESSING, Status.DECIDED], due__lt=timezone.localdate())
    if params.get("stale"):
        qs = qs.filter(pk__in=unconfirmed.stale_pks(agencies_for(user, Perm.VIEW_APPLICATIONS)))
    return qs


def _last(kind: EventKind):
    return Subquery(
        ApplicationEvent.objects.filter(application=OuterRef("pk"), kind=kind)
        .order_by("-on", "-pk")
        .values("on")[:1]
    )


def _rows(qs, personal: set[int]):
    for app in qs.iterator(chunk_size=500):
        who = app.personal_data(app.agency_id in personal)
        yield (
            app.number,
            app.agency.name,
            app.get_applicant_type_display(),
            who["name"],
            who["credit_code"] if app.is_organisation else who["id_number"],
            who["phone"],
            who["email"],
            who["address"],
            app.get_channel_display(),
            app.info_name,
            app.info_document_number,
            app.received_on,
            app.get_status_display(),
            app.due,
            OUTCOMES.get(app.outcome, ""),
            app.decided_on,
            app.replied_on,
            app.delivered_on,
            OUTCOMES.get(app.counted_outcome, ""),
        )


def export(user, params) -> bytes:
    """The ledger of the cases the desk shows `user` with `params`, as XLSX bytes; `Refused` above the cap."""
    qs = filtered(user, params)
    count = qs.count()
    cap = settings.GONGKAI_LEDGER_MAX_ROWS
    if count > cap:
        raise Refused(
            f"符合条件的申请共 {count} 件，超过一次导出的上限 {cap} 件，请按年度、机关或状态缩小范围后再导出"
        )
    qs = qs.annotate(replied_on=_last(EventKind.REPLIED), delivered_on=_last(EventKind.DELIVERED))
    qs = qs.order_by("agency__path", "year", "seq")
    return render_sheets([("依申请公开台账", COLUMNS, _rows(qs, personal_agencies(user)))])
