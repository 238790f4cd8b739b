"""The 台账 of the power lists as XLSX: an agency's year of 处理决定 (one row per decision entry) and its 行政复议 /
行政诉讼 cases.

The applicant of an appeal case is personal data: in full only for viewers with Perm.VIEW_PERSONAL_DATA in the
agency, masked otherwise (the caller says which). Bounded like the application ledger: at most
`settings.GONGKAI_LEDGER_MAX_ROWS` rows (a year of imported decisions can be large), more is refused with the
count; rows are read in chunks and written in write-only mode (`core.render.sheet`), texts made XML-safe there.
"""

from __future__ import annotations

from django.conf import settings

from gongkai.agencies.masking import mask
from gongkai.core.errors import Refused
from gongkai.core.render.sheet import render_sheets

from .models import AppealCase, Decision, PowerList

DECISION_COLUMNS = ("事项编码", "事项名称", "类别", "决定日期", "办件编号", "数量", "来源")
CASE_COLUMNS = (
    "类型",
    "案号",
    "申请人/原告",
    "涉及的申请或公开事项",
    "涉及的申请编号",
    "复议机关/受理法院",
    "申请或起诉日期",
    "结果",
    "结果知悉日期",
    "纠正的方式",
    "复议决定书或判决书文号",
    "决定确定的答复期限（工作日）",
    "备注",
)


def _bounded(qs) -> None:
    count, cap = qs.count(), settings.GONGKAI_LEDGER_MAX_ROWS
    if count > cap:
        raise Refused(f"共 {count} 行，超过一次导出的上限 {cap} 行，请缩小范围后再导出")


def decisions_xlsx(power_list: PowerList | None) -> bytes:
    """The year's decisions (imported cases and counts entered by hand), by item and date."""
    qs = Decision.objects.none()
    if power_list is not None:
        qs = power_list.decisions.select_related("item", "batch").order_by("item__code", "decided_on", "pk")
    _bounded(qs)
    rows = (
        (
            d.item.code,
            d.item.name,
            d.item.get_category_display(),
            d.decided_on,
            d.reference,
            d.count,
            f"导入：{d.batch.filename}" if d.batch else "手工录入",
        )
        for d in qs.iterator(chunk_size=1000)
    )
    return render_sheets([("处理决定", DECISION_COLUMNS, rows)])


def cases_xlsx(agency, *, visible: bool, year: int | None = None) -> bytes:
    """The agency's appeal cases (those filed in `year` if given); the applicant masked unless `visible`."""
    qs = AppealCase.objects.filter(agency=agency).select_related("application").order_by("filed_on", "pk")
    if year is not None:
        qs = qs.filter(filed_on__year=year)
    _bounded(qs)
    rows = (
        (
            c.get_kind_display(),
            c.case_number,
            c.applicant if visible else mask(c.applicant),
            c.concerns,
            c.application.number if c.application else "",
            c.body,
            c.filed_on,
            c.get_result_display(),
            c.result_known_on,
            c.get_order_display() if c.order else "",
            c.decision_number,
            c.order_days,
            c.note,
        )
        for c in qs.iterator(chunk_size=1000)
    )
    return render_sheets([("复议诉讼案件", CASE_COLUMNS, rows)])
