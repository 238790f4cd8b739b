"""Each agency's own Wagtail collection (文件库) for the documents and images its staff upload and choose.

Wagtail grants collection permissions to groups; our people hold roles in agencies. So each agency has a
collection below the root and a group holding ``add`` and ``choose`` of documents and images on it (Wagtail's
ownership policy lets an uploader change their own files); the people of the agency whose roles hold
Perm.UPLOAD_FILES are its members, kept in step with their roles by ``services.set_roles``. A superuser (系统管理员)
reaches every collection.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission

from .models import Agency, Person
from .roles import Perm, roles_with

CODENAMES = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
)


def group_name(agency: Agency) -> str:
    return f"文件库：{agency.code}"


@transaction.atomic
def ensure_collection(agency: Agency) -> Collection:
    """The agency's collection, with its group and the group's permissions (created when missing)."""
    if agency.collection_id is None:
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")  # gone after a flush
        collection = root.add_child(name=agency.name)
        Agency.objects.filter(pk=agency.pk).update(collection=collection)
        agency.collection = collection
    group, _ = Group.objects.get_or_create(name=group_name(agency))
    for app_label, codename in CODENAMES:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=agency.collection, permission=permission
        )
    return agency.collection


def sync_member(person: Person) -> None:
    """Make the person a member of their agency's file group exactly while a role of theirs may upload."""
    group = Group.objects.filter(name=group_name(person.agency)).first()
    if group is None:
        return
    if person.roles & roles_with(Perm.UPLOAD_FILES):
        person.user.groups.add(group)
    else:
        person.user.groups.remove(group)
