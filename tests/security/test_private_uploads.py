"""Uploaded reports are kept outside MEDIA_ROOT and handed out only by the checked view, as a download."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.agencies.roles import Role
from gongkai.reports.models import ReportAudit

pytestmark = pytest.mark.django_db

HTML = b"<html><body><script>alert(document.cookie)</script>2020 \xe5\xb9\xb4\xe5\xba\xa6\xe6\x8a\xa5\xe5\x91\x8a</body></html>"


def test_an_uploaded_html_report_is_private_and_served_as_an_attachment(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    upload = SimpleUploadedFile("xssb.html", HTML, "text/html")
    client.post("/admin/gongkai/audits/upload/", {"agency": world["dept"].pk, "files": [upload]})
    audit = ReportAudit.objects.get()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.html"))
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / audit.file.name).read_bytes() == HTML
    with pytest.raises(ValueError):
        audit.file.url  # noqa: B018 - private files have no URL
    response = client.get(f"/admin/gongkai/audits/{audit.pk}/file/")
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == HTML
    client.force_login(world["people"][("sibling", "member")].user)
    assert client.get(f"/admin/gongkai/audits/{audit.pk}/file/").status_code in (302, 404)
    client.logout()
    assert client.get(f"/admin/gongkai/audits/{audit.pk}/file/").status_code == 302  # to the login page
