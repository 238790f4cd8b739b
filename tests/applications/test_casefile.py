"""The printable case file (案卷): one PDF with the application, every step with date and person, the clock's
explanation, every letter and the delivery records; only for the handling office; the archiving block never
stands alone on a page."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date as D

import pypdfium2 as pdfium
import pytest

from gongkai.agencies.roles import Role
from gongkai.applications import casefile, letters, services

from .conftest import person_fields, received

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world, office):
    app = received(world["dept"], D(2025, 3, 3), person_fields(1, name="赵六"), by=office)
    app = services.request_correction(app, on=D(2025, 3, 4), what="请写明文件的文号\x0b", by=office)
    app = services.receive_correction(app, on=D(2025, 3, 6), by=office)
    app = services.decide(app, on=D(2025, 3, 20), outcome="granted", basis="第三十六条第（二）项", by=office)
    letters.generate(app, app.events.get(kind="decided"), by=office)
    app = services.reply(app, on=D(2025, 3, 20), by=office)
    return services.deliver(app, on=D(2025, 3, 21), method="email", proof="发送回执 20250321", by=office)


def _text(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    pages = ["".join(page.get_textpage().get_text_range().split()) for page in document]
    document.close()
    return pages


@pytest.mark.roundtrip
def test_the_handling_office_downloads_the_whole_case(client, world, office, case, tmp_path):
    client.force_login(office)
    response = client.get(f"/admin/gongkai/applications/{case.pk}/casefile.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pages = _text(response.content)
    text = "".join(pages)
    for expected in (
        "政府信息公开申请办理案卷",
        case.number,
        "赵六",  # in full for the office
        person_fields(1)["id_number"],
        "告知补正",
        "请写明文件的文号",  # the vertical tab XML cannot hold dropped
        "2025-03-04",
        "作出决定",
        "第三十六条第（二）项",
        "收到申请",  # the clock's explanation
        "政府信息公开申请答复告知书",  # the letter, listed and in full
        "电子邮件送达",
        "发送回执20250321",
        "归档人",
    ):
        assert expected in text, expected
    # The archiving block stays with the last section: no page holds only it.
    assert len(pages) > 1 and "归档人" in pages[-1] and "八、通知申请人" in pages[-1]
    if shutil.which("pdftoppm"):
        path = tmp_path / "casefile.pdf"
        path.write_bytes(response.content)
        subprocess.run(
            ["pdftoppm", "-r", "20", "-png", str(path), str(tmp_path / "p")], check=True, timeout=120
        )
        assert len(list(tmp_path.glob("p-*.png"))) == len(pages)


@pytest.mark.parametrize("role", [Role.PRINCIPAL_LEADER, Role.SUPERVISING_OFFICE, Role.STAFF])
def test_others_get_no_case_file(client, world, case, role):
    client.force_login(world["people"][("dept", role)].user)
    assert client.get(f"/admin/gongkai/applications/{case.pk}/casefile.pdf").status_code in (302, 404)


def test_the_case_page_links_it_for_the_office_only(client, world, office, case):
    client.force_login(office)
    assert "casefile.pdf" in client.get(f"/admin/gongkai/applications/{case.pk}/").content.decode()
    client.force_login(world["people"][("dept", Role.PRINCIPAL_LEADER)].user)
    assert "casefile.pdf" not in client.get(f"/admin/gongkai/applications/{case.pk}/").content.decode()


def test_without_personal_data_the_applicant_and_the_letters_texts_are_masked(case):
    html = casefile.render_html(case, personal=False)
    assert "赵六" not in html and person_fields(1)["id_number"] not in html and "13800138000" not in html
    assert "申请人信息已遮蔽" in html
    assert "政府信息公开申请答复告知书" in html  # listed
    assert "如对本答复不服" not in html  # but not its text
    full = casefile.render_html(case, personal=True)
    assert "赵六" in full and "如对本答复不服" in full and "\x0b" not in full
