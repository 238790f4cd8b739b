"""The auditor's page for a supervising office: external reports, batches (several files, a ZIP) with their
progress page and summary table, and findings on PDFs with their page."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.agencies.roles import Role
from gongkai.reports.models import AuditBatch, ReportAudit

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parents[1] / "fixtures"
SAMPLE = FIXTURES / "2020-jingkai-hrss.txt"
HUAIAN = FIXTURES / "real" / "2023-huaian-hongze-district.pdf"
UPLOAD = "/admin/gongkai/audits/upload/"


def _zip(members: dict[str, bytes]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return SimpleUploadedFile("reports.zip", buffer.getvalue(), "application/zip")


def _login(client, world, home="gov", role=Role.SUPERVISING_OFFICE):
    client.force_login(world["people"][(home, role)].user)


def test_the_form_offers_every_agency_in_scope_and_an_external_report(client, world):
    _login(client, world)
    form = client.get(UPLOAD).context["form"]
    assert {a.code for a in form.fields["agency"].queryset} == {"gov", "dept", "sibling", "unit"}
    assert "外部报告" in form.fields["agency"].empty_label


def test_an_external_report_names_its_publisher_and_belongs_to_the_uploading_office(client, world):
    _login(client, world)
    data = HUAIAN.read_bytes()
    upload = SimpleUploadedFile("huaian.pdf", data, "application/pdf")
    response = client.post(UPLOAD, {"agency": "", "publisher": " 淮安市洪泽区 人民政府 ", "files": [upload]})
    audit = ReportAudit.objects.get()
    assert response["Location"] == f"/admin/gongkai/audits/batches/{audit.batch_id}/"
    assert (
        audit.agency is None and audit.publisher == "淮安市洪泽区 人民政府" and audit.office == world["gov"]
    )
    page = client.get(response["Location"], follow=True).content.decode()
    assert "淮安市洪泽区 人民政府（外部报告）" in page
    paged = [f for f in audit.findings if f.get("page")]
    assert paged and all(1 <= f["page"] <= 10 for f in paged)
    assert f"第{paged[0]['page']}页" in page
    # another government's office does not see it, the uploading office's colleagues do
    _login(client, world, "dept", Role.DISCLOSURE_OFFICE)
    assert client.get(f"/admin/gongkai/audits/{audit.pk}/").status_code == 404
    _login(client, world, "dept", Role.SUPERVISING_OFFICE)
    assert client.get(f"/admin/gongkai/audits/{audit.pk}/").status_code == 200


def test_an_external_report_without_a_publisher_is_refused(client, world):
    _login(client, world)
    upload = SimpleUploadedFile("x.txt", SAMPLE.read_bytes(), "text/plain")
    response = client.post(UPLOAD, {"agency": "", "publisher": "", "files": [upload]})
    assert response.status_code == 200 and "请填写发布机关的名称" in response.content.decode()
    assert not ReportAudit.objects.exists()


def test_a_zip_is_checked_as_a_batch_with_a_summary_table(client, world):
    _login(client, world)
    text = SAMPLE.read_bytes()
    upload = _zip(
        {"a/2020.txt": text, "../../evil/2020b.txt": text, "__MACOSX/._x.txt": b"x", "notes.md": b"x"}
    )
    response = client.post(UPLOAD, {"agency": world["dept"].pk, "publisher": "", "files": [upload]})
    batch = AuditBatch.objects.get()
    assert response["Location"] == f"/admin/gongkai/audits/batches/{batch.pk}/"
    assert sorted(a.filename for a in batch.audits.all()) == ["2020.txt", "2020b.txt"]
    assert all(a.checked and a.agency == world["dept"] and a.year == 2020 for a in batch.audits.all())
    page = client.get(response["Location"])
    html = page.content.decode()
    assert (
        page.context["finished"] and "全部 2 份报告已检查完毕" in html and 'http-equiv="refresh"' not in html
    )
    assert (
        html.count('data-file="') == 2
        and page.context["errors"] == sum(a.errors for a in batch.audits.all()) > 0
    )


def test_a_batch_still_running_shows_its_progress_and_refreshes(client, world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _login(client, world)
    files = [SimpleUploadedFile(f"{n}.txt", SAMPLE.read_bytes(), "text/plain") for n in range(3)]
    response = client.post(UPLOAD, {"agency": world["dept"].pk, "files": files})
    html = client.get(response["Location"]).content.decode()
    assert "已完成 0/3 份" in html and 'http-equiv="refresh"' in html
    from gongkai.reports.tasks import check_batch

    check_batch.call(AuditBatch.objects.get().pk)
    assert "全部 3 份报告已检查完毕" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "members,message",
    [
        ({f"{n}.txt": b"x" for n in range(51)}, "报告过多"),
        ({"readme.md": b"x"}, "没有可检查的报告文件"),
        ({"a.txt": b""}, "空文件"),
    ],
)
def test_a_zip_out_of_bounds_is_refused_before_anything_is_kept(client, world, members, message):
    _login(client, world)
    response = client.post(UPLOAD, {"agency": world["dept"].pk, "files": [_zip(members)]})
    assert response.status_code == 200 and message in response.content.decode()
    assert not ReportAudit.objects.exists() and not AuditBatch.objects.exists()


def test_a_zip_bomb_is_refused_from_its_declared_size(client, world):
    _login(client, world)
    response = client.post(
        UPLOAD, {"agency": world["dept"].pk, "files": [_zip({"big.txt": b"0" * (31 * 1024 * 1024)})]}
    )
    assert response.status_code == 200 and "过大" in response.content.decode()
    assert not ReportAudit.objects.exists()


def test_a_damaged_zip_is_refused(client, world):
    _login(client, world)
    upload = SimpleUploadedFile("r.zip", b"PK\x03\x04 not really", "application/zip")
    response = client.post(UPLOAD, {"agency": world["dept"].pk, "files": [upload]})
    assert response.status_code == 200 and "压缩包" in response.content.decode()


def test_another_offices_batch_answers_404(client, world):
    _login(client, world)
    files = [SimpleUploadedFile(f"{n}.txt", SAMPLE.read_bytes(), "text/plain") for n in range(2)]
    response = client.post(UPLOAD, {"agency": world["gov"].pk, "files": files})
    _login(client, world, "dept", Role.DISCLOSURE_OFFICE)
    assert client.get(response["Location"]).status_code == 404
