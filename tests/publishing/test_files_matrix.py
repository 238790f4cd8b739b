"""The scoping matrix for files: role × (own / subordinate / sibling / parent / other agency) × the document and
rendition URLs (rows in matrix_rows.FILE_URLS), with the expectations of tests/agencies/test_scoping_matrix.py.
A file no live page references is its agency's: allowed is 200, denied is 404, anonymous is 404."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from gongkai.agencies.roles import Role

from . import matrix_rows


def _matrix():
    path = Path(__file__).parents[1] / "agencies" / "test_scoping_matrix.py"
    spec = importlib.util.spec_from_file_location("scoping_matrix_for_files", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MATRIX = _matrix()


@pytest.fixture(autouse=True)
def _no_cached_renditions():
    """Wagtail keeps renditions in the default cache, which outlives each test's rolled-back rows."""
    from django.core.cache import caches

    caches["default"].clear()


@pytest.mark.parametrize(
    "name,template,perm", matrix_rows.FILE_URLS, ids=[u[0] for u in matrix_rows.FILE_URLS]
)
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_file_matrix(client, world, role, name, template, perm):
    failures = []
    for home, target_key, relation in MATRIX.TARGETS:
        client.force_login(world["people"][(home, role)].user)
        url = MATRIX._url(template, world[target_key], world["people"][(home, role)])
        status = client.get(url).status_code
        want = 200 if MATRIX._expected(role, perm, relation) else 404
        if status != want:
            failures.append(f"{home}→{target_key} ({relation}): {status}, want {want}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("template", [t for _, t, _ in matrix_rows.FILE_URLS])
def test_anonymous_gets_404(client, world, template):
    url = MATRIX._url(template, world["dept"], world["people"][("dept", Role.STAFF)])
    assert client.get(url).status_code == 404
