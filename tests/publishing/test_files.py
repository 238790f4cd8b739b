"""Confidential until published: a document or an image is downloadable by the public only while a live,
unrestricted page references it; the owning agency's staff always; everyone else gets 404. Through the real
/documents/<id>/<name> and rendition URLs."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from .conftest import person

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _document(title="附件"):
    from wagtail.documents.models import Document

    return Document.objects.create(title=title, file=ContentFile(PDF, name=f"{title}.pdf"))


def _image(title="图"):
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "red").save(buffer, "PNG")
    return Image.objects.create(title=title, file=ContentFile(buffer.getvalue(), name=f"{title}.png"))


@pytest.fixture
def attached(add_item):
    """An item in dept's column with one attachment, and a function to publish or withdraw it."""
    from gongkai.publishing.models import ItemAttachment

    document = _document()
    item = add_item()
    item.attachments.add(ItemAttachment(document=document))
    item.save()
    return item, document


def _publish(item):
    item.refresh_from_db()
    item.save_revision().publish()


def _outcomes(client, world, url) -> dict[str, int]:
    """Status codes of anonymous, another agency's staff, dept's staff (the owner) and a superuser."""
    codes = {}
    client.logout()
    codes["anonymous"] = client.get(url).status_code
    for who, user in (
        ("sibling", world["people"][("sibling", "member")].user),
        ("own", person(world, "staff")),
        ("own_reviewer", person(world, "confidentiality_reviewer")),
        ("other_gov", world["people"][("other-dept", "member")].user),
    ):
        client.force_login(user)
        codes[who] = client.get(url).status_code
    return codes


DRAFT = {"anonymous": 404, "sibling": 404, "own": 200, "own_reviewer": 200, "other_gov": 404}
LIVE = dict.fromkeys(DRAFT, 200)


def test_a_draft_attachment_is_for_its_agency_only(client, world, attached):
    item, document = attached
    assert _outcomes(client, world, document.url) == DRAFT


def test_a_published_attachment_is_public_until_withdrawn(client, world, attached):
    item, document = attached
    _publish(item)
    assert _outcomes(client, world, document.url) == LIVE
    response = client.get(document.url)
    assert b"".join(response.streaming_content) == PDF
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    item.refresh_from_db()
    item.unpublish()
    assert _outcomes(client, world, document.url) == DRAFT


def test_a_restricted_or_other_page_does_not_make_it_public(client, world, attached):
    from wagtail.models import PageViewRestriction

    item, document = attached
    _publish(item)
    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    client.logout()
    assert client.get(document.url).status_code == 404


def test_an_unattached_document_is_nobodys_but_a_superusers(client, world, portal):
    document = _document("散件")
    assert _outcomes(client, world, document.url) == dict.fromkeys(DRAFT, 404)
    client.force_login(world["people"][("gov", "system_admin")].user)
    assert client.get(document.url).status_code == 200


def test_a_wrong_name_or_id_is_404(client, world, attached):
    item, document = attached
    _publish(item)
    assert client.get(f"/documents/{document.pk}/other.pdf").status_code == 404
    assert client.get(f"/documents/{document.pk + 99}/{document.filename}").status_code == 404


def test_an_image_in_the_body_follows_its_page(client, world, add_item):
    image = _image()
    item = add_item(body=f'<p>图示</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="图"/>')
    rendition = image.get_rendition("width-800")
    assert rendition.url.startswith("/images/")
    assert _outcomes(client, world, rendition.url) == DRAFT
    _publish(item)
    client.logout()
    page = client.get(item.url)
    assert rendition.url in page.content.decode()
    assert client.get(rendition.url).status_code == 200
    item.refresh_from_db()
    item.unpublish()
    assert client.get(rendition.url).status_code == 404


def test_media_files_have_no_public_address(client, world, attached):
    item, document = attached
    _publish(item)
    assert client.get(f"/media/{document.file.name}").status_code == 404
