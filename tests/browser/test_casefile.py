"""End to end: the disclosure office opens a replied and delivered case and downloads its case file (案卷) PDF,
which holds the steps, the letter and the delivery record; a leader's case page offers no case file."""

from __future__ import annotations

from datetime import date

import pypdfium2
import pytest
from playwright.sync_api import expect

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.roundtrip, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def delivered_case(decided_case):
    from gongkai.applications import letters, services

    office, app = decided_case
    letters.generate(app, app.events.get(kind="decided"), by=office)
    app = services.reply(app, on=date(2025, 3, 20), by=office)
    return services.deliver(app, on=date(2025, 3, 21), method="email", proof="邮件回执", by=office)


def test_the_office_downloads_the_case_file(live_server, page, world, delivered_case, tmp_path):
    from gongkai.agencies.roles import Role

    login(page, live_server, world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    page.goto(f"{live_server.url}/admin/gongkai/applications/{delivered_case.pk}/")
    expect(page.get_by_role("heading", name="通知申请人")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="下载案卷（PDF，供归档打印）").click()
    assert info.value.suggested_filename == f"{delivered_case.number}-案卷.pdf"
    path = tmp_path / "casefile.pdf"
    info.value.save_as(path)
    pdf = pypdfium2.PdfDocument(path.read_bytes())
    text = "".join("".join(p.get_textpage().get_text_range().split()) for p in pdf)
    pdf.close()
    for expected in (
        "政府信息公开申请办理案卷",
        "赵六",
        "作出决定",
        "政府信息公开申请答复告知书",
        "邮件回执",
        "归档人",
    ):
        assert expected in text, expected


def test_a_leader_is_offered_no_case_file(live_server, page, world, delivered_case):
    from gongkai.agencies.roles import Role

    login(page, live_server, world["people"][("dept", Role.PRINCIPAL_LEADER)].user)
    page.goto(f"{live_server.url}/admin/gongkai/applications/{delivered_case.pk}/")
    expect(page.get_by_role("heading", name="通知申请人")).to_be_visible()
    expect(page.get_by_role("link", name="下载案卷（PDF，供归档打印）")).to_have_count(0)
