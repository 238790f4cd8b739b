"""Service functions for agencies and people: one state change, one transaction, one audit event."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction

from . import collections, grants, history
from .models import Agency, Person, RoleAssignment
from .roles import Role

STAFF_GROUP = "工作人员"

AGENCY_FIELDS = [
    "name",
    "short_name",
    "credit_code",
    "kind",
    "parent",
    "disclosure_office",
    "office_address",
    "office_hours",
    "office_phone",
    "office_email",
]


def staff_group() -> Group:
    """The Wagtail group every person with a role belongs to: it grants access to the admin."""
    group, created = Group.objects.get_or_create(name=STAFF_GROUP)
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


@transaction.atomic
def create_agency(*, by=None, **fields) -> Agency:
    agency = Agency(**fields)
    agency.path = agency.compute_path()
    agency.full_clean()
    agency.save()
    collections.ensure_collection(agency)
    history.record(agency, "wagtail.create", by, changes=history.diff({}, history.snapshot(agency)))
    return agency


@transaction.atomic
def update_agency(agency: Agency, *, by=None, **changes) -> Agency:
    unknown = set(changes) - set(AGENCY_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = history.snapshot(agency)
    old_path = agency.path
    for name, value in changes.items():
        setattr(agency, name, value)
    agency.full_clean()
    agency.path = agency.compute_path()
    agency.save()
    if agency.path != old_path:
        for child in Agency.objects.filter(path__startswith=old_path).exclude(pk=agency.pk):
            child.path = agency.path + child.path[len(old_path) :]
            child.save(update_fields=["path"])
    changed = history.diff(before, history.snapshot(agency))
    if changed:
        history.record(agency, "wagtail.edit", by, changes=changed)
    return agency


@transaction.atomic
def create_person(
    *,
    agency: Agency,
    username: str,
    name: str,
    roles: Iterable[Role],
    password: str | None = None,
    position: str = "",
    by=None,
) -> Person:
    """A new staff account with its roles; `by` (the person adding them) may grant only what `grants` allows."""
    roles = frozenset(Role(r) for r in roles)
    if by is not None:
        grants.check_grant(by, agency, frozenset(), roles)
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValidationError({"username": f"用户名 {username} 已被使用"})
    user = user_model.objects.create_user(username=username, password=password, first_name=name)
    person = Person.objects.create(user=user, agency=agency, name=name, position=position)
    history.record(person, "wagtail.create", by, changes=history.diff({}, history.snapshot(person)))
    set_roles(person, roles, by=by)
    return person


@transaction.atomic
def set_roles(person: Person, roles: Iterable[Role], *, by=None) -> Person:
    """Replace a person's roles; keep their admin access and superuser flag in step with them.

    With `by` (a change made by a member of staff), each role added or taken away must be one `by` may grant
    there, and nobody changes their own roles; the change is in the person's history with who made it.
    """
    wanted = frozenset(Role(r) for r in roles)
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one change of roles at a time
    before = frozenset(Role(r) for r in person.role_assignments.values_list("role", flat=True))
    if by is not None:
        grants.check_grant(by, person.agency, before, wanted, person=person)
    RoleAssignment.objects.filter(person=person).exclude(role__in=wanted).delete()
    for role in wanted - before:
        RoleAssignment.objects.create(person=person, role=role)
    person._roles_cache = wanted
    user = person.user
    if wanted:
        user.groups.add(staff_group())
    else:
        user.groups.remove(staff_group())
    collections.sync_member(person)
    is_admin = Role.SYSTEM_ADMIN in wanted
    if user.is_superuser != is_admin:
        user.is_superuser = is_admin
        user.save(update_fields=["is_superuser"])
    if wanted != before:
        history.record(
            person,
            "wagtail.edit",
            by,
            changes={"角色": [[r.label for r in before], [r.label for r in wanted]]},
        )
    return person
