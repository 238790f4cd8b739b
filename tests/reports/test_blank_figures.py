"""A figure with no records behind it is blank (never 0) with an error that says what is missing; only counted
zeros print as 0; a report with a blank cannot be submitted, so nothing blank is ever published."""

from __future__ import annotations

import pytest

from gongkai.agencies.roles import Role
from gongkai.core.report.formats import PROACTIVE
from gongkai.powers import services as power_services
from gongkai.powers.models import PowerList
from gongkai.reports import assembly
from gongkai.reports.services import drafting

pytestmark = pytest.mark.django_db

YEAR = 2026
BASE = f"/admin/gongkai/reports/dept/{YEAR}/"
POWER_CELLS = ("licensing.decisions", "penalty.decisions", "coercion.decisions", "fees.amount")


@pytest.fixture
def office(client, world):
    PowerList.objects.filter(agency=world["dept"], year=YEAR).delete()
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    client.post(f"{BASE}draft/", {"action": "start"})
    return client


def test_without_a_power_list_the_figures_are_blank_errors_and_block_submission(office, world):
    report = assembly.checked(world["dept"], YEAR)
    assert [report.value(PROACTIVE, key) for key in POWER_CELLS] == [None] * 4
    assert report.value(PROACTIVE, "rules.issued") == 0  # counted from the register: a counted zero
    blanks = [f for f in report.findings if f.code == "blank-cell"]
    assert len(blanks) == 4 and {f.severity for f in blanks} == {"error"}
    assert all("甲区人社局尚未建立2026年的权责清单" in f.message and "写明理由" in f.message for f in blanks)
    page = office.get(f"{BASE}draft/").content.decode()
    assert "尚未建立2026年的权责清单" in page
    refused = office.post(f"{BASE}signoff/", {"action": "submit"}, follow=True)
    assert any("改正后才能提交审核" in str(m) and "权责清单" in str(m) for m in refused.context["messages"])
    # entered by hand with a reason, a figure is no longer blank
    agency_report = assembly.stored(world["dept"], YEAR)
    office_user = world["people"][("dept", Role.DISCLOSURE_OFFICE)].user
    drafting.set_override(
        agency_report, "proactive.fees.amount", "0", "本机关无行政事业性收费项目", office_user
    )
    assert len([f for f in assembly.findings(agency_report) if f.code == "blank-cell"]) == 3


def test_the_years_power_list_turns_blanks_into_counted_zeros(office, world):
    power_services.start_year(world["dept"], YEAR)
    report = assembly.checked(world["dept"], YEAR)
    assert [report.value(PROACTIVE, key) for key in POWER_CELLS[:3]] == [0, 0, 0]
    assert not [f for f in report.findings if f.code == "blank-cell"]
    assert "已提交审核" in " ".join(
        str(m) for m in office.post(f"{BASE}signoff/", {"action": "submit"}, follow=True).context["messages"]
    )
