"""GET /api/v1/agencies/{code}/reports/{year}: published reports are public, drafts only for their agency's
staff and its supervisors, everything else 404 (a draft's existence does not leak)."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone
from report_records import records_2020

from gongkai.agencies.roles import Role
from gongkai.reports import assembly
from gongkai.reports.models import ReportStatus
from gongkai.reports.services import drafting, signoff

pytestmark = pytest.mark.django_db

URL = "/api/v1/agencies/{}/reports/{}"


@pytest.fixture
def draft(world):
    records_2020(world["dept"])
    office = world["people"][("dept", Role.DISCLOSURE_OFFICE)].user
    return drafting.get_or_start(world["dept"], 2020, office)


def _as(client, world, key):
    if key is not None:
        client.force_login(world["people"][key].user)
    return client


def test_published_report_is_public(client, world, draft):
    draft.status = ReportStatus.PUBLISHED
    draft.published_at = timezone.make_aware(datetime(2021, 1, 27, 9))
    draft.save()
    signoff.freeze(draft)
    response = client.get(URL.format("dept", 2020))
    assert response.status_code == 200
    data = response.json()
    assert data == assembly.checked(world["dept"], 2020).to_dict()
    assert data["tables"]["requests"]["new"]["total"]["value"] == 4
    assert data["published_on"] is None or data["published_on"] == "2021-01-27"
    assert [f for f in data["findings"] if f["severity"] == "error"] == []


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 404),  # the public
        (("dept", Role.DISCLOSURE_OFFICE), 200),
        (("dept", Role.PRINCIPAL_LEADER), 200),
        (("dept", Role.CONFIDENTIALITY_REVIEWER), 200),
        (("dept", Role.STAFF), 404),  # no Perm.VIEW_REPORTS
        (("gov", Role.SUPERVISING_OFFICE), 200),  # the supervising office of the government
        (("gov", Role.DISCLOSURE_OFFICE), 404),  # the government's own office does not reach its departments
        (("sibling", "member"), 404),
        (("other", "member"), 404),
    ],
)
def test_a_draft_is_for_its_agency_and_supervisors_only(client, world, draft, who, status):
    response = _as(client, world, who).get(URL.format("dept", 2020))
    assert response.status_code == status
    if status == 404:
        assert response.json() == {"detail": "没有找到该机关该年度的政府信息公开工作年度报告"}
    else:
        assert response.json()["tables"]["requests"]["new"]["total"]["value"] == 4


def test_unknown_agency_and_year_are_404(client, world, draft):
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    assert client.get(URL.format("nobody", 2020)).status_code == 404
    assert client.get(URL.format("dept", 2010)).status_code == 404
    assert client.get(URL.format("dept", "x")).status_code in (404, 422)


def test_no_draft_yet_is_404_for_the_public_and_figures_for_staff(client, world):
    assert client.get(URL.format("sibling", 2020)).status_code == 404
    client.force_login(world["people"][("gov", Role.SUPERVISING_OFFICE)].user)
    response = client.get(URL.format("sibling", 2020))
    assert response.status_code == 200
    assert response.json()["template"] == "2019"


def test_openapi_schema_has_the_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    path = schema["paths"]["/api/v1/agencies/{code}/reports/{year}"]
    assert set(path["get"]["responses"]) == {"200", "400", "404", "422"}
    assert "ReportOut" in schema["components"]["schemas"]
