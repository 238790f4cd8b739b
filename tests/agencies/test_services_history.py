"""Agencies and people change only through services, and every change lands in the audit trail."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies import history, services
from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.roles import Perm, Role
from gongkai.agencies.scoping import can

from support import credit_code

pytestmark = pytest.mark.django_db


def test_update_records_who_what_before_and_after(world):
    editor = world["people"][("dept", Role.DISCLOSURE_OFFICE)].user
    services.update_agency(world["dept"], by=editor, office_phone="0551-1234567", short_name="人社局")
    entry = history.entries_for(world["dept"]).first()
    assert entry.user == editor
    assert entry.action == "wagtail.edit"
    assert entry.data["changes"] == {"联系电话": ["", "0551-1234567"], "简称": ["", "人社局"]}


def test_update_without_change_records_nothing(world):
    before = history.entries_for(world["dept"]).count()
    services.update_agency(world["dept"], name=world["dept"].name)
    assert history.entries_for(world["dept"]).count() == before


def test_invalid_credit_code_is_refused_and_nothing_changes(world):
    with pytest.raises(ValidationError) as excinfo:
        services.update_agency(world["dept"], credit_code="91350100M000100Y44")
    assert "校验位" in str(excinfo.value)
    assert Agency.objects.get(code="dept").credit_code == world["dept"].credit_code


def test_moving_an_agency_moves_its_subtree(world):
    services.update_agency(world["dept"], parent=world["other"])
    assert Agency.objects.get(code="dept").path == "/other/dept/"
    assert Agency.objects.get(code="unit").path == "/other/dept/unit/"
    supervisor = world["people"][("gov", Role.SUPERVISING_OFFICE)].user
    assert not can(supervisor, Perm.VIEW_AGENCY, Agency.objects.get(code="unit"))


def test_an_agency_cannot_become_its_own_descendant(world):
    with pytest.raises(ValidationError):
        services.update_agency(world["dept"], parent=world["unit"])


def test_roles_change_is_recorded_and_grants_admin_access(world):
    person = world["people"][("dept", Role.STAFF)]
    services.set_roles(person, [Role.STAFF, Role.SECTION_HEAD])
    entry = history.entries_for(person).first()
    assert entry.data["changes"]["角色"] == [["业务人员"], ["业务人员", "科室负责人"]]
    assert person.user.has_perm("wagtailadmin.access_admin")
    services.set_roles(person, [])
    person.user = type(person.user).objects.get(pk=person.user.pk)
    assert not person.user.has_perm("wagtailadmin.access_admin")


def test_system_admin_role_sets_superuser(world):
    person = world["people"][("dept", Role.STAFF)]
    services.set_roles(person, [Role.SYSTEM_ADMIN])
    person.user.refresh_from_db()
    assert person.user.is_superuser
    services.set_roles(person, [Role.STAFF])
    person.user.refresh_from_db()
    assert not person.user.is_superuser


def test_duplicate_username_is_refused(world):
    with pytest.raises(ValidationError):
        services.create_person(agency=world["dept"], username="dept-staff", name="重名", roles=[Role.STAFF])


def test_history_page_shows_changes(client, world):
    office = world["people"][("dept", Role.DISCLOSURE_OFFICE)]
    client.force_login(office.user)
    response = client.post(
        "/admin/gongkai/agencies/dept/edit/",
        {
            "name": "甲区人力资源和社会保障局",
            "credit_code": world["dept"].credit_code,
            "kind": AgencyKind.DEPARTMENT,
        },
    )
    assert response.status_code == 302
    page = client.get("/admin/gongkai/agencies/dept/history/").content.decode()
    assert "甲区人社局" in page and "甲区人力资源和社会保障局" in page
    assert office.name in page or office.user.username in page


def test_edit_form_shows_validation_errors_in_chinese(client, world):
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    response = client.post(
        "/admin/gongkai/agencies/dept/edit/",
        {"name": "x", "credit_code": credit_code(2)[:-1] + "0", "kind": "department"},
    )
    assert response.status_code == 200
    assert "统一社会信用代码校验位不正确" in response.content.decode()


def test_office_adds_a_person_and_a_subordinate_unit(client, world):
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    response = client.post(
        "/admin/gongkai/agencies/dept/people/new/",
        {
            "username": "new-clerk",
            "name": "新同事",
            "password": "long-enough-pass",
            "roles": ["staff", "section_head"],
        },
    )
    assert response.status_code == 302
    person = world["dept"].people.get(user__username="new-clerk")
    assert person.roles == {Role.STAFF, Role.SECTION_HEAD}
    assert history.entries_for(person).exists()

    response = client.post(
        "/admin/gongkai/agencies/dept/new-child/",
        {"code": "dept-centre", "name": "甲区社保中心", "credit_code": credit_code(9), "kind": "other"},
    )
    assert response.status_code == 302
    assert Agency.objects.get(code="dept-centre").path == "/gov/dept/dept-centre/"

    response = client.post(
        "/admin/gongkai/agencies/dept/new-child/",
        {"code": "dept-centre", "name": "重复", "credit_code": credit_code(10), "kind": "other"},
    )
    assert response.status_code == 200
    assert "已存在" in response.content.decode()
