"""The annual report assembled from the records: tables, overrides, prose, consolidation and checks.

Tables are never typed in. Table 二 comes from the power lists (``powers.figures``) and the publishing register
(``publishing.figures``, 第（一）项: 规章 and 规范性文件), table 三 from the applications (``applications.figures``),
table 四 from the appeal cases. Every cell can be traced back to the records behind it (`sources`).

The office may override a cell, only with a written reason (`services.drafting`): the override is kept with the
report, and the assembled cell carries the reason, so the checks report it as ``manual``. Totals that depend on
an overridden cell (I2, I3, T4) are recomputed unless they are overridden themselves
(`core.report.tables.apply_overrides`); the identities are checked on every assembly, so an inconsistent override
shows up as an ``identity`` error that blocks submission.

A government's report consolidates its own records and its direct members' reports (`members.consolidated`: its
departments and the next lower governments, each as it publishes it, overrides included; a lower government's
consolidated in turn, to any depth), cell by cell — so H1 holds by construction. A published report is frozen:
later records do not change what was published.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications import figures as application_figures
from gongkai.core.audit import crosscheck
from gongkai.core.audit import prose as prose_checks
from gongkai.core.errors import Refused
from gongkai.core.report import formats
from gongkai.core.report.checks import CellRef, check_report
from gongkai.core.report.formats import APPEALS, FIRST_YEAR, PROACTIVE, REQUESTS
from gongkai.core.report.model import ERROR, AnnualReport, Cell, Finding
from gongkai.core.report.tables import Source, Tables, add_tables, apply_overrides, parse_key
from gongkai.powers import figures as power_figures
from gongkai.powers.models import AppealCase, Decision, PowerList
from gongkai.publishing import figures as publishing_figures
from gongkai.workrecords import prose as work_prose

from . import facts, prose
from .deadlines import late_findings
from .members import agency_kind, consolidates, direct_members, members
from .models import AgencyReport, ReportStatus

PROSE_SECTIONS = ("overview", "problems", "other")


def stored(agency: Agency, year: int) -> AgencyReport | None:
    """The agency's report of ``year`` as kept (being written, in sign-off or published), if there is one."""
    return AgencyReport.objects.filter(agency=agency, year=year).first()


def check_year(year: int, today: date | None = None) -> None:
    """A report year must be a finished or current year since the 条例 took effect."""
    today = today or timezone.localdate()
    if not FIRST_YEAR <= year <= today.year:
        raise Refused(
            f"年度 {year} 不在可生成的范围内：只能生成 {FIRST_YEAR}—{today.year} 年的报告"
            f"（{FIRST_YEAR} 年以前没有全国统一的年度报告格式）"
        )


# ---------------------------------------------------------------------------------------------------------------
# The records, counted


def computed_many(agencies: list[Agency], year: int) -> dict[int, Tables]:
    """Each agency's own tables for ``year``, counted with a few queries for all of them (a government's
    consolidation reads hundreds of agencies). The counting rules are the apps' own: table 三 by
    ``applications.figures``, table 二 by ``powers.figures.tally_proactive`` and ``publishing.figures.rules_figures``,
    table 四 by ``powers.figures.tally_appeals``."""
    template = formats.template_for_year(year)
    spec = formats.get_template(template)
    ids = [a.pk for a in agencies]
    requests = application_figures.requests_figures_many(ids, year, template)
    appeals: dict[int, list] = {pk: [] for pk in ids}
    for case in AppealCase.objects.filter(agency_id__in=ids, filed_on__year=year):
        appeals[case.agency_id].append(case)
    lists = {pl.agency_id: pl for pl in PowerList.objects.filter(agency_id__in=ids, year=year).order_by()}
    decisions = dict(
        Decision.objects.filter(power_list_id__in=[pl.pk for pl in lists.values()])
        .values("item")
        .annotate(n=Sum("count"))
        .values_list("item", "n")
    )
    entries = power_figures.entries_many(lists.values())
    rules = publishing_figures.rules_figures_many(ids, year, template)
    result = {}
    for agency in agencies:
        pk = agency.pk
        if pk in lists:
            own = lists[pk].pk
            proactive = power_figures.tally_proactive(
                template,
                entries["items"].get(own, []),
                decisions,
                entries["fees"].get(own, []),
                entries["procurements"].get(own, []),
            ).values
        else:
            # No power list for the year: there are no records to count, so the cells are blank (not 0) and the
            # checks say what is missing (`_no_records`); a blank report cannot be published.
            proactive = {c.key: None for c in spec.proactive_cells}
        proactive.update(rules[pk])
        result[pk] = Tables(
            template, proactive, requests[pk], power_figures.tally_appeals(year, appeals[pk]).values
        )
    return result


@dataclass
class Counted:
    """What a consolidation reads once for every agency it covers, instead of once per government of the tree:
    each agency's own tables (`computed_many`), each government's direct members (`members.direct_members`) and the
    year's stored reports by agency id."""

    tables: dict[int, Tables]
    direct: dict[int, list[Agency]]
    kept: dict[int, AgencyReport]


def counted_for(covered: list[Agency], year: int) -> Counted:
    """`Counted` for ``covered``: agencies in tree order holding the whole subtree of every government whose report
    is assembled from it."""
    kept = AgencyReport.objects.filter(agency_id__in=[a.pk for a in covered], year=year).order_by()
    return Counted(computed_many(covered, year), direct_members(covered), {r.agency_id: r for r in kept})


# ---------------------------------------------------------------------------------------------------------------
# Assembly


@dataclass
class Assembly:
    """An assembled report, the reports it consolidates (for H1: the government's own office first, then its
    departments) and the stored report it came from."""

    report: AnnualReport
    children: list[AnnualReport] = field(default_factory=list)
    agency_report: AgencyReport | None = None
    agency: Agency | None = None
    facts: prose.Facts | None = None  # the year's facts, when the prose was drafted from them (`year_facts`)
    work: work_prose.Additions | None = None  # what the work records added to the drafted prose, if drafted
    # the agencies whose records it counts (`members`), when they were read for it
    covered: list[Agency] | None = None


def _frozen(agency_report: AgencyReport | None) -> AnnualReport | None:
    if agency_report is not None and agency_report.published and agency_report.published_report:
        return AnnualReport.from_dict(agency_report.published_report)
    return None


def _build(
    agency: Agency, year: int, tables: Tables, manual: Mapping[CellRef, str], report_date: date | None
) -> AnnualReport:
    report = AnnualReport.from_figures(
        tables.template,
        year,
        agency.name,
        proactive=tables.proactive,
        requests=tables.requests,
        appeals=tables.appeals,
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


def assembled(
    agency: Agency,
    year: int,
    agency_report: AgencyReport | None,
    *,
    texts: bool = True,
    counted: Counted | None = None,
    members_taken: dict[int, AnnualReport] | None = None,
) -> Assembly:
    """The report as it stands: frozen if published, else counted from the records with the stored overrides,
    prose (plain paragraphs; drafted from the facts without a stored report) and date.

    ``counted``: the agencies' own tables, the governments' members and the stored reports (`counted_for`) when
    the caller has them for every agency the report covers, so that a consolidation reads each agency's records
    once, not once per level of the tree; ``members_taken``: the members' reports as the consolidation takes them
    (`_as_published`), kept by agency id across the calls of one caller (the table of all agencies' figures), so
    each is built once."""
    frozen = _frozen(agency_report)
    if frozen is not None:
        return Assembly(frozen, [], agency_report, agency)
    template = formats.template_for_year(year)
    covered = None
    if counted is None:
        covered = members(agency)
        counted = counted_for(covered, year)
    children: list[AnnualReport] = []
    if consolidates(agency):
        own = _build(agency, year, counted.tables[agency.pk], {}, None)
        own.agency = f"{agency.name}（本级）"
        direct = counted.direct[agency.pk]
        children = [
            own,
            *(_as_published(d, year, counted, counted.kept.get(d.pk), members_taken) for d in direct),
        ]
        tables = add_tables([Tables.of(c) for c in children], template)
    else:
        tables = counted.tables[agency.pk].copy()  # the overrides go into this report's copy only
    manual = apply_overrides(tables, agency_report.overrides if agency_report else {})
    report = _build(agency, year, tables, manual, agency_report.report_date if agency_report else None)
    gathered = added = None
    if texts:
        if agency_report is not None and agency_report.prose:
            plain = {k: prose.html_to_text(agency_report.prose.get(k, "")) for k in PROSE_SECTIONS}
        else:
            added = work_prose.additions(agency, year)
            gathered = year_facts(agency, year, report, covered, added)
            plain = drafted_prose(agency, year, report, gathered, added)
        for section in report.sections:
            section.text = plain.get(section.key, "")
    return Assembly(report, children, agency_report, agency, gathered, added, covered)


def _as_published(
    department: Agency,
    year: int,
    counted: Counted,
    agency_report: AgencyReport | None,
    taken: dict[int, AnnualReport] | None = None,
) -> AnnualReport:
    """A member's report as the consolidation takes it: as published, or its figures with its overrides (a lower
    government's consolidated in turn, from the same counted tables). ``taken``: see `assembled`."""
    if taken is not None and department.pk in taken:
        return taken[department.pk]
    report = _taken(department, year, counted, agency_report, taken)
    if taken is not None:
        taken[department.pk] = report
    return report


def _taken(
    department: Agency,
    year: int,
    counted: Counted,
    agency_report: AgencyReport | None,
    taken: dict[int, AnnualReport] | None,
) -> AnnualReport:
    frozen = _frozen(agency_report)
    if frozen is not None:
        return frozen
    tables, manual = _member_tables(department, year, counted, agency_report, taken)
    report_date = agency_report.report_date if agency_report and consolidates(department) else None
    return _build(department, year, tables, manual, report_date)


def _member_tables(
    member: Agency,
    year: int,
    counted: Counted,
    agency_report: AgencyReport | None,
    taken: dict[int, AnnualReport] | None,
) -> tuple[Tables, dict[CellRef, str]]:
    """The numbers of a member's report (not published) with its overridden cells: its own figures, or for a lower
    government its own and its members' added up, level by level. The levels below are added as numbers (the
    numbers their reports would hold: `computed_many` gives every cell of the template, amounts as decimals), their
    reports built only when ``taken`` keeps them (see `assembled`): a province's report sums thousands."""
    if consolidates(member):
        parts = [counted.tables[member.pk]]
        for below in counted.direct[member.pk]:
            kept = counted.kept.get(below.pk)
            if taken is not None:
                parts.append(Tables.of(_as_published(below, year, counted, kept, taken)))
            elif (frozen := _frozen(kept)) is not None:
                parts.append(Tables.of(frozen))
            else:
                parts.append(_member_tables(below, year, counted, kept, None)[0])
        tables = add_tables(parts, formats.template_for_year(year))
    else:
        tables = counted.tables[member.pk].copy()  # the overrides go into this report's copy only
    manual = apply_overrides(tables, agency_report.overrides if agency_report else {})
    return tables, manual


def year_facts(
    agency: Agency,
    year: int,
    report: AnnualReport,
    covered: list[Agency] | None = None,
    added: work_prose.Additions | None = None,
) -> prose.Facts:
    """The facts of the year the drafted prose states (`facts`), for a government with its departments;
    ``covered`` (`members`) and ``added`` (the work records' additions, which read the public's feedback) when the
    caller has them."""
    covered = covered if covered is not None else members(agency)
    published = set(
        AgencyReport.objects.filter(
            agency_id__in=[a.pk for a in covered[1:]], year=year, status=ReportStatus.PUBLISHED
        ).values_list("agency_id", flat=True)
    )
    missing = tuple(a.name for a in covered[1:] if a.pk not in published)
    return facts.gather(agency, year, report, covered, missing, added)


def drafted_prose(
    agency: Agency,
    year: int,
    report: AnnualReport,
    gathered: prose.Facts | None = None,
    added: work_prose.Additions | None = None,
) -> dict[str, str]:
    """Sections 一、五、六 drafted from the facts of the year (`facts`, `prose`) and the agency's work records
    (the organisation, rules, meetings, inspections); ``gathered`` and ``added`` when the caller has read them."""
    gathered = gathered or year_facts(agency, year, report)
    return work_prose.extend(agency, year, prose.draft_all(gathered), added)


def assemble(agency: Agency, year: int, *, agency_report: AgencyReport | None = None) -> AnnualReport:
    """The report of ``agency`` for ``year``: computed tables, the stored overrides (as manual cells), prose
    (plain paragraphs) and date. Without ``agency_report`` the stored one is used if there is one, else the prose
    is drafted from the facts. A government's report is the consolidated one."""
    agency_report = agency_report if agency_report is not None else stored(agency, year)
    return assembled(agency, year, agency_report).report


def computed_value(agency: Agency, year: int, ref: CellRef):
    """A cell as counted from the records, before any override (what an override replaces)."""
    return Tables.of(assembled(agency, year, None, texts=False).report).get(ref)


def previous_published(agency: Agency, year: int) -> AnnualReport | None:
    """Last year's published report (for C1), if there is one."""
    last = AgencyReport.objects.filter(agency=agency, year=year - 1, status=ReportStatus.PUBLISHED).first()
    return assemble(agency, year - 1, agency_report=last) if last else None


# ---------------------------------------------------------------------------------------------------------------
# Checks


def check(assembly: Assembly, previous: AnnualReport | None = None) -> list[Finding]:
    """The auditor's checks on an assembled report: figures (I1–I3, T4, N, blanks, manual), C1 against
    ``previous``, H1 against the consolidated reports, and the prose (template text, misprints, empty sections,
    required content, text against table)."""
    report = assembly.report
    findings = check_report(report, previous, assembly.children or None)
    if assembly.agency is not None:
        findings = _no_records(assembly.agency, report.year, findings, assembly.covered)
    prose_text = []
    for section in report.sections:
        if section.key in PROSE_SECTIONS:
            title = formats.section(section.key).title
            findings += prose_checks.template_text_findings(title, section.text)
            findings += prose_checks.typo_findings(title, section.text)
            prose_text.append(section.text)
    findings += prose_checks.empty_section_findings(report.sections)
    findings += prose_checks.content_findings(report.sections, report.agency_kind, False)
    findings += _contradictions(assembly, "\n".join(prose_text))
    findings += late_findings(assembly.agency_report)
    # the work records' own checks: last year's measures carried in, the numbers their prose states
    if assembly.agency is not None:
        findings += work_prose.findings(assembly.agency, report.year, report.sections, assembly.work)
    return findings


def _no_records(
    agency: Agency, year: int, findings: list[Finding], covered: list[Agency] | None = None
) -> list[Finding]:
    """In a generated report a blank cell is a figure with no records behind it: an error that says what is
    missing (the year's power list, or the figure entered by hand with a reason), so nothing blank is published.
    ``covered``: the agencies the report counts (`members`), when the caller has them."""
    covered = covered if covered is not None else members(agency)
    ids = [a.pk for a in covered]
    listed = set(PowerList.objects.filter(agency_id__in=ids, year=year).values_list("agency_id", flat=True))
    unlisted = "、".join(a.name for a in covered if a.pk not in listed)
    result = []
    for finding in findings:
        if finding.code != "blank-cell":
            result.append(finding)
            continue
        power_row = finding.where.startswith("表二/") and "第二十条第（一）项" not in finding.where
        if power_row and unlisted:
            missing = f"{unlisted}尚未建立{year}年的权责清单，没有可统计的记录。请建立该年度的权责清单，或"
        else:
            missing = "没有可统计的记录。请"
        message = (
            f"{finding.where} 为空白（不作 0 处理）：{missing}在该单元格人工填写数值并写明理由；"
            "报告不能带空白单元格发布"
        )
        result.append(replace(finding, severity=ERROR, message=message))
    return result


def _contradictions(assembly: Assembly, text: str) -> list[Finding]:
    """text-vs-table against the tables and the facts of the year's records. In a report the platform
    generates, the prose must agree with its own tables: a contradiction is an error that blocks submission."""
    report = assembly.report
    if assembly.agency is None:
        known = {}
    else:
        # the facts the prose was drafted from, if it was (a government's facts read every agency's records)
        known = facts.known(
            assembly.facts or year_facts(assembly.agency, report.year, report, assembly.covered)
        )
    return [replace(f, severity=ERROR) for f in crosscheck.text_vs_table(report, text, known)]


def checked(agency: Agency, year: int, *, agency_report: AgencyReport | None = None) -> AnnualReport:
    """The assembled report with its findings attached (what `gongkai report --format json` and the API give).
    A frozen (published) report keeps the findings it was published with, and is checked for lateness."""
    agency_report = agency_report if agency_report is not None else stored(agency, year)
    assembly = assembled(agency, year, agency_report)
    if _frozen(agency_report) is not None:
        kept = [f for f in assembly.report.findings if f.code != "late"]
        return assembly.report.with_findings(kept + late_findings(agency_report))
    return assembly.report.with_findings(check(assembly, previous_published(agency, year)))


def findings(agency_report: AgencyReport) -> list[Finding]:
    return checked(agency_report.agency, agency_report.year, agency_report=agency_report).findings


def blocking_errors(agency_report: AgencyReport) -> list[Finding]:
    """The findings that keep the report from being submitted or published (severity error)."""
    return [f for f in findings(agency_report) if f.severity == ERROR]


def describe_errors(errors: list[Finding], until: str) -> str:
    """The refusal while errors remain: ``until`` is what they block (提交审核, 发布)."""
    listed = "；".join(f"{f.where}：{f.message}" for f in errors[:10])
    more = f"；另有 {len(errors) - 10} 项" if len(errors) > 10 else ""
    return f"报告还有 {len(errors)} 项错误，改正后才能{until}：{listed}{more}"


# ---------------------------------------------------------------------------------------------------------------
# Sources


def sources(agency: Agency, year: int, key: str, *, limit: int | None = 500) -> list[Source]:
    """The records behind one cell (key path as in overrides): applications for table 三, power list entries
    and 第（一）项 documents for table 二, appeal cases for table 四. For a government, its own records and its
    departments', each labelled with its agency."""
    template = formats.template_for_year(year)
    ref = parse_key(template, key)
    covered = members(agency)
    found: list[Source] = []
    for member in covered:
        prefix = f"{member.short_name or member.name}：" if len(covered) > 1 else ""
        for source in _own_sources(member, year, template, ref, limit):
            found.append(Source(source.kind, source.pk, prefix + source.label, source.contributes))
        if limit is not None and len(found) >= limit:
            return found[:limit]
    return found


SOURCE_KINDS = {
    "application": "政府信息公开申请",
    "case": "行政复议、行政诉讼案件",
    "item": "权责事项（含处理决定）",
    "fee": "行政事业性收费项目",
    "procurement": "政府集中采购项目",
    "document": "主动公开的文件",
}
"""How the cell trace names a kind of record."""


@dataclass(frozen=True)
class Traced:
    """One record behind a cell as the cell page shows it: its kind in Chinese, a label, what it adds, and the
    staff page of the record (the case, the power list entry with its decisions, the document)."""

    kind: str
    label: str
    contributes: object
    url: str


def traced(agency: Agency, year: int, key: str, *, limit: int = 200) -> list[Traced]:
    """`sources` of one cell with the kind named in Chinese and a link to each record."""
    template = formats.template_for_year(year)
    ref = parse_key(template, key)
    covered = members(agency)
    found: list[Traced] = []
    for member in covered:
        prefix = f"{member.short_name or member.name}：" if len(covered) > 1 else ""
        document = ref[0] == PROACTIVE and ref[1].split(".")[0] in power_figures.RULES_ROWS
        for source in _own_sources(member, year, template, ref, limit):
            kind = "document" if document else source.kind
            url = _record_url(kind, source.pk, member, year)
            found.append(Traced(SOURCE_KINDS.get(kind, kind), prefix + source.label, source.contributes, url))
        if len(found) >= limit:
            return found[:limit]
    return found


def _record_url(kind: str, pk: int, agency: Agency, year: int) -> str:
    entry = {"item": "items", "fee": "fees", "procurement": "procurement"}
    if kind == "application":
        return reverse("applications:detail", args=[pk])
    if kind == "case":
        return reverse("powers:appeal_edit", args=[agency.code, pk])
    if kind in entry:
        return reverse("powers:entry_edit", args=[agency.code, year, entry[kind], pk])
    if kind == "document":
        return reverse("wagtailadmin_pages:edit", args=[pk])
    return ""


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
