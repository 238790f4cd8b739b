"""Table 二 (第二十条 figures) and table 四 of an agency's year, computed from the records, with drill-down.

Counting rules:

* **Power list rows** (行政许可, 其他对外管理服务事项, 行政处罚, 行政强制; ``categories.REPORT_ROWS``): 上一年项目数量 is
  the number of the year's items that were on the list before 1 January (``added_on`` blank or earlier);
  本年增/减 is the items added during the year minus those removed during it; 处理决定数量 the sum of the
  decisions of the row's items. 行政事业性收费 counts its items the same way; its 2021 amount is the sum of the
  year's amounts.
* **Blank is not zero**: without a list for the year, every cell it feeds is blank (``None``); an amount is
  blank when any of the amounts it adds up is unknown. 第（一）项 (规章, 规范性文件) comes from the publishing
  register: pass those figures as ``rules``; the cells not given stay blank.
* **Table 四**: cases count in the year they were brought (``filed_on``), each under its result as known at
  the year's end — a result that became known after 31 December counts as 尚未审结 — so a year's table does
  not change when later results arrive for earlier years' cases.

Every figure comes with its ``sources``: the records it counts and what each contributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Sum

from gongkai.agencies.models import Agency
from gongkai.core.report import formats
from gongkai.core.report.model import AnnualReport, Number
from gongkai.core.report.tables import Source

from .categories import ITEM_ROWS, report_row
from .models import AppealCase, AppealResult, Decision, FeeItem, PowerItem, PowerList, ProcurementItem

RULES_ROWS = ("rules", "normative_documents")


@dataclass
class Figures:
    """One table's values by spec key (``None`` = blank) and the records behind each."""

    template: str
    values: dict[str, Number | None]
    sources: dict[str, list[Source]] = field(default_factory=dict)

    def add(self, key: str, source: Source) -> None:
        self.values[key] = (self.values[key] or 0) + source.contributes
        self.sources.setdefault(key, []).append(source)


class Entry(NamedTuple):
    """A power list entry as the tallies read it (`tally_proactive`), from a row of values: a province's
    consolidation reads the entries of thousands of lists, and a model instance each cost most of that (a named
    tuple is the cheapest record to make). ``code`` is ``None`` for a procurement item (labelled by its name alone,
    as its model's ``str``)."""

    pk: int
    code: str | None
    name: str
    year: int
    added_on: date | None = None
    removed_on: date | None = None
    category: str = ""
    amount: Decimal | None = None

    @property
    def existed_before_year(self) -> bool:
        return self.added_on is None or self.added_on.year < self.year

    def __str__(self) -> str:
        return self.name if self.code is None else f"{self.code} {self.name}"


def entries_many(power_lists: Iterable[PowerList]) -> dict[str, dict[int, list[Entry]]]:
    """The entries of several lists for `tally_proactive`, by kind (``items``, ``fees``, ``procurements``) and
    list id, each list's in id order: three queries whatever the number of lists."""
    lists = {pl.pk: pl.year for pl in power_lists}
    listed = ("pk", "code", "name", "power_list_id", "added_on", "removed_on")
    found: dict[str, dict[int, list[Entry]]] = {"items": {}, "fees": {}, "procurements": {}}
    rows = (
        ("items", PowerItem.objects.values_list(*listed, "category")),
        ("fees", FeeItem.objects.values_list(*listed, "amount")),
        ("procurements", ProcurementItem.objects.values_list("pk", "name", "power_list_id", "amount")),
    )
    for kind, values in rows:
        by_list = found[kind]
        for row in values.filter(power_list_id__in=list(lists)).order_by("pk"):
            if kind == "procurements":
                pk, name, list_id, amount = row
                entry = Entry(pk, None, name, lists[list_id], amount=amount)
            elif kind == "items":
                pk, code, name, list_id, added_on, removed_on, category = row
                entry = Entry(pk, code, name, lists[list_id], added_on, removed_on, category=category)
            else:
                pk, code, name, list_id, added_on, removed_on, amount = row
                entry = Entry(pk, code, name, lists[list_id], added_on, removed_on, amount=amount)
            by_list.setdefault(list_id, []).append(entry)
    return found


def _count_entries(figures: Figures, row: str, entries: Iterable, kind: str) -> None:
    figures.values[f"{row}.prev_items"] = 0
    figures.values[f"{row}.change"] = 0
    for entry in entries:
        label = f"{entry.code} {entry.name}"
        if entry.existed_before_year:
            figures.add(f"{row}.prev_items", Source(kind, entry.pk, label, 1))
        else:
            figures.add(f"{row}.change", Source(kind, entry.pk, f"{label}（新增 {entry.added_on}）", 1))
        if entry.removed_on:
            figures.add(f"{row}.change", Source(kind, entry.pk, f"{label}（取消 {entry.removed_on}）", -1))


def _sum_amounts(figures: Figures, key: str, entries: Iterable, kind: str) -> None:
    figures.values[key] = Decimal("0.00")
    for entry in entries:
        if entry.amount is None:
            figures.values[key] = None
            figures.sources[key] = []
            return
        figures.add(key, Source(kind, entry.pk, str(entry), entry.amount))


def tally_proactive(
    template: str,
    items: Iterable,
    decisions: Mapping[int, int],
    fees: Iterable,
    procurements: Iterable,
) -> Figures:
    """The list-fed cells of table 二 from one year's records (no database access): ``items`` and ``fees``
    are entries with ``code``, ``name``, ``added_on``, ``removed_on``, ``existed_before_year`` (items also
    ``category``, fees ``amount``); ``decisions`` maps an item's pk to its number of decisions."""
    spec = formats.get_template(template)
    figures = Figures(template, {k: None for k in spec.proactive_keys})
    by_row: dict[str, list] = {row: [] for row in ITEM_ROWS[template]}
    for item in items:
        row = report_row(template, item.category)
        if row:
            by_row[row].append(item)
    for row, row_items in by_row.items():
        if template == formats.TEMPLATE_2019:
            _count_entries(figures, row, row_items, "item")
        figures.values[f"{row}.decisions"] = 0
        for item in row_items:
            if decisions.get(item.pk):
                figures.add(
                    f"{row}.decisions",
                    Source("item", item.pk, f"{item.code} {item.name}", decisions[item.pk]),
                )
    fees = list(fees)
    if template == formats.TEMPLATE_2019:
        _count_entries(figures, "fees", fees, "fee")
        procurements = list(procurements)
        figures.values["procurement.items"] = 0
        for p in procurements:
            figures.add("procurement.items", Source("procurement", p.pk, p.name, 1))
        _sum_amounts(figures, "procurement.amount", procurements, "procurement")
    else:
        _sum_amounts(figures, "fees.amount", fees, "fee")
    return figures


def tally_appeals(year: int, cases: Iterable) -> Figures:
    """Table 四 from the cases brought in ``year`` (entries with ``kind``, ``result``, ``result_known_on``)."""
    figures = Figures("", dict.fromkeys(formats.APPEAL_KEYS, 0))
    year_end = date(year, 12, 31)
    for case in cases:
        result = case.result
        if result != AppealResult.PENDING and (
            case.result_known_on is None or case.result_known_on > year_end
        ):
            result = AppealResult.PENDING
        label = f"{case.case_number or '案件'}（{case.filed_on}）"
        for column in (result, "total"):
            figures.add(f"{case.kind}.{column}", Source("case", case.pk, label, 1))
    return figures


def proactive(agency: Agency, year: int, *, rules: Mapping[str, Number | None] | None = None) -> Figures:
    """Table 二 of ``agency`` for ``year`` in the template of that year. ``rules`` gives 第（一）项 (keys
    ``rules.*`` and ``normative_documents.*`` of the template) from the publishing register."""
    template = formats.template_for_year(year)
    spec = formats.get_template(template)
    power_list = PowerList.objects.filter(agency=agency, year=year).first()
    if power_list is None:
        figures = Figures(template, {k: None for k in spec.proactive_keys})
    else:
        decisions = dict(
            Decision.objects.filter(power_list=power_list)
            .values("item")
            .annotate(n=Sum("count"))
            .values_list("item", "n")
        )
        figures = tally_proactive(
            template,
            power_list.items.select_related("power_list"),
            decisions,
            power_list.fees.select_related("power_list"),
            power_list.procurements.all(),
        )
    for key, value in (rules or {}).items():
        if key.split(".")[0] not in RULES_ROWS or key not in spec.proactive_keys:
            raise KeyError(f"表二: {key} is not a 第（一）项 cell of the {template} template")
        figures.values[key] = value
    return figures


def appeals(agency: Agency, year: int) -> Figures:
    """Table 四 of ``agency`` for ``year`` (the same in both templates)."""
    figures = tally_appeals(year, AppealCase.objects.filter(agency=agency, filed_on__year=year))
    figures.template = formats.template_for_year(year)
    return figures


def report(agency: Agency, year: int, *, rules: Mapping[str, Number | None] | None = None) -> AnnualReport:
    """An ``AnnualReport`` with this app's tables filled in (table 三 left blank for the applications)."""
    return AnnualReport.from_figures(
        formats.template_for_year(year),
        year,
        agency.name,
        proactive=proactive(agency, year, rules=rules).values,
        appeals=appeals(agency, year).values,
        missing=None,
    )
