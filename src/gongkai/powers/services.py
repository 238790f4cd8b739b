"""Service functions for power lists, decisions entered by hand, fees, procurement and appeal cases.

Each does one state change in one transaction and records one audit event (``history.record``). Callers
(views, demo, import) check permissions with the scoping helper first.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Model

from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.applications import services as applications
from gongkai.applications.choices import REOPENING_ORDERS
from gongkai.core.errors import Refused

from .models import AppealCase, AppealResult, Decision, FeeItem, PowerItem, PowerList, ProcurementItem

logger = logging.getLogger(__name__)

ITEM_FIELDS = ("code", "name", "category", "legal_basis", "online", "added_on", "removed_on")
FEE_FIELDS = ("code", "name", "legal_basis", "added_on", "removed_on", "amount")
PROCUREMENT_FIELDS = ("name", "reference", "amount")
CASE_FIELDS = (
    "kind",
    "case_number",
    "applicant",
    "concerns",
    "application",
    "body",
    "filed_on",
    "result",
    "result_known_on",
    "order",
    "decision_number",
    "order_days",
    "note",
)


@transaction.atomic
def start_year(agency: Agency, year: int, *, by=None) -> PowerList:
    """Open ``year``'s list as a copy of the latest earlier one: the items and fee items still on it at that
    year's end (not removed), with their codes, categories and ``added_on`` dates. Procurement is per year and
    is not copied. Without an earlier list the new one starts empty."""
    if PowerList.objects.filter(agency=agency, year=year).exists():
        raise ValueError(f"power list {agency.code}/{year} exists")
    power_list = PowerList.objects.create(agency=agency, year=year)
    previous = PowerList.objects.filter(agency=agency, year__lt=year).order_by("-year").first()
    copied = {"items": 0, "fees": 0}
    if previous is not None:
        kept = {"removed_on__isnull": True}
        items = [
            PowerItem(power_list=power_list, **{f: getattr(i, f) for f in ITEM_FIELDS if f != "removed_on"})
            for i in previous.items.filter(**kept)
        ]
        fees = [
            FeeItem(
                power_list=power_list,
                **{f: getattr(i, f) for f in FEE_FIELDS if f not in ("removed_on", "amount")},
            )
            for i in previous.fees.filter(**kept)
        ]
        copied = {
            "items": len(PowerItem.objects.bulk_create(items)),
            "fees": len(FeeItem.objects.bulk_create(fees)),
        }
    source = f"{previous.year}年清单" if previous else "空清单"
    history.record(
        power_list,
        "wagtail.create",
        by,
        changes={"建立": [None, f"{source}：权责事项 {copied['items']} 项，收费项目 {copied['fees']} 项"]},
    )
    logger.info(
        "power list %s/%s started from %s", agency.code, year, previous.year if previous else "nothing"
    )
    return power_list


def _save(instance: Model, fields: tuple[str, ...], values: dict, by) -> Model:
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    creating = instance.pk is None
    before = (
        {} if creating else history.snapshot(type(instance).objects.select_for_update().get(pk=instance.pk))
    )
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    changed = history.diff(before, history.snapshot(instance))
    if creating or changed:
        history.record(instance, "wagtail.create" if creating else "wagtail.edit", by, changes=changed)
    return instance


@transaction.atomic
def save_item(power_list: PowerList, item: PowerItem | None = None, *, by=None, **values) -> PowerItem:
    """Add an item to the list (``item`` None) or change one; removing is setting ``removed_on``."""
    return _save(item or PowerItem(power_list=power_list), ITEM_FIELDS, values, by)


@transaction.atomic
def save_fee(power_list: PowerList, fee: FeeItem | None = None, *, by=None, **values) -> FeeItem:
    return _save(fee or FeeItem(power_list=power_list), FEE_FIELDS, values, by)


@transaction.atomic
def save_procurement(
    power_list: PowerList, procurement: ProcurementItem | None = None, *, by=None, **values
) -> ProcurementItem:
    return _save(procurement or ProcurementItem(power_list=power_list), PROCUREMENT_FIELDS, values, by)


@transaction.atomic
def save_case(agency: Agency, case: AppealCase | None = None, *, by=None, **values) -> AppealCase:
    """Register a 行政复议/行政诉讼 case or change it (its result included).

    When the result becomes 纠正 with an order of a new reply (撤销并责令重新答复, 责令履行) for a linked
    application (or such a case gets its link), the application is re-opened in the same transaction, from the
    day the result was known, over the period the decision sets; if it cannot be, nothing is saved. 确认违法
    alone re-opens nothing. `case.reopened` tells the caller whether it did.
    """
    before = (
        AppealCase.objects.filter(pk=case.pk).values_list("result", "application_id", "order").first()
        if case and case.pk
        else None
    )
    case = _save(case or AppealCase(agency=agency), CASE_FIELDS, values, by)
    logger.info("appeal case %s of %s saved: kind=%s result=%s", case.pk, agency.code, case.kind, case.result)
    now = (case.result, case.application_id, case.order)
    case.reopened = False
    reopens = case.result == AppealResult.CORRECTED and case.order in REOPENING_ORDERS
    if reopens and case.application_id and before != now:
        try:
            applications.reopen(
                case.application,
                on=case.result_known_on,
                reference=case.decision_number or case.case_number or str(case),
                case=f"{case.get_kind_display()}，{case.body}"
                + (f"，{case.case_number}" if case.case_number else ""),
                order=case.order,
                days=case.order_days,
                by=by,
            )
        except Refused as exc:
            raise Refused(f"涉及的申请 {case.application} 不能重新办理：{exc}") from exc
        case.reopened = True
        logger.info("appeal case %s corrected: application %s re-opened", case.pk, case.application_id)
    return case


@transaction.atomic
def delete_entry(entry: PowerItem | FeeItem | ProcurementItem, *, by=None) -> None:
    """Delete an entry made by mistake (an item that left the list is *removed*, with a date, instead). The
    event is recorded on the list, since the entry is gone. Items with imported decisions are kept."""
    if isinstance(entry, PowerItem) and entry.decisions.filter(batch__isnull=False).exists():
        raise Refused("该事项已有导入的处理决定，不能删除；如已取消，请填写取消日期")
    power_list = entry.power_list
    gone = f"{entry._meta.verbose_name}：{entry}"
    entry.delete()
    history.record(power_list, "wagtail.delete", by, changes={"删除": [gone, None]})


@transaction.atomic
def enter_decisions(item: PowerItem, count: int | None, *, by=None) -> PowerItem:
    """Set the decisions entered by hand for ``item``'s year (``None`` removes them). Imported decisions are
    kept: the item's figure is the sum of both."""
    if count is not None and count < 0:
        raise ValueError("decision count must not be negative")
    manual = Decision.objects.select_for_update().filter(
        item=item, batch__isnull=True, decided_on__isnull=True
    )
    before = sum(d.count for d in manual) if manual else None
    if before == count:
        return item
    manual.delete()
    if count is not None:
        Decision.objects.create(power_list_id=item.power_list_id, item=item, count=count)
    history.record(item, "wagtail.edit", by, changes={"手工录入处理决定数量": [before, count]})
    return item
