"""The audit upload page: findings, re-drawn tables, kept uploads and what was fixed between them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.agencies.roles import Role
from gongkai.reports.models import ReportAudit

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parents[1] / "fixtures" / "2020-jingkai-hrss.txt"


def _upload(client, agency, *files):
    return client.post("/admin/gongkai/audits/upload/", {"agency": agency.pk, "files": list(files)})


def _sample(text: str | None = None, name: str = "2020-jingkai-hrss.txt"):
    data = SAMPLE.read_bytes() if text is None else text.encode("utf-8")
    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_upload_shows_findings_and_tables(client, world):
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    response = _upload(client, world["dept"], _sample())
    audit = ReportAudit.objects.get()
    # checked by the batch task (at once in tests), never in the request; the progress page leads to the result
    assert (
        response.status_code == 302
        and response["Location"] == f"/admin/gongkai/audits/batches/{audit.batch_id}/"
    )
    progress = client.get(response["Location"])
    assert progress.status_code == 302 and progress["Location"] == f"/admin/gongkai/audits/{audit.pk}/"
    assert audit.year == 2020 and audit.template == "2019" and audit.errors > 0
    page = client.get(progress["Location"]).content.decode()
    assert "placeholder" in page and "左栏所有总计" in page
    assert "section-missing" in page
    assert "100290" in page  # the re-drawn table 二
    assert client.get(f"/admin/gongkai/audits/{audit.pk}/file/").getvalue() == SAMPLE.read_bytes()
    assert client.get(f"/admin/gongkai/audits/{audit.pk}/json/").json()["year"] == 2020


def test_second_upload_shows_what_was_fixed(client, world):
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    _upload(client, world["dept"], _sample())
    fixed = SAMPLE.read_text(encoding="utf-8").replace("工作工作", "工作").replace("4、", "四、")
    response = _upload(client, world["dept"], _sample(fixed, "fixed.txt"))
    latest = ReportAudit.objects.order_by("-pk").first()
    page = client.get(response["Location"], follow=True).content.decode()
    assert "已改正" in page
    assert latest.findings != ReportAudit.objects.order_by("pk").first().findings
    codes_before = {f["code"] for f in ReportAudit.objects.order_by("pk").first().findings}
    codes_after = {f["code"] for f in latest.findings}
    assert "typo" in codes_before and "typo" not in codes_after


def test_several_files_at_once_and_unreadable_ones_are_kept(client, world):
    client.force_login(world["people"][("gov", Role.SUPERVISING_OFFICE)].user)
    response = _upload(
        client,
        world["dept"],
        _sample(),
        SimpleUploadedFile("broken.pdf", b"%PDF-1.7\n garbage", "application/pdf"),
    )
    broken = ReportAudit.objects.get(filename="broken.pdf")
    assert (
        response.status_code == 302
        and response["Location"] == f"/admin/gongkai/audits/batches/{broken.batch_id}/"
    )
    assert [f["code"] for f in broken.findings] == ["unreadable"]


def test_empty_file_is_refused_and_nothing_is_saved(client, world):
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    response = _upload(client, world["dept"], _sample(), SimpleUploadedFile("empty.txt", b"", "text/plain"))
    assert response.status_code == 200
    assert "空文件" in response.content.decode() or "提交的文件为空" in response.content.decode()
    assert not ReportAudit.objects.exists()


def test_cannot_upload_for_an_agency_out_of_reach(client, world):
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    response = _upload(client, world["sibling"], _sample())
    assert response.status_code == 200  # the agency is not among the choices
    assert not ReportAudit.objects.exists()
