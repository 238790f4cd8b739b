"""The public pages of annual reports: an agency's published reports with their statutory dates, one report
with its downloads and charts; drafts and reports in sign-off are never public (404)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.agencies.roles import Role
from gongkai.reports.services import drafting, signoff

YEAR = 2021


@pytest.fixture(autouse=True)
def fast_renderers(monkeypatch):
    """PDF (WeasyPrint) and DOCX take seconds per report; these tests do not read them
    (test_signoff_publication does)."""
    monkeypatch.setattr("gongkai.core.render.pdf.render_pdf", lambda report: b"%PDF-1.7 test")
    monkeypatch.setattr("gongkai.core.render.docx.render_docx", lambda report: b"PK docx test")


def person(world, role, home="dept"):
    return world["people"][(home, role)].user


def publish(world, on=date(2022, 1, 25)):
    office = person(world, Role.DISCLOSURE_OFFICE)
    draft = drafting.get_or_start(world["dept"], YEAR, office)
    signoff.submit(draft, office)
    signoff.approve(draft, person(world, Role.SECTION_HEAD))
    signoff.approve(draft, person(world, Role.CONFIDENTIALITY_REVIEWER), conclusion="同意公开")
    signoff.approve(draft, person(world, Role.PRINCIPAL_LEADER))
    return draft, signoff.publish(draft, office, on=on)


pytestmark = pytest.mark.django_db


def test_public_pages_show_published_reports_only(client, world):
    office = person(world, Role.DISCLOSURE_OFFICE)
    written = drafting.get_or_start(world["dept"], 2022, office)
    assert client.get(f"/reports/dept/{written.year}/").status_code == 404
    listing = client.get("/reports/dept/")
    assert listing.status_code == 200
    assert "尚未在本平台发布年度报告" in listing.content.decode()

    draft, publication = publish(world)
    listing = client.get("/reports/dept/").content.decode()
    assert f"/reports/dept/{YEAR}/" in listing
    assert "2022年1月31日" in listing  # the statutory date of a department's 2021 report
    assert "/reports/dept/2022/" not in listing  # still drafting

    page = client.get(f"/reports/dept/{YEAR}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "一、总体情况" in body
    assert "三、收到和处理政府信息公开申请情况" in body
    for fmt in ("docx", "pdf", "xlsx"):
        assert f"/reports/dept/{YEAR}/{fmt}/" in body
        response = client.get(f"/reports/dept/{YEAR}/{fmt}/")
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
    assert "<svg" not in body  # one published year: no year-over-year chart to show

    # a report in sign-off is as private as a draft
    signoff.submit(written, office)
    assert client.get("/reports/dept/2022/").status_code == 404
    assert client.get("/reports/dept/2022/pdf/").status_code == 404
    assert client.get(f"/reports/dept/{YEAR}/exe/").status_code == 404
    assert client.get("/reports/nobody/").status_code == 404


def test_a_late_publication_is_marked_on_the_list(client, world):
    publish(world, on=date(2022, 2, 8))
    listing = client.get("/reports/dept/").content.decode()
    assert "逾期发布" in listing
    page = client.get(f"/reports/dept/{YEAR}/").content.decode()
    assert "2022年2月8日" in page and "2022年1月31日" in page


def test_the_html_file_is_served_inline_for_printing(client, world):
    publish(world)
    response = client.get(f"/reports/dept/{YEAR}/html/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "attachment" not in response.get("Content-Disposition", "")
    assert b"@page" in b"".join(response.streaming_content)  # the standalone document with its print CSS
