"""The annual report assembled from the records: tables, overrides, prose, consolidation, checks, deadlines.

Tables are never typed in. Table 二 comes from the power lists (``powers.figures``) and the publishing register
(``publishing.figures``, 第（一）项: 规章 and 规范性文件), table 三 from the applications (``applications.figures``), table 四 from the
appeal cases. Every cell can be traced back to the records behind it (`sources`).

The office may override a cell, only with a written reason: the override is kept in the draft, recorded in the
history, and the assembled cell carries the reason, so the checks report it as ``manual``. Totals that depend on
an overridden cell (I2, I3, T4) are recomputed unless they are overridden themselves; the identities are checked
on every assembly, so an inconsistent override shows up as an ``identity`` error that blocks submission.

A government's report consolidates its own records and its departments' reports (each as its department
publishes it, overrides included), cell by cell — so H1 holds by construction. A published report is frozen
(`freeze`): later records do not change what was published.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from gongkai.agencies import history
from gongkai.agencies.models import Agency, AgencyKind
from gongkai.applications import figures as application_figures
from gongkai.applications.models import Application
from gongkai.core.audit import crosscheck
from gongkai.core.audit import prose as prose_checks
from gongkai.core.report import deadlines, formats
from gongkai.core.report.checks import CellRef, check_report
from gongkai.core.report.formats import APPEALS, PROACTIVE, REQUESTS
from gongkai.core.report.model import ERROR, AnnualReport, Cell, Finding, Number, format_number
from gongkai.powers import figures as power_figures
from gongkai.powers.figures import Source
from gongkai.powers.models import AppealCase, Decision, FeeItem, PowerItem, PowerList, ProcurementItem
from gongkai.publishing import figures as publishing_figures

from . import prose
from .models import AnnualReportDraft, ReportStatus

logger = logging.getLogger(__name__)

PROSE_SECTIONS = ("overview", "problems", "other")
FIRST_YEAR = (
    2019  # the first year with a national format (国办公开办函〔2019〕60号); earlier reports had none
)
MIN_REASON = 4


class ReportEditError(ValueError):
    """An edit the draft does not allow; the message is for the user, in Chinese."""


# ---------------------------------------------------------------------------------------------------------------
# Cell keys: "requests.new.total", "proactive.licensing.decisions", "appeals.review.upheld"


def cell_key(ref: CellRef) -> str:
    table, key, column = ref
    return f"{table}.{key}.{column}" if table == REQUESTS else f"{table}.{key}"


def parse_key(template: str, key: str) -> CellRef:
    """The cell a key path names in ``template``; ``ReportEditError`` if it names none."""
    spec = formats.get_template(template)
    table, _, rest = key.partition(".")
    if table == PROACTIVE and rest in spec.proactive_keys:
        return PROACTIVE, rest, None
    if table == APPEALS and rest in formats.APPEAL_KEYS:
        return APPEALS, rest, None
    if table == REQUESTS:
        row, _, column = rest.rpartition(".")
        if row in spec.request_row_keys and column in formats.REQUEST_COLUMN_KEYS:
            return REQUESTS, row, column
    raise ReportEditError(f"{template} 年格式的报告中没有单元格“{key}”")


def parse_value(template: str, ref: CellRef, text: str | Number) -> Number:
    """A value typed by the office for the cell ``ref``: integer, or decimal (金额); negative only for 本年增/减."""
    spec = formats.get_template(template)
    decimal = signed = False
    if ref[0] == PROACTIVE:
        info = spec.proactive_cell(ref[1])
        decimal, signed = info.decimal, info.signed
    raw = str(text).strip().replace(",", "").replace("＋", "+").replace("－", "-")
    try:
        value: Number = Decimal(raw)
    except InvalidOperation:
        raise ReportEditError(f"“{text}”不是数字") from None
    if not value.is_finite():
        raise ReportEditError(f"“{text}”不是数字")
    if not decimal:
        if value % 1:
            raise ReportEditError(f"“{text}”不是整数：该单元格只能填写整数")
        value = int(value)
    elif value.as_tuple().exponent < -6:
        raise ReportEditError("金额最多保留六位小数")
    if value < 0 and not signed:
        raise ReportEditError("该单元格不能为负数")
    return value


def where(template: str, ref: CellRef) -> str:
    return formats.get_template(template).where(*ref)


# ---------------------------------------------------------------------------------------------------------------
# Tables as plain numbers


@dataclass
class Tables:
    """The three tables of one template as plain numbers (``None`` = blank), totals included."""

    template: str
    proactive: dict[str, Number | None]
    requests: dict[str, dict[str, Number | None]]
    appeals: dict[str, Number | None]

    def get(self, ref: CellRef) -> Number | None:
        table, key, column = ref
        if table == REQUESTS:
            return self.requests[key][column]
        return (self.proactive if table == PROACTIVE else self.appeals)[key]

    def set(self, ref: CellRef, value: Number | None) -> None:
        table, key, column = ref
        if table == REQUESTS:
            self.requests[key][column] = value
        else:
            (self.proactive if table == PROACTIVE else self.appeals)[key] = value

    @classmethod
    def of(cls, report: AnnualReport) -> Tables:
        return cls(
            report.template,
            {k: c.value for k, c in report.proactive.items()},
            {r: {k: c.value for k, c in cols.items()} for r, cols in report.requests.items()},
            {k: c.value for k, c in report.appeals.items()},
        )


def _add(a: Number | None, b: Number | None) -> Number | None:
    return None if a is None or b is None else a + b


def add_tables(parts: Iterable[Tables], template: str) -> Tables:
    """Cell-by-cell sum; a cell is blank when it is blank in any part (blank is not zero)."""
    spec = formats.get_template(template)
    total = Tables(
        template,
        {k: (Decimal(0) if spec.proactive_cell(k).decimal else 0) for k in spec.proactive_keys},
        {r: dict.fromkeys(formats.REQUEST_COLUMN_KEYS, 0) for r in spec.request_row_keys},
        dict.fromkeys(formats.APPEAL_KEYS, 0),
    )
    for part in parts:
        for key in spec.proactive_keys:
            total.proactive[key] = _add(total.proactive[key], part.proactive.get(key))
        for row in spec.request_row_keys:
            for col in formats.REQUEST_COLUMN_KEYS:
                total.requests[row][col] = _add(total.requests[row][col], part.requests[row][col])
        for key in formats.APPEAL_KEYS:
            total.appeals[key] = _add(total.appeals[key], part.appeals[key])
    return total


def computed(agency: Agency, year: int) -> Tables:
    """One agency's own tables for ``year``, counted from its records."""
    return computed_many([agency], year)[agency.pk]


def computed_many(agencies: list[Agency], year: int) -> dict[int, Tables]:
    """Each agency's own tables for ``year``, counted with a few queries for all of them (a government's
    consolidation reads hundreds of agencies). The counting rules are the apps' own: table 三 by
    ``applications.figures.row_filter``, table 二 by ``powers.figures.tally_proactive`` and
    ``publishing.figures.rules_figures``, table 四 by ``powers.figures.tally_appeals``."""
    template = formats.template_for_year(year)
    spec = formats.get_template(template)
    ids = [a.pk for a in agencies]
    requests = _requests_many(ids, year, template)
    appeals: dict[int, list] = {pk: [] for pk in ids}
    for case in AppealCase.objects.filter(agency_id__in=ids, filed_on__year=year):
        appeals[case.agency_id].append(case)
    lists = {pl.agency_id: pl for pl in PowerList.objects.filter(agency_id__in=ids, year=year)}
    decisions = dict(
        Decision.objects.filter(power_list__in=list(lists.values()))
        .values("item")
        .annotate(n=Sum("count"))
        .values_list("item", "n")
    )
    entries: dict[str, dict[int, list]] = {"items": {}, "fees": {}, "procurements": {}}
    for name, model in (("items", PowerItem), ("fees", FeeItem), ("procurements", ProcurementItem)):
        rows = model.objects.filter(power_list__in=list(lists.values())).select_related("power_list")
        for entry in rows.order_by("pk"):
            entries[name].setdefault(entry.power_list.agency_id, []).append(entry)
    result = {}
    for agency in agencies:
        pk = agency.pk
        if pk in lists:
            proactive = power_figures.tally_proactive(
                template,
                entries["items"].get(pk, []),
                decisions,
                entries["fees"].get(pk, []),
                entries["procurements"].get(pk, []),
            ).values
        else:
            # No power list for the year: the records hold no items, so the generator prints 0 (never a blank).
            proactive = {c.key: Decimal("0.00") if c.decimal else 0 for c in spec.proactive_cells}
        proactive.update(publishing_figures.rules_figures(agency, year, template))
        result[pk] = Tables(
            template, proactive, requests[pk], power_figures.tally_appeals(year, appeals[pk]).values
        )
    return result


def _requests_many(ids: list[int], year: int, template: str) -> dict[int, dict[str, dict[str, int]]]:
    """Table 三 of each agency (as ``applications.figures.requests_figures``), grouped by agency in one query
    per kind of row."""
    spec = formats.get_template(template)
    figures = {
        pk: {row: dict.fromkeys(formats.REQUEST_COLUMN_KEYS, 0) for row in spec.request_row_keys}
        for pk in ids
    }
    mine = Application.objects.filter(agency_id__in=ids)
    for row in ("new", "carried_over", "carried_forward"):
        counted = mine.filter(application_figures.row_filter(row, year, template))
        for item in counted.values("agency_id", "applicant_type").annotate(n=Count("pk")).order_by():
            figures[item["agency_id"]][row][item["applicant_type"]] += item["n"]
    results = mine.filter(application_figures.row_filter("total", year, template))
    for item in (
        results.values("agency_id", "counted_outcome", "applicant_type").annotate(n=Count("pk")).order_by()
    ):
        row = item["counted_outcome"]
        if row not in spec.request_row_keys and row.split(".")[0] in spec.request_row_keys:
            row = row.split(".")[0]  # the 2019 template has one 其他处理 row
        agency = figures[item["agency_id"]]
        agency[row][item["applicant_type"]] += item["n"]
        agency["total"][item["applicant_type"]] += item["n"]
    for agency in figures.values():
        for cols in agency.values():
            cols["total"] = sum(cols[c] for c in formats.APPLICANT_COLUMN_KEYS)
    return figures


def departments(government: Agency) -> list[Agency]:
    """The agencies whose reports a government's report consolidates: those below it whose nearest government it
    is (a lower government publishes its own consolidated report)."""
    below = list(
        Agency.objects.filter(path__startswith=government.path).exclude(pk=government.pk).order_by("path")
    )
    lower = [a.path for a in below if a.kind == AgencyKind.GOVERNMENT]
    return [
        a for a in below if a.kind != AgencyKind.GOVERNMENT and not any(a.path.startswith(p) for p in lower)
    ]


def consolidates(agency: Agency) -> bool:
    return agency.kind == AgencyKind.GOVERNMENT


# ---------------------------------------------------------------------------------------------------------------
# Overrides


def _totals_of(template: str, ref: CellRef) -> list[CellRef]:
    """The total cells that are computed from ``ref`` (I2, I3, T4), nearest first."""
    table, key, column = ref
    if table == REQUESTS:
        spec = formats.get_template(template)
        found = []
        if column != "total":
            found.append((REQUESTS, key, "total"))
        if key != "total" and key in spec.result_row_keys:
            found.append((REQUESTS, "total", column))
            if column != "total":
                found.append((REQUESTS, "total", "total"))
        return found
    if table == APPEALS and not key.endswith(".total"):
        return [(APPEALS, f"{key.split('.')[0]}.total", None)]
    return []


def _recompute(tables: Tables, ref: CellRef) -> Number:
    table, key, column = ref
    if table == APPEALS:
        group = key.split(".")[0]
        return sum(tables.appeals[f"{group}.{c.key}"] or 0 for c in formats.APPEAL_COLUMNS[:-1])
    if key == "total" and column == "total":
        return sum(tables.requests["total"][c] or 0 for c in formats.APPLICANT_COLUMN_KEYS)
    if column == "total":
        return sum(tables.requests[key][c] or 0 for c in formats.APPLICANT_COLUMN_KEYS)
    spec = formats.get_template(tables.template)
    return sum(tables.requests[r][column] or 0 for r in spec.result_row_keys)


def apply_overrides(tables: Tables, overrides: Mapping[str, Mapping]) -> dict[CellRef, str]:
    """Put the overridden values into ``tables`` and recompute the totals that depend on them (unless
    overridden too). Returns the overridden cells with their reasons. Keys the template lacks are ignored (an
    override of another template's cell cannot apply)."""
    manual: dict[CellRef, str] = {}
    for key, entry in overrides.items():
        try:
            ref = parse_key(tables.template, key)
            value = parse_value(tables.template, ref, entry["value"])
        except (ReportEditError, KeyError):
            logger.warning("ignoring an override that does not fit the template: %s", key)
            continue
        tables.set(ref, value)
        manual[ref] = entry.get("reason") or "（未说明理由）"
    for ref in list(manual):
        for total in _totals_of(tables.template, ref):
            if total not in manual:
                tables.set(total, _recompute(tables, total))
    return manual


# ---------------------------------------------------------------------------------------------------------------
# Assembly


@dataclass
class Assembly:
    """An assembled report, the reports it consolidates (for H1: the government's own office first, then its
    departments) and the draft it came from."""

    report: AnnualReport
    children: list[AnnualReport] = field(default_factory=list)
    draft: AnnualReportDraft | None = None


def _draft_of(agency: Agency, year: int) -> AnnualReportDraft | None:
    return AnnualReportDraft.objects.filter(agency=agency, year=year).first()


def agency_kind(agency: Agency) -> str:
    return {AgencyKind.GOVERNMENT: "government", AgencyKind.DEPARTMENT: "department"}.get(
        agency.kind, "other"
    )


def check_year(year: int, today: date | None = None) -> None:
    """A report year must be a finished or current year since the 条例 took effect."""
    today = today or timezone.localdate()
    if not FIRST_YEAR <= year <= today.year:
        raise ReportEditError(
            f"年度 {year} 不在可生成的范围内：只能生成 {FIRST_YEAR}—{today.year} 年的报告"
            f"（{FIRST_YEAR} 年以前没有全国统一的年度报告格式）"
        )


def _build(
    agency: Agency,
    year: int,
    tables: Tables,
    manual: Mapping[CellRef, str],
    texts: Mapping[str, str],
    report_date: date | None,
) -> AnnualReport:
    report = AnnualReport.from_figures(
        tables.template,
        year,
        agency.name,
        proactive=tables.proactive,
        requests=tables.requests,
        appeals=tables.appeals,
        prose=texts,
        derive_totals=False,
        agency_kind=agency_kind(agency),
        published_on=report_date,
        source=f"gongkai:{agency.code}/{year}",
    )
    for ref, reason in manual.items():
        table, key, column = ref
        cell = report.cell(*ref)
        marked = Cell(cell.value, cell.raw, manual_reason=reason)
        if table == REQUESTS:
            report.requests[key][column] = marked
        else:
            report.tables[table][key] = marked
    return report


def _assemble(agency: Agency, year: int, draft: AnnualReportDraft | None, *, texts: bool = True) -> Assembly:
    if draft is not None and draft.status == ReportStatus.PUBLISHED and draft.published_report:
        return Assembly(AnnualReport.from_dict(draft.published_report), [], draft)
    template = formats.template_for_year(year)
    members = [agency, *departments(agency)] if consolidates(agency) else [agency]
    counted = computed_many(members, year)
    children: list[AnnualReport] = []
    if consolidates(agency):
        own = _build(agency, year, counted[agency.pk], {}, {}, None)
        own.agency = f"{agency.name}（本级）"
        drafts = {d.agency_id: d for d in AnnualReportDraft.objects.filter(agency__in=members[1:], year=year)}
        children = [own, *(_as_published(d, year, counted[d.pk], drafts.get(d.pk)) for d in members[1:])]
        tables = add_tables([Tables.of(c) for c in children], template)
    else:
        tables = counted[agency.pk]
    manual = apply_overrides(tables, draft.overrides if draft else {})
    report = _build(agency, year, tables, manual, {}, draft.report_date if draft else None)
    if texts:
        if draft is not None and draft.prose:
            plain = {k: prose.html_to_text(draft.prose.get(k, "")) for k in PROSE_SECTIONS}
        else:
            plain = prose.draft_all(_facts(agency, year, report, members))
        for section in report.sections:
            section.text = plain.get(section.key, "")
    return Assembly(report, children, draft)


def _as_published(
    department: Agency, year: int, tables: Tables, draft: AnnualReportDraft | None
) -> AnnualReport:
    """A department's report as the consolidation takes it: as published, or its figures with its overrides."""
    if draft is not None and draft.status == ReportStatus.PUBLISHED and draft.published_report:
        return AnnualReport.from_dict(draft.published_report)
    manual = apply_overrides(tables, draft.overrides if draft else {})
    return _build(department, year, tables, manual, {}, None)


def _facts(agency: Agency, year: int, report: AnnualReport, members: list[Agency]) -> prose.Facts:
    from .facts import gather

    published = set(
        AnnualReportDraft.objects.filter(
            agency__in=members[1:], year=year, status=ReportStatus.PUBLISHED
        ).values_list("agency_id", flat=True)
    )
    missing = tuple(a.name for a in members[1:] if a.pk not in published)
    return gather(agency, year, report, members, missing)


def assemble(agency: Agency, year: int, *, draft: AnnualReportDraft | None = None) -> AnnualReport:
    """The report of ``agency`` for ``year``: computed tables, the draft's overrides (as manual cells), its prose
    (plain paragraphs) and date. Without ``draft`` the stored draft is used if there is one, else the prose is
    drafted from the facts. A government's report is the consolidated one."""
    draft = draft if draft is not None else _draft_of(agency, year)
    return _assemble(agency, year, draft).report


def _published(agency: Agency, year: int) -> AnnualReportDraft | None:
    return AnnualReportDraft.objects.filter(agency=agency, year=year, status=ReportStatus.PUBLISHED).first()


def previous_published(agency: Agency, year: int) -> AnnualReport | None:
    """Last year's published report (for C1), if there is one."""
    draft = _published(agency, year - 1)
    return assemble(agency, year - 1, draft=draft) if draft else None


def check(assembly: Assembly, previous: AnnualReport | None = None) -> list[Finding]:
    """The auditor's checks on an assembled report: figures (I1–I3, T4, N, blanks, manual), C1 against
    ``previous``, H1 against the consolidated reports, and the prose (template text, misprints, empty sections,
    required content, text against table)."""
    report = assembly.report
    findings = check_report(report, previous, assembly.children or None)
    prose_text = []
    for section in report.sections:
        if section.key in PROSE_SECTIONS:
            title = formats.section(section.key).title
            findings += prose_checks.template_text_findings(title, section.text)
            findings += prose_checks.typo_findings(title, section.text)
            prose_text.append(section.text)
    findings += prose_checks.empty_section_findings(report.sections)
    findings += prose_checks.content_findings(report.sections, report.agency_kind, False)
    findings += crosscheck.text_vs_table(report, "\n".join(prose_text))
    findings += _late_findings(assembly)
    return findings


def _late_findings(assembly: Assembly) -> list[Finding]:
    draft = assembly.draft
    if draft is None or draft.status != ReportStatus.PUBLISHED or not draft.published_at:
        return []
    published = timezone.localdate(draft.published_at)
    return deadlines.late_findings(draft.year, published, agency_kind(draft.agency), where="发布日期")


def checked(agency: Agency, year: int, *, draft: AnnualReportDraft | None = None) -> AnnualReport:
    """The assembled report with its findings attached (what `gongkai report --format json` and the API give).
    A frozen (published) report keeps the findings it was published with, and is checked for lateness."""
    draft = draft if draft is not None else _draft_of(agency, year)
    assembly = _assemble(agency, year, draft)
    if draft is not None and draft.status == ReportStatus.PUBLISHED and draft.published_report:
        kept = [f for f in assembly.report.findings if f.code != "late"]
        return assembly.report.with_findings(kept + _late_findings(assembly))
    return assembly.report.with_findings(check(assembly, previous_published(agency, year)))


def findings(draft: AnnualReportDraft) -> list[Finding]:
    return checked(draft.agency, draft.year, draft=draft).findings


def blocking_errors(draft: AnnualReportDraft) -> list[Finding]:
    """The findings that keep the draft from being submitted (severity error)."""
    return [f for f in findings(draft) if f.severity == ERROR]


def sources(agency: Agency, year: int, key: str, *, limit: int | None = 500) -> list[Source]:
    """The records behind one cell (key path as in overrides): applications for table 三, power list entries
    and 第（一）项 documents for table 二, appeal cases for table 四. For a government, its own records and its
    departments', each labelled with its agency."""
    template = formats.template_for_year(year)
    ref = parse_key(template, key)
    members = [agency, *departments(agency)] if consolidates(agency) else [agency]
    found: list[Source] = []
    for member in members:
        prefix = f"{member.short_name or member.name}：" if len(members) > 1 else ""
        for source in _own_sources(member, year, template, ref, limit):
            found.append(Source(source.kind, source.pk, prefix + source.label, source.contributes))
        if limit is not None and len(found) >= limit:
            return found[:limit]
    return found


def _own_sources(agency: Agency, year: int, template: str, ref: CellRef, limit: int | None) -> list[Source]:
    table, key, column = ref
    if table == REQUESTS:
        cases = application_figures.cases(agency, year, key, column, template)
        if limit is not None:
            cases = cases[:limit]
        return [Source("application", a.pk, f"{a.number}（收到 {a.received_on}）", 1) for a in cases]
    if table == APPEALS:
        return power_figures.appeals(agency, year).sources.get(key, [])
    if key.split(".")[0] in power_figures.RULES_ROWS:
        return publishing_figures.rules_sources(agency, year, template, key)
    return power_figures.proactive(agency, year).sources.get(key, [])


# ---------------------------------------------------------------------------------------------------------------
# The draft: start, edit, freeze


def _user_name(user) -> str:
    return user.get_username() if user is not None else ""


@transaction.atomic
def get_or_start(agency: Agency, year: int, user) -> AnnualReportDraft:
    """The agency's draft for ``year``, created (with the drafted prose of 一、五、六) if there is none."""
    check_year(year)
    draft = AnnualReportDraft.objects.select_for_update().filter(agency=agency, year=year).first()
    if draft is not None:
        return draft
    report = _assemble(agency, year, None).report
    draft = AnnualReportDraft.objects.create(
        agency=agency,
        year=year,
        template=formats.template_for_year(year),
        prose={key: prose.text_to_html(report.prose(key)) for key in PROSE_SECTIONS},
    )
    history.record(draft, "wagtail.create", user, note=f"开始编写 {year} 年度报告")
    return draft


def _require_editable(draft: AnnualReportDraft) -> None:
    if not draft.editable:
        raise ReportEditError(f"报告{draft.get_status_display()}，不能修改；如需修改，请由审核人退回")


@transaction.atomic
def set_override(draft: AnnualReportDraft, key: str, value, reason: str, user) -> AnnualReportDraft:
    """Override one cell with a written reason (kept, shown as ``manual``, recorded in the history)."""
    _require_editable(draft)
    ref = parse_key(draft.template, key)
    number = parse_value(draft.template, ref, value)
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ReportEditError(f"修改统计数据必须写明理由（至少 {MIN_REASON} 个字）")
    before = draft.overrides.get(key, {}).get("value")
    if before is None:
        before = format_number(
            Tables.of(_assemble(draft.agency, draft.year, None, texts=False).report).get(ref)
        )
    stored = str(number) if isinstance(number, Decimal) else number
    draft.overrides = {
        **draft.overrides,
        key: {"value": stored, "reason": reason, "by": _user_name(user), "at": timezone.now().isoformat()},
    }
    draft.save(update_fields=["overrides", "updated_at"])
    history.record(
        draft,
        "wagtail.edit",
        user,
        changes={where(draft.template, ref): (before, format_number(number))},
        note=f"理由：{reason}",
    )
    return draft


@transaction.atomic
def clear_override(draft: AnnualReportDraft, key: str, user) -> AnnualReportDraft:
    """Go back to the figure computed from the records."""
    _require_editable(draft)
    ref = parse_key(draft.template, key)
    if key not in draft.overrides:
        return draft
    before = draft.overrides[key].get("value")
    draft.overrides = {k: v for k, v in draft.overrides.items() if k != key}
    draft.save(update_fields=["overrides", "updated_at"])
    history.record(
        draft,
        "wagtail.edit",
        user,
        changes={where(draft.template, ref): (before, "按记录统计")},
    )
    return draft


@transaction.atomic
def set_prose(draft: AnnualReportDraft, section: str, html: str, user) -> AnnualReportDraft:
    """Replace the text of section 一, 五 or 六 (the editor's HTML)."""
    _require_editable(draft)
    if section not in PROSE_SECTIONS:
        raise ReportEditError("只有第一、五、六部分的文字可以编辑")
    before = draft.prose.get(section, "")
    if before == html:
        return draft
    draft.prose = {**draft.prose, section: html}
    draft.save(update_fields=["prose", "updated_at"])
    history.record(
        draft,
        "wagtail.edit",
        user,
        changes={formats.section(section).title: (prose.html_to_text(before), prose.html_to_text(html))},
    )
    return draft


@transaction.atomic
def set_report_date(draft: AnnualReportDraft, day: date | None, user) -> AnnualReportDraft:
    _require_editable(draft)
    before = draft.report_date
    draft.report_date = day
    draft.save(update_fields=["report_date", "updated_at"])
    history.record(draft, "wagtail.edit", user, changes={"成文日期": (before, day)})
    return draft


@transaction.atomic
def redraft_prose(draft: AnnualReportDraft, section: str, user) -> AnnualReportDraft:
    """Replace a section's text by a fresh draft from the current records (e.g. after late records)."""
    _require_editable(draft)
    if section not in PROSE_SECTIONS:
        raise ReportEditError("只有第一、五、六部分的文字可以重新起草")
    assembly = _assemble(draft.agency, draft.year, draft, texts=False)
    members = [draft.agency, *departments(draft.agency)] if consolidates(draft.agency) else [draft.agency]
    text = prose.draft_all(_facts(draft.agency, draft.year, assembly.report, members))[section]
    return set_prose(draft, section, prose.text_to_html(text), user)


def freeze(draft: AnnualReportDraft) -> AnnualReportDraft:
    """Keep the report as it is published, findings included: later records no longer change its figures.
    Called at publication; a frozen report stays as it is."""
    if draft.published_report:
        return draft
    draft.published_report = checked(draft.agency, draft.year, draft=draft).to_dict(extended=True)
    draft.save(update_fields=["published_report", "updated_at"])
    return draft


# ---------------------------------------------------------------------------------------------------------------
# Deadlines and supervision


def statutory_date(agency: Agency, year: int) -> date:
    """条例第四十九条 (core/report/deadlines.py): governments by 31 March, every other agency by 31 January."""
    return deadlines.statutory_date(year, agency_kind(agency))


def is_late(draft: AnnualReportDraft | None, agency: Agency, year: int, today: date | None = None) -> bool:
    """Published after the statutory date, or not published and the date has passed."""
    due = statutory_date(agency, year)
    if draft is not None and draft.status == ReportStatus.PUBLISHED and draft.published_at:
        return timezone.localdate(draft.published_at) > due
    return (today or timezone.localdate()) > due


def missing_departments(government: Agency, year: int) -> list[Agency]:
    """The departments a government's report consolidates whose own report is not published."""
    published = set(
        AnnualReportDraft.objects.filter(year=year, status=ReportStatus.PUBLISHED).values_list(
            "agency_id", flat=True
        )
    )
    return [a for a in departments(government) if a.pk not in published]
