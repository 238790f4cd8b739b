"""Consolidation across levels: a city's report sums its departments' reports and its districts' consolidated
ones (a tree of any depth), every record counted once; the supervision page shows the missing reports by level."""

from __future__ import annotations

from datetime import date

import pytest
from report_records import application

from gongkai.agencies.models import AgencyKind
from gongkai.agencies.roles import Role
from gongkai.agencies.services import create_agency, create_person
from gongkai.core.report.model import AnnualReport
from gongkai.core.report.tables import Tables
from gongkai.reports import assembly, deadlines, members, supervision
from gongkai.reports.models import AgencyReport, ReportStatus

from support import credit_code

pytestmark = pytest.mark.django_db

YEAR = 2020


@pytest.fixture
def city():
    """市政府 → 市局, 区政府 → 区局, 区政府 → 镇政府 → 镇办 (three levels of governments)."""
    n = iter(range(40, 60))

    def make(code, name, kind, parent=None):
        return create_agency(code=code, name=name, credit_code=credit_code(next(n)), kind=kind, parent=parent)

    G, D = AgencyKind.GOVERNMENT, AgencyKind.DEPARTMENT
    tree = {"city": make("city", "丙市人民政府", G)}
    tree["city-dept"] = make("city-dept", "丙市人社局", D, tree["city"])
    tree["district"] = make("district", "丙市甲区人民政府", G, tree["city"])
    tree["district-dept"] = make("district-dept", "甲区教育局", D, tree["district"])
    tree["town"] = make("town", "甲区乙镇人民政府", G, tree["district"])
    tree["town-office"] = make("town-office", "乙镇党政办", D, tree["town"])
    return tree


def _one_each(tree) -> None:
    for seq, agency in enumerate(tree.values(), 1):
        application(agency, seq, date(YEAR, 3, seq), "natural_person", "granted", date(YEAR, 4, seq))


def test_members_and_consolidated_reports_level_by_level(city):
    assert [a.code for a in members.consolidated(city["city"])] == ["city-dept", "district"]
    assert [a.code for a in members.consolidated(city["district"])] == ["district-dept", "town"]
    assert [a.code for a in members.lower_governments(city["city"])] == ["district"]
    assert {a.code for a in members.members(city["city"])} == set(city)
    assert members.consolidated(city["city-dept"]) == []


def test_direct_members_found_in_one_pass_are_the_consolidated_ones(city):
    """`members.direct_members` (one pass over a loaded tree) agrees with `consolidated` (a query each) for every
    government, an office below a department included (it belongs to the department's government)."""
    make = {"credit_code": credit_code(61), "kind": AgencyKind.DEPARTMENT, "parent": city["district-dept"]}
    create_agency(code="district-dept-unit", name="甲区教育局考试中心", **make)
    covered = members.members(city["city"])
    found = members.direct_members(covered)
    governments = [a for a in covered if members.consolidates(a)]
    assert set(found) == {g.pk for g in governments}
    for government in governments:
        assert found[government.pk] == members.consolidated(government)
    assert "district-dept-unit" in [a.code for a in found[city["district"].pk]]


def test_a_city_counts_every_record_of_its_tree_once(city):
    _one_each(city)
    parts = assembly.assembled(city["city"], YEAR, None)
    assert Tables.of(parts.report).requests["new"]["total"] == 6
    names = [c.agency for c in parts.children]
    assert names == ["丙市人民政府（本级）", "丙市人社局", "丙市甲区人民政府"]
    assert Tables.of(parts.children[2]).requests["new"]["total"] == 4  # the district with its town
    report = assembly.checked(city["city"], YEAR)
    assert not [f for f in report.findings if f.code == "hierarchy"]


def test_a_published_district_report_is_taken_as_published(city):
    _one_each(city)
    frozen = AnnualReport.from_figures(
        "2019", YEAR, "丙市甲区人民政府", requests={"new": {"natural_person": 10}}
    )
    AgencyReport.objects.create(
        agency=city["district"],
        year=YEAR,
        template="2019",
        status=ReportStatus.PUBLISHED,
        published_report=frozen.to_dict(extended=True),
    )
    parts = assembly.assembled(city["city"], YEAR, None)
    assert Tables.of(parts.report).requests["new"]["natural_person"] == 1 + 1 + 10


def test_missing_reports_by_level_on_the_supervision_page(client, city):
    AgencyReport.objects.create(
        agency=city["district-dept"], year=YEAR, template="2019", status=ReportStatus.PUBLISHED
    )
    levels = deadlines.missing_by_level(city["city"], YEAR)
    shown = [(level, g.code, [a.code for a in missing]) for level, g, missing in levels]
    assert shown == [
        (0, "city", ["city-dept", "district"]),
        (1, "district", ["town"]),
        (2, "town", ["town-office"]),
    ]
    office = create_person(
        agency=city["city"],
        username="city-so",
        name="市公开办",
        roles=[Role.SUPERVISING_OFFICE],
        password="x" * 12,
    )
    client.force_login(office.user)
    page = client.get(f"/admin/gongkai/reports/supervision/city/{YEAR}/")
    html = page.content.decode()
    assert page.status_code == 200 and "下2级" in html and "乙镇党政办" in html
    assert html.index('data-government="district"') < html.index('data-government="town"')


def test_the_table_of_all_agencies_gives_each_report_as_assembled_alone(city, django_assert_max_num_queries):
    """The XLSX of all agencies' figures counts every agency's records once for the whole tree; each row is what
    assembling that agency's report on its own gives, overrides and a frozen report included."""
    _one_each(city)
    AgencyReport.objects.create(
        agency=city["district-dept"],
        year=YEAR,
        template="2019",
        overrides={"requests.new.commercial": {"value": 3, "reason": "补录纸质申请三件"}},
    )
    frozen = AnnualReport.from_figures("2019", YEAR, "乙镇人民政府", requests={"new": {"natural_person": 7}})
    AgencyReport.objects.create(
        agency=city["town"],
        year=YEAR,
        template="2019",
        status=ReportStatus.PUBLISHED,
        published_report=frozen.to_dict(extended=True),
    )
    status_rows = supervision.rows(list(city.values()), YEAR, date(YEAR + 1, 6, 1))
    alone = [Tables.of(assembly.assemble(r.agency, YEAR, agency_report=r.agency_report)) for r in status_rows]
    with django_assert_max_num_queries(40):
        together = [Tables.of(report) for report in supervision.reports_for(status_rows)]
    assert together == alone
    # the city, its department, the district, its department (1 and 3 by hand), the town as published
    assert together[0].requests["new"]["total"] == 1 + 1 + 1 + (1 + 3) + 7


def _queries(city) -> int:
    """The queries of the table of all agencies' figures and of the city's consolidation."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    status_rows = supervision.rows(members.members(city["city"]), YEAR, date(YEAR + 1, 6, 1))
    with CaptureQueriesContext(connection) as captured:
        supervision.reports_for(status_rows)
        assembly.assembled(city["city"], YEAR, None)
    return len(captured)


def test_counting_more_departments_takes_no_more_queries(city):
    """The table of all agencies' figures and a consolidation query the records once, not per agency."""
    before = _queries(city)
    for n in range(5):
        create_agency(
            code=f"city-more-{n}",
            name=f"丙市第{n}局",
            credit_code=credit_code(70 + n),
            kind=AgencyKind.DEPARTMENT,
            parent=city["city"],
        )
    assert _queries(city) == before


def test_more_levels_of_governments_take_no_more_queries(city):
    """Nor per government: each government's members are found in the tree read once (a province has hundreds
    of governments in four levels)."""
    before = _queries(city)
    for n in range(3):
        town = create_agency(
            code=f"town-more-{n}",
            name=f"甲区第{n}镇人民政府",
            credit_code=credit_code(80 + 2 * n),
            kind=AgencyKind.GOVERNMENT,
            parent=city["district"],
        )
        create_agency(
            code=f"town-more-{n}-office",
            name=f"甲区第{n}镇党政办",
            credit_code=credit_code(81 + 2 * n),
            kind=AgencyKind.DEPARTMENT,
            parent=town,
        )
    assert _queries(city) == before


def test_a_drafted_report_gathers_the_facts_of_its_year_once(city, monkeypatch):
    """The drafted prose and the check of the prose against the facts read the same facts: gathered once (for a
    province they count every agency's records), with the same findings as before."""
    _one_each(city)
    calls = []
    gather = assembly.facts.gather
    monkeypatch.setattr(assembly.facts, "gather", lambda *args, **kw: calls.append(1) or gather(*args, **kw))
    report = assembly.checked(city["city"], YEAR)
    assert len(calls) == 1
    assert not [f for f in report.findings if f.code == "text-vs-table"]


def test_a_drafted_report_reads_the_publics_feedback_once(city, monkeypatch):
    """The public's feedback to a government and every agency below it (a province's is large) is read once for
    the drafted prose and its facts (whether ratings are recorded), not once for each."""
    from gongkai.workrecords import sources

    calls = []
    entries = sources.feedback_entries
    monkeypatch.setattr(sources, "feedback_entries", lambda *args: calls.append(1) or entries(*args))
    assembly.checked(city["city"], YEAR)
    assert len(calls) == 1


def test_counted_tables_are_the_numbers_their_reports_hold(city):
    """A consolidation adds the levels below as numbers, without building their reports: that holds because the
    counted tables already hold what a report built from them holds — every cell, amounts as decimals (an amount
    entered as a whole number included) — so building and reading back changes no value and no type."""
    from decimal import Decimal

    from gongkai.powers import services as power_services

    _one_each(city)
    power_list = power_services.start_year(city["district-dept"], YEAR)
    power_services.save_procurement(power_list, name="P1", amount=Decimal(2))
    covered = members.members(city["city"])
    counted = assembly.counted_for(covered, YEAR)
    for agency in covered:
        tables = counted.tables[agency.pk]
        back = Tables.of(assembly._build(agency, YEAR, tables, {}, None))
        assert back == tables
        for table in ("proactive", "appeals"):
            assert {k: type(v) for k, v in getattr(back, table).items()} == {
                k: type(v) for k, v in getattr(tables, table).items()
            }
    assert counted.tables[city["district-dept"].pk].proactive["procurement.amount"] == Decimal("2.00")
