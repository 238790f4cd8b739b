"""Attachments: checked by content (not by name), limited in size and number, kept privately, served to the office."""

from __future__ import annotations

import os
from datetime import date

import pytest
from django.urls import reverse

from gongkai.agencies.roles import Role
from gongkai.applications import attachments, intake_services
from gongkai.applications.models import Attachment
from gongkai.core.errors import Refused

from .conftest import person_fields
from .intake_samples import EXE, image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()
JPEG = image_bytes("JPEG")
PNG = image_bytes("PNG")


@pytest.mark.parametrize(
    "name,content,kind",
    [
        ("身份证.pdf", PDF, "pdf"),
        ("scan.JPG", JPEG, "jpeg"),
        ("photo.png", PNG, "png"),
        ("no-extension", PNG, "png"),
    ],
)
def test_good_files_are_recognised_by_content(name, content, kind):
    assert attachments.check_one(name, content).kind == kind


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("身份证.pdf", EXE, "不是 PDF、JPG、PNG 文件（按文件内容判断，与文件名无关）"),
        ("半截.pdf", PDF[: len(PDF) // 2], "内容不完整或已损坏"),
        ("without-eof.pdf", PDF[:-8], "内容不完整或已损坏"),
        ("cut.jpg", JPEG[: len(JPEG) // 2], "内容不完整或已损坏"),
        ("cut.png", PNG[:-30], "内容不完整或已损坏"),
        ("gif.png", b"GIF89a" + b"\x00" * 100, "不是 PDF、JPG、PNG 文件"),
        ("html.pdf", b"<html><script>alert(1)</script></html>", "不是 PDF、JPG、PNG 文件"),
    ],
)
@pytest.mark.parametrize("lenient_pillow", [False, True], ids=["pillow", "pillow-after-weasyprint"])
def test_disguised_or_broken_files_are_refused_with_their_name(
    name, content, reason, lenient_pillow, monkeypatch
):
    """Also once WeasyPrint has told Pillow to load cut-off images (a process-wide flag it sets on import)."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient_pillow)
    with pytest.raises(Refused) as exc:
        attachments.check_one(name, content)
    assert f"附件“{name}”" in str(exc.value) and reason in str(exc.value)


def test_size_and_number_limits(settings):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = len(PDF) + 10
    big = PDF + b"\n" * 20
    good, errors = attachments.check([upload("big.pdf", big)])
    assert good == [] and errors == [
        f"附件“big.pdf”超过 {attachments.size_text(len(PDF) + 10)}，请压缩或分页后重新上传"
    ]
    files = [upload(f"{n}.pdf", PDF) for n in range(4)]
    good, errors = attachments.check(files)
    assert good == [] and errors == ["最多上传 3 个附件，本次选择了 4 个"]
    good, errors = attachments.check(files[:3])
    assert len(good) == 3 and errors == []
    # Files dropped by the upload handler count towards the number and are named.
    good, errors = attachments.check(files[:1], skipped=["huge.pdf"])
    assert "附件“huge.pdf”超过" in errors[0] and len(good) == 1


def _intake_post(client, files, **overrides):
    data = {
        **person_fields(),
        "channel": "in_person",
        "arrived_on": "2025-03-03",
        "confirmed_on": "",
        **overrides,
    }
    return client.post("/admin/gongkai/agencies/dept/applications/new/", {**data, "attachments": files})


def test_staff_intake_keeps_attachments_privately(client, world, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    office = world["people"][("dept", Role.DISCLOSURE_OFFICE)].user
    client.force_login(office)
    response = _intake_post(client, [upload("身份证.pdf", PDF), upload("正面.jpg", JPEG, "image/jpeg")])
    assert response.status_code == 302, response.context["form"].errors
    atts = list(Attachment.objects.all())
    assert [(a.kind, a.original_name, a.size) for a in atts] == [
        ("pdf", "身份证.pdf", len(PDF)),
        ("jpeg", "正面.jpg", len(JPEG)),
    ]
    assert all(a.uploaded_by == office for a in atts)
    # Stored outside MEDIA_ROOT, under a random name, without a URL.
    path = atts[0].file.path
    assert path.startswith(str(tmp_path / "private")) and "身份证" not in path and os.path.exists(path)
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        atts[0].file.url  # noqa: B018
    detail = client.get(f"/admin/gongkai/applications/{atts[0].application_id}/")
    assert "身份证.pdf" in detail.content.decode()
    download = client.get(reverse("applications:attachment", args=[atts[0].pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF


def test_staff_intake_refuses_a_disguised_file_and_keeps_the_input(client, world, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    response = _intake_post(client, [upload("id.pdf", EXE)])
    assert response.status_code == 200
    html = response.content.decode()
    assert "附件“id.pdf”不是 PDF、JPG、PNG 文件" in html
    assert person_fields()["id_number"] in html and "2025 年度就业补贴发放情况" in html
    assert not Attachment.objects.exists()


def test_only_the_office_with_personal_data_downloads(client, world, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    app, _ = intake_services.register(
        world["dept"],
        person_fields(),
        [attachments.check_one("身份证.png", PNG)],
        channel="in_person",
        arrived_on=date(2025, 3, 3),
        confirmed_on=None,
        by=None,
    )
    att = app.attachments.get()
    url = reverse("applications:attachment", args=[att.pk])
    for key, allowed in [
        (("dept", Role.DISCLOSURE_OFFICE), True),
        (("dept", Role.PRINCIPAL_LEADER), False),
        (("gov", Role.SUPERVISING_OFFICE), False),
        (("gov", Role.SYSTEM_ADMIN), False),
        (("sibling", "member"), False),
    ]:
        client.force_login(world["people"][key].user)
        response = client.get(url)
        assert (response.status_code == 200) is allowed, key
        if key == ("dept", Role.PRINCIPAL_LEADER):
            page = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
            assert "身份证.png" not in page and "共 1 个附件" in page
    client.logout()
    assert client.get(url).status_code == 302
