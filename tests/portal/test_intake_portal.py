"""The portal form's attachments (checked by content, input kept) and the submission rate limit (form and API)."""

from __future__ import annotations

import pytest
from applications.conftest import person_fields
from applications.intake_samples import EXE, image_bytes, pdf_bytes, upload
from django.core.cache import cache

from gongkai.applications import attachments
from gongkai.applications.models import Application, Attachment

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    cache.clear()
    yield
    cache.clear()


def _apply(client, files=(), **overrides):
    data = {**person_fields(), **overrides}
    if files:
        data["attachments"] = list(files)
    return client.post("/apply/dept/", data, REMOTE_ADDR=overrides.pop("addr", "203.0.113.7"))


def _kept(html: str) -> None:
    """Everything the applicant typed is in the re-displayed form."""
    fields = person_fields()
    for name in ("name", "id_number", "phone", "address", "email", "info_name"):
        assert f'value="{fields[name]}"' in html, name


def test_form_accepts_good_attachments(client, world):
    response = _apply(client, [upload("身份证.pdf", PDF), upload("a.png", image_bytes("PNG"), "image/png")])
    assert response.status_code == 302
    app = Application.objects.get()
    assert [a.kind for a in app.attachments.all()] == ["pdf", "png"]
    html = client.get("/apply/dept/").content.decode()
    assert 'enctype="multipart/form-data"' in html and "最多 3 个" in html


@pytest.mark.parametrize(
    "files,message",
    [
        ([upload("setup.pdf", EXE)], "附件“setup.pdf”不是 PDF、JPG、PNG 文件"),
        ([upload("scan.pdf", PDF[: len(PDF) // 2])], "附件“scan.pdf”内容不完整或已损坏"),
        ([upload(f"{n}.pdf", PDF) for n in range(4)], "最多上传 3 个附件，本次选择了 4 个"),
    ],
    ids=["exe-renamed-pdf", "truncated-pdf", "too-many"],
)
def test_bad_attachments_are_refused_and_the_input_kept(client, world, files, message):
    response = _apply(client, files)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "请重新选择附件" in html and 'aria-invalid="true"' in html
    _kept(html)
    assert not Application.objects.exists() and not Attachment.objects.exists()


def test_oversize_file_is_dropped_while_reading_and_named(client, world, settings, monkeypatch):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 100_000
    seen = []
    check = attachments.check

    def spy(files, skipped=()):
        seen.append(([f.name for f in files], list(skipped)))
        return check(files, skipped)

    monkeypatch.setattr(attachments, "check", spy)
    big = upload("big.pdf", PDF + b"\n" * 150_000)
    response = _apply(client, [big, upload("ok.pdf", PDF)])
    assert response.status_code == 200
    # The upload handler dropped the big file while reading the request; the small one arrived.
    assert seen == [(["ok.pdf"], ["big.pdf"])]
    html = response.content.decode()
    assert "附件“big.pdf”超过 97 KB，请压缩或分页后重新上传" in html
    _kept(html)
    assert not Application.objects.exists()


def test_rate_limit_answers_429_and_keeps_the_input(client, world, settings):
    settings.GONGKAI_SUBMISSION_LIMIT = 2
    for _ in range(2):
        assert _apply(client).status_code == 302
    response = _apply(client)
    assert response.status_code == 429
    html = response.content.decode()
    assert "提交过于频繁" in html and "2 件申请" in html and "已填写的内容均已保留" in html
    _kept(html)
    assert Application.objects.count() == 2
    # Another client address is not affected.
    assert _apply(client, addr="198.51.100.1").status_code == 302


def test_invalid_submissions_do_not_count(client, world, settings):
    settings.GONGKAI_SUBMISSION_LIMIT = 1
    assert _apply(client, name="").status_code == 200
    assert _apply(client).status_code == 302
    assert _apply(client).status_code == 429


def test_api_rate_limit(client, world, settings):
    settings.GONGKAI_SUBMISSION_LIMIT = 1
    payload = person_fields()

    def post():
        return client.post(
            "/api/v1/agencies/dept/applications",
            payload,
            content_type="application/json",
            REMOTE_ADDR="192.0.2.9",
        )

    assert post().status_code == 201
    response = post()
    assert response.status_code == 429 and "提交过于频繁" in response.json()["detail"]
    # The portal and the API share the limit of a client.
    assert _apply(client, addr="192.0.2.9").status_code == 429


def test_the_form_still_checks_csrf(world):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/apply/dept/", person_fields())
    assert response.status_code == 403 and not Application.objects.exists()


def _api(client, payload):
    return client.post("/api/v1/agencies/dept/applications", payload, content_type="application/json")


def test_api_accepts_base64_attachments_checked_by_content(client, world):
    import base64

    def encoded(name, content):
        return {"name": name, "content_base64": base64.b64encode(content).decode()}

    response = _api(client, {**person_fields(), "attachments": [encoded("id.pdf", PDF)]})
    assert response.status_code == 201
    assert [a.kind for a in Application.objects.get().attachments.all()] == ["pdf"]
    bad_files = [encoded("id.pdf", EXE), {"name": "x.png", "content_base64": "@@@"}]
    bad = _api(client, {**person_fields(2), "phone": "", "attachments": bad_files})
    assert bad.status_code == 422
    # the files are examined only once the fields pass
    assert bad.json()["errors"] == {"phone": "请填写联系电话"}
    bad = _api(client, {**person_fields(2), "attachments": bad_files})
    assert bad.status_code == 422
    errors = bad.json()["errors"]
    assert "附件“id.pdf”不是 PDF、JPG、PNG 文件" in errors["attachments"]
    assert "附件“x.png”的内容不是有效的 Base64 编码" in errors["attachments"]
    assert Application.objects.count() == 1
