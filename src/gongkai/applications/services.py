"""Service functions: every step of a case, each one transaction with one audit event.

A step appends an `ApplicationEvent` and refreshes the case's cached fields by replaying all its events
(`lifecycle.replay` for status and outcome, `core.clock` for the deadline); a step the applicant is told of
records its notices in the same transaction (`notices.record`; they are sent after the commit). A step the
status or the law does not allow raises `Refused` (`gongkai.core.errors`) with a message for the user, and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai import throttle
from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.core import clock, fees
from gongkai.core.calendar import Calendar
from gongkai.core.errors import Refused
from gongkai.workdays.services import current_calendar

from . import lifecycle, notices, numbering, validation
from .choices import (
    CLOCK_CHANNEL,
    CONFIRMED_CHANNELS,
    OPEN_STATUSES,
    OUTCOMES,
    REOPENING_ORDERS,
    Channel,
    EventKind,
    Party,
    ReviewOrder,
)
from .models import Application, ApplicationEvent

log = logging.getLogger(__name__)

K = EventKind
# other.no_correction and other.unpaid_fee follow from events (abandon, fee unpaid), never from a decision.
DECIDABLE_OUTCOMES = {
    key: label for key, label in OUTCOMES.items() if key not in {"other.no_correction", "other.unpaid_fee"}
}
_CACHED = (
    "status",
    "outcome",
    "legal_basis",
    "decided_on",
    "counted_outcome",
    "counted_on",
    "received_on",
    "due",
    "due_provisional",
)


def stored(app: Application, extra: Iterable[ApplicationEvent] = ()) -> list[lifecycle.StoredEvent]:
    return [lifecycle.StoredEvent(e.kind, e.on, e.data) for e in [*app.events.all(), *extra]]


def clock_settings() -> clock.ClockSettings:
    """The law's periods, with the platform's one "due soon" threshold (`settings.GONGKAI_DUE_SOON_WORKDAYS`,
    used alike by the case list, the dashboard and the daily e-mails)."""
    return clock.ClockSettings(due_soon_threshold=settings.GONGKAI_DUE_SOON_WORKDAYS)


def deadline(
    app: Application, *, today: date | None = None, events=None, calendar: Calendar | None = None
) -> clock.Deadline | None:
    """The case's reply deadline on `today` (default: today), from its events; None before receipt. A page that
    shows many cases passes the `calendar` it read once."""
    events = stored(app) if events is None else events
    clock_events = lifecycle.clock_events(events, app.channel)
    if not clock_events:
        return None
    today = max(today or timezone.localdate(), max(e.on for e in clock_events))
    return clock.compute_deadline(
        clock_events, calendar or current_calendar(), today=today, settings=clock_settings()
    )


def _refresh(app: Application, events: list[lifecycle.StoredEvent]) -> dict[str, tuple]:
    """Set the cached fields from the events; return what changed (field → (before, after))."""
    state = lifecycle.replay(events)
    try:
        dl = deadline(app, events=events)
    except clock.ClockError as exc:
        raise Refused(str(exc)) from exc
    decision = None  # the decision in force: a re-opening sets the earlier one aside
    for e in events:
        if e.kind in (K.DECIDED, K.REOPENED):
            decision = e if e.kind == K.DECIDED else None
    values = {
        "status": state.status,
        "outcome": state.outcome,
        "legal_basis": decision.data.get("basis", "") if decision else "",
        "decided_on": state.decided_on,
        "counted_outcome": state.counted_outcome,
        "counted_on": state.counted_on,
        "received_on": state.received_on,
        "due": dl.due if dl else None,
        "due_provisional": bool(dl and dl.provisional),
    }
    changes = {}
    for name in _CACHED:
        if getattr(app, name) != values[name]:
            changes[name] = (getattr(app, name), values[name])
            setattr(app, name, values[name])
    return changes


def _shown(name: str, value):
    """A cached field's value as the change log shows it: the choice's label, the outcome's label, 是/否."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if name in ("outcome", "counted_outcome"):
        return OUTCOMES.get(value, value)
    choices = dict(Application._meta.get_field(name).flatchoices)
    return str(choices.get(value, value)) if choices else str(value)


def _labelled(changes: dict[str, tuple]) -> dict[str, tuple]:
    """The changes with the fields' Chinese names and their values' labels (never internal codes)."""
    return {
        str(Application._meta.get_field(k).verbose_name): (_shown(k, before), _shown(k, after))
        for k, (before, after) in changes.items()
    }


def _step(app: Application, kind: EventKind, on: date, by, data: dict | None = None) -> Application:
    """Append one event to `app` in one transaction, refresh the caches, record one audit event."""
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=app.pk)
        last = app.events.order_by("-on", "-pk").first()
        if last and on < last.on:
            raise Refused(f"日期 {on} 早于上一步骤（{last.get_kind_display()}，{last.on}）")
        if on > timezone.localdate():
            raise Refused(f"日期 {on} 晚于今天")
        event = ApplicationEvent(application=app, kind=kind, on=on, person=by, data=data or {})
        changes = _refresh(app, stored(app, [event]))
        event.save()
        app.save()
        history.record(app, "wagtail.edit", by, changes=_labelled(changes), note=f"{on} {kind.label}")
        notices.record(app, event)
    log.info("application %s: %s on %s", app.pk, kind.value, on)
    return app


def _create(agency: Agency, fields: dict, channel: Channel, kind: EventKind, on: date, by, data: dict):
    if on > timezone.localdate():
        raise Refused(f"日期 {on} 晚于今天")
    with transaction.atomic():
        seq = numbering.next_seq(agency, on.year)
        code, hashed = throttle.new_query_code()
        app = Application(
            agency=agency,
            year=on.year,
            seq=seq,
            number=numbering.format_number(agency, on.year, seq),
            query_code_hash=hashed,
            channel=channel,
            **fields,
        )
        event = ApplicationEvent(kind=kind, on=on, person=by, data=data)
        _refresh(app, [lifecycle.StoredEvent(kind, on, data)])
        app.save()
        event.application = app
        event.save()
        history.record(app, "wagtail.create", by, changes=_labelled(_initial(app)), note=f"{on} {kind.label}")
        notices.record(app, event)
    log.info("application %s registered in agency %s via %s", app.pk, agency.code, channel)
    return app, code


def _initial(app: Application) -> dict[str, tuple]:
    return {name: (None, getattr(app, name)) for name in ("number", "channel", *_CACHED)}


def submit(agency: Agency, fields: dict, *, on: date | None = None, by=None) -> tuple[Application, str]:
    """An application made online (portal or API). Returns it and its query code (shown once).

    It is not yet received in law: the office confirms it (`confirm_receipt`), and that day is the receipt date.
    """
    on = on or timezone.localdate()
    return _create(agency, validation.cleaned(fields), Channel.ONLINE, K.SUBMITTED, on, by, {})


def intake(
    agency: Agency,
    fields: dict,
    *,
    channel: Channel,
    arrived_on: date,
    confirmed_on: date | None = None,
    by=None,
) -> tuple[Application, str]:
    """An application the office registers itself, with the receipt date of 第三十一条 for its channel.

    当面 / 口头: the day it is handed in or taken down; 邮寄: the day the agency signs for it; 平常信函 / 传真 /
    电子邮件: the day the office confirms it with the applicant (`confirmed_on`, not before it arrived).
    """
    channel = Channel(channel)
    if channel is Channel.ONLINE:
        raise Refused("网上申请由申请人提交，经确认后登记")
    if channel in CONFIRMED_CHANNELS:
        if confirmed_on is None:
            raise Refused(f"{channel.label}以与申请人确认之日为收到申请之日，请填写确认日期")
        if confirmed_on < arrived_on:
            raise Refused("确认日期不能早于申请到达之日")
        received_on = confirmed_on
    else:
        received_on = arrived_on
    data = {"arrived_on": arrived_on.isoformat(), "rule": CLOCK_CHANNEL[channel].receipt_rule}
    return _create(agency, validation.cleaned(fields), channel, K.RECEIVED, received_on, by, data)


def confirm_receipt(app: Application, *, on: date, by=None) -> Application:
    """双方确认: the office confirms an online application with the applicant; `on` is the legal receipt date."""
    return _step(app, K.RECEIVED, on, by, {"rule": CLOCK_CHANNEL[Channel(app.channel)].receipt_rule})


def request_correction(app: Application, *, on: date, what: str, respond_by: date | None = None, by=None):
    """补正告知 (第三十条): once, saying what to correct; the reply period restarts when it arrives."""
    if not what.strip():
        raise Refused("请写明需要补正的事项")
    if respond_by and respond_by <= on:
        raise Refused("补正期限应晚于告知之日")
    data = {"what": what.strip(), "respond_by": respond_by.isoformat() if respond_by else None}
    return _step(app, K.CORRECTION_REQUESTED, on, by, data)


def receive_correction(app: Application, *, on: date, by=None) -> Application:
    return _step(app, K.CORRECTION_RECEIVED, on, by)


def abandon(app: Application, *, on: date, by=None) -> Application:
    """The correction period ended without a correction: treated as abandoned (other.no_correction)."""
    last = app.events.filter(kind=K.CORRECTION_REQUESTED).last()
    respond_by = last and last.data.get("respond_by")
    if respond_by and on <= date.fromisoformat(respond_by):
        raise Refused(f"补正期限至 {respond_by}，尚未届满")
    return _step(app, K.ABANDONED, on, by)


def send_consultation(app: Application, *, on: date, party: Party, to: str, by=None) -> Application:
    """征求意见 (第三十二条 third party, 第三十四条 other agency): the clock pauses until the answer."""
    if not to.strip():
        raise Refused("请填写征求意见的对象")
    key = str(app.events.filter(kind=K.CONSULTATION_SENT).count() + 1)
    return _step(
        app, K.CONSULTATION_SENT, on, by, {"party": Party(party).value, "to": to.strip(), "key": key}
    )


def answer_consultation(app: Application, *, on: date, key: str, opinion: str = "", by=None) -> Application:
    return _step(app, K.CONSULTATION_ANSWERED, on, by, {"key": key, "opinion": opinion.strip()})


def extend(app: Application, *, on: date, days: int, approver: str, reason: str = "", by=None) -> Application:
    """延期答复 (第三十三条): approved by the head of the disclosure office, once, at most 20 working days."""
    if not approver.strip():
        raise Refused("延期须经政府信息公开工作机构负责人同意，请填写批准人")
    return _step(app, K.EXTENDED, on, by, {"days": int(days), "approver": approver.strip(), "reason": reason})


def fee_of(method: str, quantity: int) -> fees.Fee:
    """The fee 109号 gives: 按件 for the applicant's `quantity`-th application of the month, 按量 for `quantity`
    pages."""
    try:
        if method == fees.Method.COUNT:
            return fees.fee_for_nth(quantity)
        if method == fees.Method.PAGES:
            return fees.fee_for_pages(quantity)
    except fees.FeeError as exc:
        raise Refused(str(exc)) from exc
    raise Refused("请选择计收方式：按件计收或按量计收")


def send_fee_notice(
    app: Application,
    *,
    on: date,
    method: str,
    quantity: int,
    amount: int | None = None,
    reduced_to: int | None = None,
    waiver_reason: str = "",
    by=None,
) -> Application:
    """收费通知 (109号): the amount is computed from the method and the count (never typed); the applicant pays
    within 20 working days from the next day.

    `amount`, if given, is the amount the office expects and must be the one the bands give; a waiver (减免)
    lowers it to `reduced_to` and needs its reason. Nothing to pay (the free band, a full waiver) is no notice.
    """
    fee = fee_of(method, quantity)
    unit = fees.UNITS[fee.method]
    label = "按件计收" if fee.method is fees.Method.COUNT else "按量计收"
    if amount is not None and amount != fee.amount:
        raise Refused(
            f"收费金额 {amount} 元与{label}标准不符：{quantity}{unit}应收 {fee.amount} 元"
            f"（{'；'.join(fees.band_lines(fee))}）"
        )
    if fee.amount == 0:
        raise Refused(f"{label}，{quantity}{unit}在免费范围内，无需收费")
    final, reason = fee.amount, waiver_reason.strip()
    if reduced_to is not None and reduced_to != fee.amount:
        if not reason:
            raise Refused("减免信息处理费的，请写明减免理由")
        if reduced_to > fee.amount or reduced_to < 0:
            raise Refused(f"减免后金额应在 0 至 {fee.amount} 元之间")
        if reduced_to == 0:
            raise Refused("全额减免的，无需发出收费通知，请直接办理")
        final = reduced_to
    elif reason:
        raise Refused("写了减免理由，但没有填写减免后金额")
    data = {
        "amount": final,
        "method": fee.method.value,
        "quantity": quantity,
        "computed": fee.amount,
        "bands": fees.band_lines(fee),
        "waiver_reason": reason if final != fee.amount else "",
    }
    return _step(app, K.FEE_NOTICE, on, by, data)


def record_fee_paid(app: Application, *, on: date, by=None) -> Application:
    return _step(app, K.FEE_PAID, on, by)


def record_fee_unpaid(app: Application, *, on: date, by=None) -> Application:
    """The payment window ended unpaid: treated as abandoned (other.unpaid_fee)."""
    dl = deadline(app, today=on)
    if dl is None or dl.stop_reason != "fee_unpaid":
        raise Refused("缴费期限尚未届满，不能认定为逾期未缴费")
    return _step(app, K.FEE_UNPAID, on, by)


def set_reasonable_period(app: Application, *, on: date, due: date, reason: str, by=None) -> Application:
    """第三十五条: a longer reasonable period the agency sets and tells the applicant."""
    if not reason.strip():
        raise Refused("请写明确定合理期限的理由")
    return _step(app, K.REASONABLE_PERIOD, on, by, {"due": due.isoformat(), "reason": reason.strip()})


def decide(
    app: Application, *, on: date, outcome: str, basis: str, withheld: str = "", by=None
) -> Application:
    """The decision: exactly one outcome (a table 三 row key) and its legal basis."""
    if outcome not in DECIDABLE_OUTCOMES:
        raise Refused("请选择一项办理结果")
    if not basis.strip():
        raise Refused("请写明法律依据（条例条款及理由）")
    if outcome == "partial" and not withheld.strip():
        raise Refused("部分公开的，请写明不予公开的部分及理由")
    data = {"outcome": outcome, "basis": basis.strip(), "withheld": withheld.strip()}
    return _step(app, K.DECIDED, on, by, data)


def reply(app: Application, *, on: date, by=None) -> Application:
    """The reply (答复告知书) is issued: the clock stops."""
    return _step(app, K.REPLIED, on, by)


def deliver(app: Application, *, on: date, method: str, proof: str = "", by=None) -> Application:
    return _step(app, K.DELIVERED, on, by, {"method": method, "proof": proof.strip()})


def close(app: Application, *, on: date, by=None) -> Application:
    return _step(app, K.CLOSED, on, by)


def withdraw(app: Application, *, on: date, reason: str = "", by=None) -> Application:
    """The applicant withdraws; a received application counts under 其他处理 (other.misc)."""
    return _step(app, K.WITHDRAWN, on, by, {"reason": reason.strip()})


def reopen(
    app: Application,
    *,
    on: date,
    reference: str,
    case: str,
    order: str = ReviewOrder.REDO,
    days: int | None = None,
    by=None,
) -> Application:
    """A review decision or a judgment ordered a new reply (撤销并责令重新答复, 责令履行).

    `on` is the day the decision reached the agency; the new reply period runs from it, over the `days`
    working days the decision sets (20 if it sets none). A decision that only confirms the reply unlawful (确认
    违法) or otherwise corrects without ordering a new reply does not re-open the case. The earlier result
    stays in the events and remains the one table 三 counts.
    """
    if order not in REOPENING_ORDERS:
        label = ReviewOrder(order).label if order in ReviewOrder.values else order
        raise Refused(f"“{label}”未责令重新答复，案件不重新办理")
    if not reference.strip():
        raise Refused("请填写复议决定书或判决书的文号")
    if not case.strip():
        raise Refused("请填写作出该决定或判决的案件")
    if days is not None and not 1 <= int(days) <= 200:
        raise Refused("重新答复的期限应为 1 至 200 个工作日")
    data = {
        "reference": reference.strip(),
        "case": case.strip(),
        "order": ReviewOrder(order).value,
        "days": int(days) if days else 20,
    }
    return _step(app, K.REOPENED, on, by, data)


def possible_duplicates(app: Application):
    """Earlier replied applications of the same applicant for the same information (suggest 重复申请)."""
    same_applicant = Q(id_number=app.id_number) if app.id_number else Q(credit_code=app.credit_code)
    if not (app.id_number or app.credit_code):
        same_applicant = Q(name=app.name, phone=app.phone)
    same_info = Q()
    for name in ("info_name", "info_document_number"):
        if getattr(app, name):
            same_info |= Q(**{name: getattr(app, name)})
    if not same_info:
        return Application.objects.none()
    return (
        Application.objects.filter(same_applicant, same_info, agency=app.agency, events__kind=K.REPLIED)
        .exclude(pk=app.pk)
        .distinct()
    )


def recompute_for_years(years: set[int], by=None) -> int:
    """After the calendar of `years` changed: refresh the due date of every open case whose clock touches them.

    Each case whose due date or provisional mark moves gets a history entry saying so. Returns how many moved.
    """
    if not years:
        return 0
    first, last = min(years), max(years)
    candidates = Application.objects.filter(status__in=OPEN_STATUSES, received_on__year__lte=last).filter(
        Q(due__year__gte=first) | Q(due_provisional=True)
    )
    moved = 0
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            app = Application.objects.select_for_update().get(pk=pk)
            changes = _refresh(app, stored(app))
            if not changes:
                continue
            app.save()
            note = f"节假日安排变更（{'、'.join(str(y) for y in sorted(years))} 年），重新计算答复期限"
            history.record(app, "wagtail.edit", by, changes=_labelled(changes), note=note)
            moved += 1
    if moved:
        log.info("calendar change %s: %d open applications recomputed", sorted(years), moved)
    return moved
