"""The supervising office's cross-agency views: every agency's key figures over the years (table, charts where two
years have data), the overdue and unconfirmed applications of every agency in scope with their working days, and
the one-page summary for leaders (PDF, read back)."""

from __future__ import annotations

from datetime import date as D

import pypdfium2 as pdfium
import pytest
import time_machine
from report_records import application, case

from gongkai.agencies.roles import Role
from gongkai.applications import services
from gongkai.reports import overview

pytestmark = pytest.mark.django_db

TODAY = D(2025, 3, 27)  # a Thursday; no holiday between late February and the end of March 2025


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _supervisor(client, world):
    client.force_login(world["people"][("gov", Role.SUPERVISING_OFFICE)].user)


def _person(n: int) -> dict:
    return {
        "applicant_type": "natural_person",
        "name": f"张{n}",
        "id_type": "passport",
        "id_number": f"E{n:08d}",
        "phone": "13800138000",
        "address": "某市某路 1 号",
        "email": "z@example.com",
        "info_name": "某年度就业补贴发放情况",
        "form": "electronic",
        "obtaining": "email",
    }


def test_key_figures_of_every_agency_over_the_years(client, world):
    dept = world["dept"]
    for seq, year in enumerate((2023, 2023, 2024), 1):
        application(dept, seq, D(year, 3, 2), "natural_person", "granted", D(year, 3, 20), due=D(year, 3, 30))
    application(
        dept, 9, D(2024, 3, 2), "natural_person", "granted", D(2024, 5, 6), due=D(2024, 3, 30)
    )  # late
    case(dept, "review", D(2024, 2, 1), "corrected", D(2024, 4, 1))
    case(dept, "review", D(2024, 2, 2), "upheld", D(2024, 4, 1))
    _supervisor(client, world)
    page = client.get("/admin/gongkai/reports/supervision/gov/2024/figures/")
    assert page.status_code == 200
    table = {a.code: {f.year: f for f in rows} for a, rows in page.context["table"].items()}
    assert set(table) == {"gov", "dept", "sibling", "unit"}
    assert page.context["years"] == [2020, 2021, 2022, 2023, 2024]
    assert (table["dept"][2023].applications, table["dept"][2024].applications) == (2, 2)
    assert table["dept"][2024].late_replies == 1 and table["dept"][2023].late_replies == 0
    assert table["dept"][2024].correction_rate == "50.0%" and table["dept"][2023].correction_rate == ""
    assert table["gov"][2024].applications == 2  # the government's report consolidates its departments'
    assert table["dept"][2023].late_report  # never published, the statutory date passed
    html = page.content.decode()
    assert "各机关本年新收政府信息公开申请" in html  # two years with data: a chart


def test_no_chart_with_a_single_year_of_data(client, world):
    application(world["dept"], 1, D(2024, 3, 2), "natural_person", "granted", D(2024, 3, 20))
    _supervisor(client, world)
    html = client.get("/admin/gongkai/reports/supervision/gov/2024/figures/").content.decode()
    assert "各机关本年新收政府信息公开申请" not in html and 'data-agency="dept"' in html


def test_overdue_and_unconfirmed_applications_of_every_agency_in_scope(client, world):
    late = services.intake(world["dept"], _person(1), channel="in_person", arrived_on=D(2025, 2, 24))[0]
    services.intake(
        world["sibling"], _person(2), channel="in_person", arrived_on=D(2025, 3, 20)
    )  # not yet due
    waiting, _ = services.submit(world["sibling"], _person(3), on=D(2025, 3, 17))
    services.intake(world["other_dept"], _person(4), channel="in_person", arrived_on=D(2025, 2, 24))
    _supervisor(client, world)
    page = client.get("/admin/gongkai/reports/supervision/gov/applications/")
    assert page.status_code == 200
    assert [(o.app, o.due, o.workdays) for o in page.context["overdue"]] == [(late, D(2025, 3, 24), 3)]
    assert [(u.app, u.age) for u in page.context["unconfirmed"]] == [(waiting, 8)]
    html = page.content.decode()
    assert f'data-number="{late.number}"' in html and "张1" not in html and "张3" not in html


def test_the_supervision_page_links_the_cross_agency_views(client, world):
    _supervisor(client, world)
    html = client.get("/admin/gongkai/reports/supervision/gov/2024/").content.decode()
    for url in ("/gov/2024/figures/", "/gov/applications/", "/gov/2024/summary.pdf"):
        assert f"/admin/gongkai/reports/supervision{url}" in html


def test_leaders_summary_figures(world):
    application(
        world["dept"], 1, D(2024, 3, 2), "natural_person", "granted", D(2024, 5, 6), due=D(2024, 3, 30)
    )
    from gongkai.agencies.models import Agency
    from gongkai.reports import leaders

    agencies = Agency.objects.filter(path__startswith=world["gov"].path)
    s = leaders.summary(world["gov"], agencies, 2024, TODAY)
    assert (s.reports, s.published, s.not_published) == (4, 0, 4)
    assert len(s.unpublished_late) == 3  # the departments' date (31 January) passed, the government's has not
    assert s.figures.applications == 1 and s.late_replies == 1
    assert s.most_late_replies == [(world["dept"].name, 1)]
    assert overview.years_up_to(2020) == [2019, 2020] and len(overview.years_up_to(2030)) == 5


@pytest.mark.roundtrip
def test_leaders_summary_is_one_page_of_pdf(client, world):
    application(world["dept"], 1, D(2024, 3, 2), "natural_person", "granted", D(2024, 3, 20))
    _supervisor(client, world)
    response = client.get("/admin/gongkai/reports/supervision/gov/2024/summary.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pdfium.PdfDocument(response.content)
    try:
        assert len(pdf) == 1
        text = pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    compact = "".join(text.split())
    assert "甲区人民政府2024年度政府信息公开工作摘要" in compact and "本年新收申请" in compact


def test_cross_agency_views_are_refused_outside_supervision(client, world):
    client.force_login(world["people"][("gov", Role.DISCLOSURE_OFFICE)].user)
    for url in ("gov/2024/figures/", "gov/applications/", "gov/2024/summary.pdf"):
        response = client.get(f"/admin/gongkai/reports/supervision/{url}")
        assert response.status_code == 302 and response["Location"] == "/admin/"
