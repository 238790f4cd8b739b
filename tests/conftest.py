"""Shared fixtures: a small world of agencies and one person per role.

Django is imported inside the fixtures so that the pure tests (tests/core) also run without it.
"""

from __future__ import annotations

import pytest

from support import PASSWORD, credit_code


@pytest.fixture
def world(db):
    """Two governments, each with departments; a unit below one department; one person per role.

    People sit in `gov` (the government) and in `dept` (a department of it), so every role can be
    tried against its own agency, a subordinate one and another government's.
    """
    from gongkai.agencies.models import AgencyKind
    from gongkai.agencies.roles import Role
    from gongkai.agencies.services import create_agency, create_person

    gov = create_agency(
        code="gov", name="甲区人民政府", credit_code=credit_code(1), kind=AgencyKind.GOVERNMENT
    )
    dept = create_agency(
        code="dept", name="甲区人社局", credit_code=credit_code(2), kind=AgencyKind.DEPARTMENT, parent=gov
    )
    sibling = create_agency(
        code="sibling", name="甲区住建局", credit_code=credit_code(3), kind=AgencyKind.DEPARTMENT, parent=gov
    )
    unit = create_agency(
        code="unit", name="甲区就业服务中心", credit_code=credit_code(4), kind=AgencyKind.OTHER, parent=dept
    )
    other = create_agency(
        code="other", name="乙区人民政府", credit_code=credit_code(5), kind=AgencyKind.GOVERNMENT
    )
    other_dept = create_agency(
        code="other-dept",
        name="乙区人社局",
        credit_code=credit_code(6),
        kind=AgencyKind.DEPARTMENT,
        parent=other,
    )
    people = {}
    for home in (gov, dept):
        for role in Role:
            people[(home.code, role)] = create_person(
                agency=home,
                username=f"{home.code}-{role.value}",
                name=f"{home.code}{role.label}",
                roles=[role],
                password=PASSWORD,
            )
    for target in (sibling, unit, other, other_dept):
        people[(target.code, "member")] = create_person(
            agency=target,
            username=f"{target.code}-member",
            name=f"{target.code}成员",
            roles=[Role.STAFF],
            password=PASSWORD,
        )
    return {
        "gov": gov,
        "dept": dept,
        "sibling": sibling,
        "unit": unit,
        "other": other,
        "other_dept": other_dept,
        "people": people,
    }


@pytest.fixture(autouse=True)
def _test_settings(request, tmp_path_factory):
    """Fast password hashing, uploads into a temporary directory instead of var/media, an empty page cache."""
    if request.config.pluginmanager.hasplugin("django"):
        settings = request.getfixturevalue("settings")
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
        # each test process has caches of its own (those under var/ are shared by processes); each test starts
        # with an empty page cache
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "default-tests",
            },
            "portal": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "portal-tests",
            },
        }
        from django.core.cache import caches

        caches["portal"].clear()
        # background tasks run at once, inside the test's transaction
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
