"""Assembly of the annual report from the records, against hand-counted sets in both templates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from report_records import (
    APPEALS_2020,
    APPEALS_2024,
    PROACTIVE_2020,
    PROACTIVE_2024,
    REQUESTS_2020,
    REQUESTS_2024,
    expected_appeals,
    expected_requests,
    records_2020,
    records_2024,
)

from gongkai.core.errors import Refused
from gongkai.core.report.formats import APPEALS, PROACTIVE, REQUESTS
from gongkai.core.report.model import ERROR
from gongkai.core.report.tables import Tables
from gongkai.reports import assembly, deadlines
from gongkai.reports.models import AgencyReport, ReportStatus
from gongkai.reports.services import drafting, signoff

pytestmark = pytest.mark.django_db


def _rules_are_blank_or_counted_zero(tables: Tables) -> None:
    for key, value in tables.proactive.items():
        if key.split(".")[0] in ("rules", "normative_documents"):
            assert value in (None, 0), key


def test_2020_in_the_2019_template(world):
    records_2020(world["dept"])
    report = assembly.assemble(world["dept"], 2020)
    tables = Tables.of(report)
    assert report.template == "2019"
    assert {k: tables.proactive[k] for k in PROACTIVE_2020} == PROACTIVE_2020
    _rules_are_blank_or_counted_zero(tables)
    assert tables.requests == expected_requests("2019", REQUESTS_2020)
    assert tables.appeals == expected_appeals(APPEALS_2020)
    assert report.cell(PROACTIVE, "licensing.change").raw == "+1"
    assert report.cell(PROACTIVE, "penalty.change").raw == "-1"


def test_2024_in_the_2021_template(world):
    records_2024(world["dept"])
    report = assembly.assemble(world["dept"], 2024)
    tables = Tables.of(report)
    assert report.template == "2021"
    assert {k: tables.proactive[k] for k in PROACTIVE_2024} == PROACTIVE_2024
    _rules_are_blank_or_counted_zero(tables)
    assert tables.requests == expected_requests("2021", REQUESTS_2024)
    assert tables.appeals == expected_appeals(APPEALS_2024)


@pytest.mark.parametrize(("year", "build"), [(2020, records_2020), (2024, records_2024)])
def test_generated_report_has_no_error_and_six_sections(world, year, build):
    build(world["dept"])
    report = assembly.checked(world["dept"], year)
    assert [f for f in report.findings if f.severity == ERROR] == []
    assert [s.key for s in report.sections] == [
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other",
    ]
    for key in assembly.PROSE_SECTIONS:
        assert len(report.prose(key)) > 10
    assert not [f for f in report.findings if f.code in ("template-text", "text-vs-table", "typo")]


def test_every_cell_is_traceable(world):
    made = records_2020(world["dept"])
    dept = world["dept"]
    new_people = assembly.sources(dept, 2020, "requests.new.natural_person")
    assert {s.pk for s in new_people} == {made["c"].pk, made["d"].pk}
    assert {s.kind for s in new_people} == {"application"}
    change = assembly.sources(dept, 2020, "proactive.licensing.change")
    assert sum(s.contributes for s in change) == 1
    assert {s.pk for s in change} == {made["licensing_new"][0].pk}
    penalty = assembly.sources(dept, 2020, "proactive.penalty.change")
    assert [s.contributes for s in penalty] == [-1]
    review = assembly.sources(dept, 2020, "appeals.review.corrected")
    assert [s.pk for s in review] == [made["review"].pk]
    with pytest.raises(Refused):
        assembly.sources(dept, 2020, "requests.new.nobody")


# ---------------------------------------------------------------------------------------------------------------
# Consolidation


def test_government_consolidates_its_own_records_and_its_departments(world):
    gov, dept, sibling = world["gov"], world["dept"], world["sibling"]
    records_2020(dept)
    from report_records import application

    application(sibling, 1, date(2020, 2, 3), "commercial", "granted", date(2020, 2, 20))
    application(gov, 1, date(2020, 9, 1))  # the government's own office: still open at the year's end
    report = assembly.checked(gov, 2020)
    tables = Tables.of(report)
    assert tables.requests["new"]["total"] == 4 + 1 + 1
    assert tables.requests["granted"]["commercial"] == 1
    assert tables.requests["carried_forward"]["natural_person"] == 2
    assert tables.appeals["review.corrected"] == 1
    parts = assembly.assembled(gov, 2020, None)
    names = [c.agency for c in parts.children]
    assert names[0] == f"{gov.name}（本级）"
    assert sorted(names[1:]) == sorted([dept.name, sibling.name, world["unit"].name])
    assert not [f for f in report.findings if f.code in ("hierarchy", "identity")]
    for row, cols in tables.requests.items():
        for col, value in cols.items():
            assert value == sum(Tables.of(c).requests[row][col] for c in parts.children)
    assert "工作考核" in report.prose("problems")
    assert sorted(a.code for a in deadlines.missing_departments(gov, 2020)) == ["dept", "sibling", "unit"]


def test_consolidation_takes_a_departments_override_so_h1_still_holds(world):
    gov, dept = world["gov"], world["dept"]
    records_2020(dept)
    office = world["people"][("dept", "disclosure_office")].user
    draft = drafting.get_or_start(dept, 2020, office)
    drafting.set_override(draft, "appeals.review.upheld", 2, "复议机关补送的决定书", office)
    report = assembly.checked(gov, 2020)
    assert report.value(APPEALS, "review.upheld") == 2
    assert report.value(APPEALS, "review.total") == 3
    assert not [f for f in report.findings if f.code == "hierarchy"]


def test_an_agency_without_a_power_list_counts_zero_never_blank(world):
    """The generator prints 0, never a blank (spec section 6): no list for the year means no items."""
    records_2020(world["dept"])  # the sibling and the government have no power list for 2020
    sibling = assembly.assemble(world["sibling"], 2020)
    assert all(sibling.value(PROACTIVE, key) == 0 for key in sibling.spec.proactive_keys)
    report = assembly.assemble(world["gov"], 2020)
    dept = assembly.assemble(world["dept"], 2020)
    assert report.value(PROACTIVE, "licensing.decisions") == dept.value(PROACTIVE, "licensing.decisions")
    assert report.value(REQUESTS, "new", "total") == 4


# ---------------------------------------------------------------------------------------------------------------
# Overrides


@pytest.fixture
def office(world):
    return world["people"][("dept", "disclosure_office")].user


def test_override_needs_a_reason_and_shows_as_manual_with_history(world, office):
    from gongkai.agencies.history import entries_for

    records_2020(world["dept"])
    draft = drafting.get_or_start(world["dept"], 2020, office)
    with pytest.raises(Refused, match="理由"):
        drafting.set_override(draft, "requests.new.natural_person", 3, " ", office)
    with pytest.raises(Refused, match="不是整数"):
        drafting.set_override(draft, "requests.new.natural_person", "2.5", "纸质登记漏录一件", office)
    with pytest.raises(Refused, match="负数"):
        drafting.set_override(draft, "requests.new.natural_person", -1, "纸质登记漏录一件", office)
    with pytest.raises(Refused, match="没有单元格"):
        drafting.set_override(draft, "requests.new.aliens", 1, "纸质登记漏录一件", office)
    drafting.set_override(draft, "requests.new.natural_person", 3, "纸质登记漏录一件", office)
    draft.refresh_from_db()
    report = assembly.checked(world["dept"], 2020)
    cell = report.cell(REQUESTS, "new", "natural_person")
    assert cell.value == 3 and cell.manual_reason == "纸质登记漏录一件"
    assert report.value(REQUESTS, "new", "total") == 5  # I3 total recomputed
    manual = [f for f in report.findings if f.code == "manual"]
    assert len(manual) == 1 and "纸质登记漏录一件" in manual[0].message and manual[0].severity == "info"
    # new went up by one without a result or a carry-forward: I1 fails, and that blocks submission; the drafted
    # prose still states the counted figure, and contradicting the table blocks it too
    errors = assembly.blocking_errors(draft)
    assert [f.evidence for f in errors] == ["I1", "I1", "新收政府信息公开申请4件"]
    entry = entries_for(draft).first()
    assert entry.action == "wagtail.edit"
    assert "纸质登记漏录一件" in entry.data["note"]
    drafting.set_override(
        draft, "requests.carried_forward.natural_person", 2, "漏录的一件年末仍在办理", office
    )
    drafting.redraft_prose(draft, "overview", office)
    assert assembly.blocking_errors(draft) == []
    drafting.clear_override(draft, "requests.new.natural_person", office)
    assert {f.evidence for f in assembly.blocking_errors(draft)} == {"I1", "新收政府信息公开申请5件"}


def test_decimal_and_signed_overrides(world, office):
    records_2020(world["dept"])
    draft = drafting.get_or_start(world["dept"], 2020, office)
    drafting.set_override(draft, "proactive.procurement.amount", "12.5", "采购数据由财政局提供", office)
    drafting.set_override(draft, "proactive.coercion.change", "-2", "两项行政强制事项年内取消", office)
    report = assembly.assemble(world["dept"], 2020)
    assert report.value(PROACTIVE, "procurement.amount") == Decimal("12.5")
    assert report.value(PROACTIVE, "coercion.change") == -2


def test_edits_refused_unless_drafting_or_returned(world, office):
    draft = drafting.get_or_start(world["dept"], 2020, office)
    draft.status = ReportStatus.IN_SIGNOFF
    draft.save()
    for edit in (
        lambda: drafting.set_override(draft, "requests.new.total", 1, "理由写得足够长", office),
        lambda: drafting.set_prose(draft, "overview", "<p>新的文字</p>", office),
        lambda: drafting.clear_override(draft, "requests.new.total", office),
    ):
        with pytest.raises(Refused, match="不能修改"):
            edit()
    draft.status = ReportStatus.RETURNED
    draft.save()
    drafting.set_prose(draft, "overview", "<p>退回后修改的总体情况。</p>", office)
    assert assembly.assemble(world["dept"], 2020).prose("overview") == "退回后修改的总体情况。"


def test_prose_edits_and_empty_section_blocks(world, office):
    draft = drafting.get_or_start(world["dept"], 2020, office)
    assert "<p>" in draft.prose["overview"]
    drafting.set_prose(draft, "other", "<p>（文字描述，收取信息处理费情况在此处报告。）</p>", office)
    codes = {f.code for f in assembly.blocking_errors(draft)}
    assert "section-empty" in codes
    with pytest.raises(Refused):
        drafting.set_prose(draft, "requests", "<p>表格部分</p>", office)


def test_get_or_start_is_idempotent_and_checks_the_year(world, office):
    first = drafting.get_or_start(world["dept"], 2020, office)
    assert drafting.get_or_start(world["dept"], 2020, office).pk == first.pk
    assert AgencyReport.objects.count() == 1
    assert first.template == "2019"
    with pytest.raises(Refused, match="2019"):
        drafting.get_or_start(world["dept"], 2018, office)
    with pytest.raises(Refused):
        drafting.get_or_start(world["dept"], timezone.localdate().year + 1, office)


# ---------------------------------------------------------------------------------------------------------------
# Across years, freezing, deadlines


def test_c1_against_last_years_published_report(world, office):
    records_2020(world["dept"])
    previous = drafting.get_or_start(world["dept"], 2020, office)
    drafting.set_override(
        previous, "requests.carried_forward.natural_person", 4, "按纸质台账更正结转数", office
    )
    previous.status = ReportStatus.PUBLISHED
    previous.save()
    report = assembly.checked(world["dept"], 2021)
    carry = [f for f in report.findings if f.code == "carry-over"]
    assert carry and carry[0].where.endswith("自然人")


def test_a_published_report_is_frozen(world, office):
    from report_records import application

    records_2020(world["dept"])
    draft = drafting.get_or_start(world["dept"], 2020, office)
    draft.status = ReportStatus.PUBLISHED
    draft.published_at = timezone.make_aware(datetime(2021, 1, 27, 9))
    draft.save()
    signoff.freeze(draft)
    application(world["dept"], 99, date(2020, 11, 11))  # registered after publication
    report = assembly.checked(world["dept"], 2020)
    assert report.value(REQUESTS, "new", "total") == 4
    assert not [f for f in report.findings if f.code == "late"]
    draft.published_at = timezone.make_aware(datetime(2021, 2, 2, 9))
    draft.save()
    assert [f.code for f in assembly.checked(world["dept"], 2020).findings if f.severity == ERROR] == ["late"]


def test_statutory_dates_and_lateness(world):
    gov, dept = world["gov"], world["dept"]
    assert deadlines.statutory_date(dept, 2020) == date(2021, 1, 31)
    assert deadlines.statutory_date(gov, 2020) == date(2021, 3, 31)
    assert not deadlines.is_late(None, dept, 2020, date(2021, 1, 31))
    assert deadlines.is_late(None, dept, 2020, date(2021, 2, 1))
    assert not deadlines.is_late(None, gov, 2020, date(2021, 3, 31))
    draft = AgencyReport.objects.create(
        agency=dept,
        year=2020,
        template="2019",
        status=ReportStatus.PUBLISHED,
        published_at=timezone.make_aware(datetime(2021, 1, 27, 9)),
    )
    assert not deadlines.is_late(draft, dept, 2020, date(2022, 1, 1))
    draft.published_at = timezone.make_aware(datetime(2021, 2, 1, 9))
    assert deadlines.is_late(draft, dept, 2020, date(2021, 2, 1))


@pytest.mark.parametrize(("year", "build"), [(2020, records_2020), (2024, records_2024)])
def test_batched_counting_agrees_with_each_apps_own_figures(world, year, build):
    """The consolidation counts tables 二 and 四 of all agencies in a few queries with the powers app's tally
    functions; the figures are those of the app's own pages, agency by agency. (Table 三 has one implementation,
    `applications.figures.requests_figures_many`, tested in tests/applications/test_figures.py.)"""
    from gongkai.powers import figures as power_figures
    from gongkai.publishing.figures import rules_figures

    build(world["dept"])
    from report_records import application

    application(world["sibling"], 1, date(year, 2, 3), "commercial", "granted", date(year, 2, 20))
    agencies = [world["gov"], world["dept"], world["sibling"], world["unit"]]
    batched = assembly.computed_many(agencies, year)
    template = "2019" if year < 2021 else "2021"
    for agency in agencies:
        tables = batched[agency.pk]
        assert tables.appeals == power_figures.appeals(agency, year).values, agency.code
        proactive = power_figures.proactive(agency, year, rules=rules_figures(agency, year, template)).values
        # the apps leave a year without a power list blank; the generated report prints 0 there
        assert tables.proactive == {k: 0 if v is None else v for k, v in proactive.items()}, agency.code


def test_a_governments_prose_counts_its_departments_published_items(world):
    from gongkai.portal import demo as portal_demo
    from gongkai.portal.models import PortalHomePage
    from gongkai.publishing.demo import bulk
    from gongkai.publishing.figures import summary_many
    from gongkai.publishing.services import create_section

    portal_demo.load()
    home = PortalHomePage.objects.get()
    for agency, n in ((world["dept"], 3), (world["sibling"], 2)):
        rows = [
            {
                "title": f"通知{i}",
                "formed_on": date(2024, 3, 1),
                "published_on": date(2024, 5, 6),
                "summary": "概述",
                "category": ("rules", "livelihood")[i % 2],
            }
            for i in range(n)
        ]
        bulk.create_items(create_section(agency, home), rows)
    members = [world["gov"], world["dept"], world["sibling"]]
    got = summary_many(members, 2024)
    # published on 6 May, formed on 1 March: each past its 20 working days (第二十六条)
    assert (got["published"], got["late"], got["withheld"], got["in_signoff"]) == (5, 5, 0, 0)
    assert got["by_category"] == {"rules": 3, "livelihood": 2}
    assert summary_many([world["sibling"]], 2024)["by_category"] == {"rules": 1, "livelihood": 1}
    assert "全年主动公开政府信息5条" in assembly.assemble(world["gov"], 2024).prose("overview")


def test_year_facts_count_the_applications_in_one_pass(world):
    """The application facts of the prose (counted together in one query): last year's new ones once there are
    earlier cases, the ones answered after their due date, the ones open past it on 31 December."""
    from report_records import application

    dept = world["dept"]
    application(dept, 1, date(2023, 5, 1), outcome="granted", on=date(2023, 5, 10))
    application(dept, 2, date(2024, 3, 1), outcome="granted", on=date(2024, 4, 20), due=date(2024, 3, 22))
    application(dept, 3, date(2024, 3, 2), outcome="granted", on=date(2024, 3, 10), due=date(2024, 3, 23))
    application(dept, 4, date(2024, 11, 1), due=date(2024, 11, 22))  # open, overdue on 31 December
    application(dept, 5, date(2024, 12, 20), due=date(2025, 1, 20))  # open, not yet due
    report = assembly.assembled(dept, 2024, None, texts=False).report
    facts = assembly.year_facts(dept, 2024, report)
    assert (facts.previous_new, facts.answered_late, facts.open_overdue) == (1, 1, 1)
    assert assembly.year_facts(dept, 2025, report).previous_new == 4
    assert assembly.year_facts(dept, 2023, report).previous_new is None  # no case before 2023
