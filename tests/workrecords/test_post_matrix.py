"""The POST rows of tests/workrecords/matrix_rows.py, for every role against its own, a subordinate, a sibling, the
parent and another government's agency: holders are answered, everyone else is refused and nothing changes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from gongkai.agencies.roles import Role

_spec = importlib.util.spec_from_file_location(
    "matrix_rows_workrecords_posts", Path(__file__).with_name("matrix_rows.py")
)
rows = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rows)

REACH = {
    Role.SYSTEM_ADMIN: {"own", "subordinate", "sibling", "parent", "other"},
    Role.SUPERVISING_OFFICE: {"own", "subordinate", "sibling", "parent"},
}
TARGETS = [
    ("gov", "gov", "own"),
    ("gov", "other", "other"),
    ("dept", "dept", "own"),
    ("dept", "unit", "subordinate"),
    ("dept", "sibling", "sibling"),
    ("dept", "gov", "parent"),
    ("dept", "other_dept", "other"),
]


def _counts():
    from gongkai.workrecords.models import GroupMember, Inspection, Meeting, Rectification, WorkGroup

    return tuple(m.objects.count() for m in (WorkGroup, GroupMember, Meeting, Inspection, Rectification))


@pytest.mark.parametrize(
    "name,template,perm,data", rows.POST_URLS, ids=[f"{r[0]}-{r[1]}" for r in rows.POST_URLS]
)
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_post_matrix(client, world, role, name, template, perm, data):
    failures = []
    for home, target_key, relation in TARGETS:
        target = world[target_key]
        fields = {"code": target.code}
        for key, make in rows.PLACEHOLDERS.items():
            if "{" + key + "}" in template:
                fields[key] = make(target)
        url = template.format(**fields)
        client.force_login(world["people"][(home, role)].user)
        before = _counts()
        response = client.post(url, data)
        allowed = role in rows.HOLDERS[perm] and relation in REACH.get(role, {"own"})
        if allowed:
            ok = response.status_code == 200 or (
                response.status_code == 302 and response["Location"].startswith("/admin/gongkai/work/")
            )
        else:
            ok = response.status_code in (403, 404) or (
                response.status_code == 302 and response["Location"] == "/admin/"
            )
            ok = ok and _counts() == before
        if not ok:
            where = response.get("Location", "")
            failures.append(
                f"{home}→{target_key} ({relation}): {response.status_code} {where}, allowed={allowed}"
            )
    assert not failures, "\n".join(failures)
