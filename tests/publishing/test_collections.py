"""Each agency's own collection (文件库): those who collect items or sign them off upload and choose only their
agency's documents and images, through Wagtail's chooser and upload views; the chooser offers them its 上传 tab."""

from __future__ import annotations

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from .conftest import person
from .test_attachments import PDF

UPLOADERS = ["staff", "section_head", "division_leader", "principal_leader", "confidentiality_reviewer"]


def _document(agency, title):
    from wagtail.documents.models import Document

    return Document.objects.create(
        title=title, file=ContentFile(PDF, name=f"{title}.pdf"), collection=agency.collection
    )


def test_an_agency_is_created_with_its_collection_and_group(world):
    from wagtail.models import GroupCollectionPermission

    dept = world["dept"]
    assert dept.collection.name == "甲区人社局" and dept.collection.depth == 2
    codenames = set(
        GroupCollectionPermission.objects.filter(collection=dept.collection).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_document", "choose_document", "add_image", "choose_image"}


@pytest.mark.parametrize("role", [*UPLOADERS, "disclosure_office"])
def test_the_chooser_offers_upload_and_lists_only_the_agencys_documents(client, world, role):
    _document(world["dept"], "人社局名单")
    _document(world["sibling"], "住建局名单")
    client.force_login(person(world, role))
    html = client.get("/admin/documents/chooser/").json()["html"]
    assert 'id="tab-upload"' in html
    assert "人社局名单" in html and "住建局名单" not in html
    images = client.get("/admin/images/chooser/").json()["html"]
    assert 'id="tab-upload"' in images


def test_without_an_uploading_role_there_is_no_upload(client, world):
    client.force_login(person(world, "supervising_office"))
    html = client.get("/admin/documents/chooser/").json()["html"]
    assert 'id="tab-upload"' not in html
    assert client.get("/admin/documents/add/").status_code == 302  # Wagtail's refusal: back to the dashboard


def test_staff_upload_into_their_own_collection_only(client, world):
    from wagtail.documents.models import Document

    dept, sibling = world["dept"], world["sibling"]
    client.force_login(person(world, "staff"))
    form = client.get("/admin/documents/add/").context["form"]
    assert "collection" not in form.fields  # Wagtail leaves out the choice when there is only one collection

    def upload(title, collection):
        return client.post(
            "/admin/documents/chooser/create/",
            {
                "document-chooser-upload-title": title,
                "document-chooser-upload-file": SimpleUploadedFile(f"{title}.pdf", PDF),
                "document-chooser-upload-collection": collection.pk,
            },
        )

    assert upload("本局通知", dept.collection).json()["step"] == "chosen"
    upload("越权", sibling.collection)  # the collection asked for is not one they may add to: ignored
    assert set(Document.objects.values_list("collection", flat=True)) == {dept.collection_id}


def test_the_item_form_refuses_another_agencys_document(client, world, add_item):
    from .test_attachments import _edit_data

    foreign = _document(world["sibling"], "住建局名单")
    item = add_item(user=person(world, "staff"))
    client.force_login(person(world, "staff"))
    edit = f"/admin/pages/{item.pk}/edit/"
    data = _edit_data(client.get(edit))
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-document": str(foreign.pk),
            "attachments-0-title": "",
            "attachments-0-ORDER": "1",
            "attachments-0-id": "",
        }
    )
    response = client.post(edit, data)
    assert response.status_code == 200
    item.refresh_from_db()
    assert not item.get_latest_revision_as_object().attachments.all()


def test_existing_agencies_get_collections_from_the_migration(world):
    from django.apps import apps
    from django.contrib.auth.models import Group

    from gongkai.agencies.models import Agency

    Agency.objects.filter(code="dept").update(collection=None)
    Group.objects.filter(name="文件库：dept").delete()
    migration = importlib.import_module("gongkai.agencies.migrations.0003_agency_collections")
    migration.forwards(apps, None)
    dept = Agency.objects.get(code="dept")
    assert dept.collection is not None and dept.collection.get_parent().depth == 1
    members = Group.objects.get(name="文件库：dept").user_set.all()
    assert person(world, "staff") in members and person(world, "supervising_office") not in members
    assert Agency.objects.get(code="sibling").collection_id == world["sibling"].collection_id
