"""Fixtures for the work records tests: people of `dept` by role, and a logged-in client per role."""

from __future__ import annotations

import pytest


@pytest.fixture
def login(client, world):
    """``login(role, home="dept")`` logs that role's person in and returns the client."""
    from gongkai.agencies.roles import Role

    def _login(role, home="dept"):
        client.force_login(world["people"][(home, Role(role))].user)
        return client

    return _login


def person(world, role, home="dept"):
    from gongkai.agencies.roles import Role

    return world["people"][(home, Role(role))]
