"""The scoping matrix: role × (own / subordinate / sibling / other agency) × every staff URL and endpoint.

Expectations come from two explicit tables below — which roles hold a permission (`HOLDERS`) and
how far a role reaches (`REACH`) — written out by hand, not computed from the code under test.
Every staff URL the project registers must appear in `STAFF_URLS`: a new URL without a row
here fails `test_every_staff_url_is_in_the_matrix`.

Each app's tests add their rows in `tests/<app>/matrix_rows.py`, which may define `HOLDERS`,
`STAFF_URLS`, `UNSCOPED_STAFF_URLS`, `GLOBAL_STAFF_URLS`, `PUBLIC_API` (same shapes as here) and
`PLACEHOLDERS`: {name: function(agency) -> value} for the `{name}` fields of its URL templates
(e.g. the pk of an object of that agency, created on demand), and `POST_URLS`: (name, path template,
permission, form data) for the URLs that change state, tried with POST by every role on every target.
A role that neither holds a row's permission nor reaches beyond its own agency is tried at its own agencies only
(`_targets`).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.urls import get_resolver

from gongkai.agencies.roles import Role
from gongkai.api.v1 import api

R = Role
EVERY_ROLE = set(Role)
OFFICE_LEADERS_SUPERVISORS = {
    R.DISCLOSURE_OFFICE,
    R.SUPERVISING_OFFICE,
    R.SYSTEM_ADMIN,
    R.SECTION_HEAD,
    R.DIVISION_LEADER,
    R.PRINCIPAL_LEADER,
}

# Which roles may use the URL at all (in an agency they reach).
HOLDERS = {
    "agency.view": EVERY_ROLE,
    "agency.manage": {R.DISCLOSURE_OFFICE, R.SYSTEM_ADMIN},
    "people.view": OFFICE_LEADERS_SUPERVISORS,
    "people.grant": {R.DISCLOSURE_OFFICE, R.SUPERVISING_OFFICE, R.SYSTEM_ADMIN},
    "history.view": OFFICE_LEADERS_SUPERVISORS,
}

# How far each role reaches from its own agency: own, subordinate (below it), sibling (same
# government, other department), parent (its government, seen from a department), other (another
# government's agency). The supervising office sees its whole government's tree.
REACH = {
    R.SYSTEM_ADMIN: {"own": True, "subordinate": True, "sibling": True, "parent": True, "other": True},
    R.SUPERVISING_OFFICE: {"own": True, "subordinate": True, "sibling": True, "parent": True, "other": False},
}
OWN_ONLY = {"own": True, "subordinate": False, "sibling": False, "parent": False, "other": False}

# (URL name or API path, path template, permission)
STAFF_URLS = [
    ("agencies:detail", "/admin/gongkai/agencies/{code}/", "agency.view"),
    ("agencies:edit", "/admin/gongkai/agencies/{code}/edit/", "agency.manage"),
    ("agencies:history", "/admin/gongkai/agencies/{code}/history/", "history.view"),
    ("agencies:new_child", "/admin/gongkai/agencies/{code}/new-child/", "agency.manage"),
    ("agencies:person_new", "/admin/gongkai/agencies/{code}/people/new/", "agency.manage"),
    ("agencies:person_roles", "/admin/gongkai/agencies/{code}/people/{person}/roles/", "people.grant"),
    ("agencies:person_history", "/admin/gongkai/agencies/{code}/people/{person}/history/", "history.view"),
    ("/api/v1/agencies/{code}/people", "/api/v1/agencies/{code}/people", "people.view"),
]
# URLs every staff member may open whatever their agency; their content is scoped (tested below).
UNSCOPED_STAFF_URLS = {"agencies:index": "/admin/gongkai/agencies/", "/api/v1/me": "/api/v1/me"}
# Platform-wide staff URLs that belong to no agency: (name, path, roles allowed).
GLOBAL_STAFF_URLS = [
    ("workdays:index", "/admin/gongkai/calendar/", EVERY_ROLE),
    ("workdays:year", "/admin/gongkai/calendar/2024/", EVERY_ROLE),
    ("workdays:new", "/admin/gongkai/calendar/new/", {R.SYSTEM_ADMIN}),
    ("workdays:edit", "/admin/gongkai/calendar/2024/edit/", {R.SYSTEM_ADMIN}),
    ("workdays:import", "/admin/gongkai/calendar/import/", {R.SYSTEM_ADMIN}),
]
PUBLIC_API = {"/api/v1/agencies", "/api/v1/agencies/{code}"}
# The staff URLs of each app live in its namespace (its admin_urls module).
OUR_NAMESPACES = (
    "agencies",
    "workdays",
    "applications",
    "powers",
    "publishing",
    "reports",
    "portal",
    "workrecords",
)
PLACEHOLDERS = {}
POST_URLS = []


def _load_app_rows() -> None:
    for path in sorted(Path(__file__).parents[1].glob("*/matrix_rows.py")):
        spec = importlib.util.spec_from_file_location(f"matrix_rows_{path.parent.name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        HOLDERS.update(getattr(module, "HOLDERS", {}))
        STAFF_URLS.extend(getattr(module, "STAFF_URLS", []))
        UNSCOPED_STAFF_URLS.update(getattr(module, "UNSCOPED_STAFF_URLS", {}))
        GLOBAL_STAFF_URLS.extend(getattr(module, "GLOBAL_STAFF_URLS", []))
        PUBLIC_API.update(getattr(module, "PUBLIC_API", set()))
        placeholders = getattr(module, "PLACEHOLDERS", {})
        clash = PLACEHOLDERS.keys() & placeholders.keys()
        assert not clash, f"{path}: placeholder names already used by another app: {sorted(clash)}"
        PLACEHOLDERS.update(placeholders)
        POST_URLS.extend(getattr(module, "POST_URLS", []))


_load_app_rows()


def _url(template: str, agency, person) -> str:
    fields = {"code": agency.code, "person": person.pk}
    for name, make in PLACEHOLDERS.items():
        if "{" + name + "}" in template:
            fields[name] = make(agency)
    return template.format(**fields)


# (person's home, target agency key, relation)
TARGETS = [
    ("gov", "gov", "own"),
    ("gov", "dept", "subordinate"),
    ("gov", "other", "other"),
    ("gov", "other_dept", "other"),
    ("dept", "dept", "own"),
    ("dept", "unit", "subordinate"),
    ("dept", "sibling", "sibling"),
    ("dept", "gov", "parent"),
    ("dept", "other_dept", "other"),
]


OWN_TARGETS = [t for t in TARGETS if t[2] == "own"]


def _targets(role: Role, perm: str) -> list[tuple[str, str, str]]:
    """Every target for a role that holds the permission or reaches beyond its own agency; a role that reaches
    only its own agency and does not hold it is tried there only (its own agencies at both levels). Refused at
    home, it could only be let in elsewhere by a check against the wrong agency, which the holders' rows catch."""
    if role in HOLDERS[perm] or role in REACH:
        return TARGETS
    return OWN_TARGETS


def _expected(role: Role, perm: str, relation: str) -> bool:
    return role in HOLDERS[perm] and REACH.get(role, OWN_ONLY)[relation]


def _outcome(response) -> str:
    """Allowed is 200; denied is 403 (API), the Wagtail admin's redirect to its dashboard, or 404 for an object
    outside the user's reach (scoped before it is loaded, so it answers like a missing one)."""
    if response.status_code == 200:
        return "allowed"
    if response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == "/admin/"
    ):
        return "denied"
    return "unexpected"


def _target_person(world, target_key):
    agency = world[target_key]
    return next(p for (home, _), p in world["people"].items() if home == agency.code)


@pytest.mark.parametrize("name,template,perm", STAFF_URLS, ids=[u[0] for u in STAFF_URLS])
def test_matrix(client, world, name, template, perm):
    """Every role at every target it is tried at (`_targets`), in one test per URL: the URL's placeholder
    objects are made once for all roles (a GET changes no one's rights, nor the objects' existence)."""
    failures = []
    urls = {}
    for role in Role:
        logged_in = None
        for home, target_key, relation in _targets(role, perm):
            person = world["people"][(home, role)]
            if person != logged_in:  # one login per home agency
                client.force_login(person.user)
                logged_in = person
            if target_key not in urls:
                urls[target_key] = _url(template, world[target_key], _target_person(world, target_key))
            response = client.get(urls[target_key])
            got = _outcome(response)
            want = "allowed" if _expected(role, perm, relation) else "denied"
            if got != want:
                failures.append(
                    f"{role.value} {home}→{target_key} ({relation}): {got} ({response.status_code}), want {want}"
                )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name,template,perm,data", POST_URLS, ids=[u[0] for u in POST_URLS])
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_post_matrix(client, world, role, name, template, perm, data):
    """A POST outside the role's reach is refused like a GET; inside it, it is not refused."""
    failures = []
    for home, target_key, relation in _targets(role, perm):
        person = world["people"][(home, role)]
        client.force_login(person.user)
        url = _url(template, world[target_key], _target_person(world, target_key))
        response = client.post(url, data)
        refused = _outcome(response) == "denied"
        if refused == _expected(role, perm, relation):
            failures.append(f"{home}→{target_key} ({relation}): {response.status_code}, refused={refused}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "template", sorted({t for _, t, _ in STAFF_URLS} | set(UNSCOPED_STAFF_URLS.values()))
)
def test_anonymous_is_refused_every_staff_url(client, world, template):
    url = _url(template, world["dept"], world["people"][("dept", R.STAFF)])
    response = client.get(url)
    assert response.status_code in (302, 401)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]


def test_agency_index_lists_only_reached_agencies(client, world):
    cases = {
        ("dept", R.STAFF): {"dept"},
        ("dept", R.SUPERVISING_OFFICE): {"gov", "dept", "sibling", "unit"},
        ("gov", R.DISCLOSURE_OFFICE): {"gov"},
        ("gov", R.SYSTEM_ADMIN): {"gov", "dept", "sibling", "unit", "other", "other-dept"},
    }
    for key, want in cases.items():
        client.force_login(world["people"][key].user)
        response = client.get("/admin/gongkai/agencies/")
        assert response.status_code == 200
        shown = {a.code for a in response.context["agencies"]}
        assert shown == want, key


def test_every_staff_url_is_in_the_matrix():
    covered = (
        {name for name, _, _ in STAFF_URLS} | set(UNSCOPED_STAFF_URLS) | {n for n, _, _ in GLOBAL_STAFF_URLS}
    )
    namespaces = get_resolver().namespace_dict
    ours = {
        f"{namespace}:{name}"
        for namespace in OUR_NAMESPACES
        for name in namespaces[namespace][1].reverse_dict
        if isinstance(name, str)
    }
    assert ours - covered == set(), "staff URLs missing from the scoping matrix"
    api_paths = {p.removesuffix("/") for p in api.get_openapi_schema()["paths"]}
    assert api_paths - covered - PUBLIC_API == set(), "API endpoints missing from the scoping matrix"


def test_denied_post_changes_nothing(client, world):
    client.force_login(world["people"][("dept", R.DISCLOSURE_OFFICE)].user)
    response = client.post("/admin/gongkai/agencies/sibling/edit/", {"name": "被篡改", "kind": "department"})
    assert _outcome(response) == "denied"
    world["sibling"].refresh_from_db()
    assert world["sibling"].name == "甲区住建局"
