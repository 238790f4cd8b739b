"""The grant matrix: granter role × granted role × (self / own / subordinate / sibling / parent / other agency).

Every case goes through the staff admin's real pages (the roles form and 添加人员) and looks at the roles the
target holds afterwards. The expectations are written out by hand from DESIGN.md's rule (roles are granted
downward; nobody changes their own roles) and issue 14: only 系统管理员 grants 系统管理员; 主管部门 is granted by
系统管理员 or by a supervising office over the agency; 公开办 grants the other roles of its own agency.
"""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

from gongkai.agencies import services
from gongkai.agencies.models import Person
from gongkai.agencies.roles import Role

R = Role
# relation → the world's agency key, seen from a granter in `dept`
RELATIONS = {
    "own": "dept",
    "subordinate": "unit",
    "sibling": "sibling",
    "parent": "gov",
    "other": "other_dept",
}
SUPERVISED = {"own", "subordinate", "sibling", "parent"}  # dept's government's tree


def may_grant(granter: Role, granted: Role, relation: str) -> bool:
    if relation == "self":
        return False
    if granter == R.SYSTEM_ADMIN:
        return True
    if granter == R.SUPERVISING_OFFICE:
        return granted == R.SUPERVISING_OFFICE and relation in SUPERVISED
    if granter == R.DISCLOSURE_OFFICE:
        return granted not in (R.SYSTEM_ADMIN, R.SUPERVISING_OFFICE) and relation == "own"
    return False


def may_create(granter: Role, granted: Role, relation: str) -> bool:
    """添加人员 needs 维护机关信息与人员 (公开办 of the agency, 系统管理员) and a role the creator may grant."""
    if granter == R.SYSTEM_ADMIN:
        return True
    return granter == R.DISCLOSURE_OFFICE and relation == "own" and may_grant(granter, granted, relation)


def _roles_url(person: Person) -> str:
    return f"/admin/gongkai/agencies/{person.agency.code}/people/{person.pk}/roles/"


def _roles_of(person: Person) -> frozenset[Role]:
    return Person.objects.get(pk=person.pk).roles


@pytest.mark.parametrize("granter_role", list(Role), ids=[r.value for r in Role])
def test_grant_and_take_away(client, world, granter_role):
    granter = world["people"][("dept", granter_role)]
    client.force_login(granter.user)
    targets = {
        relation: services.create_person(agency=world[key], username=f"target-{key}", name="对象", roles=[])
        for relation, key in RELATIONS.items()
    }
    targets["self"] = granter
    failures = []
    for relation, target in targets.items():
        for granted in Role:
            for action in ("grant", "take away"):
                start = {granted} if action == "take away" else set()
                if relation == "self":
                    start |= {granter_role}
                services.set_roles(target, start)
                end = start - {granted} if action == "take away" else start | {granted}
                if end == start:
                    continue
                client.post(_roles_url(target), {"roles": [r.value for r in end]})
                changed = _roles_of(target) == frozenset(end)
                if changed != may_grant(granter_role, granted, relation):
                    failures.append(f"{action} {granted.label} → {relation}: changed={changed}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("granter_role", list(Role), ids=[r.value for r in Role])
def test_add_person_with_a_role(client, world, granter_role):
    client.force_login(world["people"][("dept", granter_role)].user)
    failures = []
    for relation, key in RELATIONS.items():
        agency = world[key]
        for granted in Role:
            username = f"new-{key}-{granted.value}".replace("_", "-")
            client.post(
                f"/admin/gongkai/agencies/{agency.code}/people/new/",
                {
                    "username": username,
                    "name": "新人员",
                    "password": "Zhang-San-2026!",
                    "roles": [granted.value],
                },
            )
            created = Person.objects.filter(user__username=username, agency=agency).first()
            ok = created is not None and created.roles == {granted}
            if ok != may_create(granter_role, granted, relation):
                failures.append(f"{granted.label} in {relation}: created={created is not None}")
    assert not failures, "\n".join(failures)


def test_a_grant_is_in_the_history_with_who_made_it(client, world):
    office = world["people"][("dept", R.DISCLOSURE_OFFICE)]
    target = world["people"][("dept", R.STAFF)]
    client.force_login(office.user)
    response = client.post(_roles_url(target), {"roles": [R.STAFF.value, R.SECTION_HEAD.value]})
    assert response.status_code == 302
    entry = ModelLogEntry.objects.for_instance(target).filter(action="wagtail.edit").latest("timestamp")
    assert entry.user_id == office.user_id
    assert entry.data["changes"]["角色"] == [["业务人员"], ["业务人员", "科室负责人"]]


def test_the_escalations_of_issue_14_are_refused(client, world):
    """公开办 making a 系统管理员 (a Django superuser), and giving itself 主管部门."""
    office = world["people"][("dept", R.DISCLOSURE_OFFICE)]
    client.force_login(office.user)
    response = client.post(
        "/admin/gongkai/agencies/dept/people/new/",
        {"username": "sneaky", "name": "冒充", "password": "Zhang-San-2026!", "roles": ["system_admin"]},
    )
    assert response.status_code == 200
    assert (
        "system_admin 不在可选范围" in response.content.decode() or "有效的选项" in response.content.decode()
    )
    assert not Person.objects.filter(user__username="sneaky").exists()
    response = client.post(_roles_url(office), {"roles": ["disclosure_office", "supervising_office"]})
    assert _roles_of(office) == {R.DISCLOSURE_OFFICE}
    assert response.status_code in (302, 403)
    staff = world["people"][("dept", R.STAFF)]
    client.post(_roles_url(staff), {"roles": ["staff", "system_admin"]})
    staff.user.refresh_from_db()
    assert not staff.user.is_superuser and _roles_of(staff) == {R.STAFF}


def test_the_roles_page_offers_only_what_may_be_granted(client, world):
    office = world["people"][("dept", R.DISCLOSURE_OFFICE)]
    target = world["people"][("dept", R.STAFF)]
    services.set_roles(target, {R.STAFF, R.SUPERVISING_OFFICE})
    client.force_login(office.user)
    page = client.get(_roles_url(target)).content.decode()
    assert 'value="section_head"' in page
    assert 'value="system_admin"' not in page and 'value="supervising_office"' not in page
    assert "保持不变" in page and "主管部门" in page
    # saving the form keeps the role it could not offer
    client.post(_roles_url(target), {"roles": ["staff", "section_head"]})
    assert _roles_of(target) == {R.STAFF, R.SECTION_HEAD, R.SUPERVISING_OFFICE}


def test_weak_passwords_are_refused_when_adding_a_person(client, world):
    client.force_login(world["people"][("dept", R.DISCLOSURE_OFFICE)].user)
    for weak in ("1234567890", "password123", "zhangsan01"):
        response = client.post(
            "/admin/gongkai/agencies/dept/people/new/",
            {"username": "zhangsan", "name": "张三", "password": weak, "roles": ["staff"]},
        )
        assert response.status_code == 200, weak
        assert not Person.objects.filter(user__username="zhangsan").exists(), weak
