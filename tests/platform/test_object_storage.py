"""With GONGKAI_S3_BUCKET the files live in an S3-protocol bucket (gongkai/backends.py, gongkai/storage.py): here
moto's standalone server, started by the test on a free loopback port and spoken to over HTTP by django-storages.

Private files (a report-audit upload) go to the private bucket under its prefix, and documents to the media bucket;
every object is private; both are served only by the platform's checking views (streamed, never a redirect to the
object), and refused to those who may not see them."""

from __future__ import annotations

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai import backends
from gongkai.agencies.roles import Role
from gongkai.reports.models import ReportAudit
from gongkai.storage import PrivateStorage

import live_services as services

MEDIA, PRIVATE = "gongkai-media", "gongkai-private"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
HTML = "<html><body>2020 年度报告</body></html>".encode()


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = services.free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
    )
    for bucket in (MEDIA, PRIVATE):
        client.create_bucket(Bucket=bucket)
    yield endpoint
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    """The settings of a deployment with buckets (and an empty local disk, to show nothing lands there)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "gongkai-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "gongkai-test-secret")
    environment = {
        "GONGKAI_S3_ENDPOINT_URL": s3_endpoint,
        "GONGKAI_S3_BUCKET": MEDIA,
        "GONGKAI_S3_PRIVATE_BUCKET": PRIVATE,
        "GONGKAI_S3_REGION": "us-east-1",
        "GONGKAI_S3_ADDRESSING_STYLE": "path",
    }
    settings.STORAGES = backends.storages(
        environment, static_backend=settings.STORAGES["staticfiles"]["BACKEND"]
    )
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="k",
        aws_secret_access_key="s",
    )
    yield client
    assert not (tmp_path / "media").exists() and not (tmp_path / "private").exists()


def _keys(client, bucket: str) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def _is_private(client, bucket: str, key: str) -> bool:
    grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return not any(grant["Grantee"].get("URI") == ALL_USERS for grant in grants)


def test_the_private_storage_keeps_its_files_under_the_private_prefix_without_a_url(bucket):
    storage = PrivateStorage()
    name = storage.save("letters/2026/reply.pdf", ContentFile(b"%PDF-1.7 letter"))
    again = storage.save("letters/2026/reply.pdf", ContentFile(b"%PDF-1.7 other"))
    assert name != again  # never overwritten
    assert f"private/{name}" in _keys(bucket, PRIVATE) and _is_private(bucket, PRIVATE, f"private/{name}")
    with storage.open(name) as stored:
        assert stored.read() == b"%PDF-1.7 letter"
    with pytest.raises(ValueError):
        storage.url(name)
    storage.delete(name)
    assert not storage.exists(name) and storage.exists(again)


@pytest.mark.django_db
def test_a_report_audit_upload_lands_in_the_private_bucket_and_is_served_only_by_the_view(
    bucket, client, world
):
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    upload = SimpleUploadedFile("report.html", HTML, "text/html")
    client.post("/admin/gongkai/audits/upload/", {"agency": world["dept"].pk, "files": [upload]})
    audit = ReportAudit.objects.get()
    key = f"private/{audit.file.name}"
    assert key in _keys(bucket, PRIVATE) and _is_private(bucket, PRIVATE, key)
    assert bucket.get_object(Bucket=PRIVATE, Key=key)["Body"].read() == HTML
    response = client.get(f"/admin/gongkai/audits/{audit.pk}/file/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == HTML
    client.force_login(world["people"][("sibling", "member")].user)
    assert client.get(f"/admin/gongkai/audits/{audit.pk}/file/").status_code in (302, 404)


@pytest.mark.django_db
def test_an_unpublished_document_in_the_bucket_is_streamed_to_staff_and_hidden_from_the_public(
    bucket, client, django_user_model
):
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    document = get_document_model().objects.create(
        title="内部文件",
        file=ContentFile(b"%PDF-1.7 draft", name="draft.pdf"),
        collection=Collection.get_first_root_node(),
    )
    key = f"media/{document.file.name}"
    assert storages["default"].exists(document.file.name)
    assert key in _keys(bucket, MEDIA) and _is_private(bucket, MEDIA, key)
    url = f"/documents/{document.pk}/{document.filename}"
    assert client.get(url).status_code == 404
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12))
    response = client.get(url)
    assert response.status_code == 200  # streamed by the view, not a redirect to the object's URL
    assert b"".join(response.streaming_content) == b"%PDF-1.7 draft"
