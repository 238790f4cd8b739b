"""schemathesis against /api/v1/openapi.json: generated requests, in-process through the WSGI application.

The schema is the one /api/v1/openapi.json serves (`api.get_openapi_schema()`). Every operation is called with data generated from the schema (and data that breaks it); every answer must be no
5xx, a declared status code, a declared content type and a body of the declared shape. Examples are bounded so the
test takes seconds; the limits of submissions and lookups are reset before each call so generation reaches the
checks behind them instead of meeting 429 after the fifth call. `positive_data_acceptance` is left out: data of
the right shape may still be refused with 422 by the law's rules (a resident ID's check digit, a credit code),
which the schema cannot state.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from gongkai.agencies.roles import Role
from gongkai.api.v1 import api

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _connection_kept_open():
    """Like Django's test client, keep the database connection (the test's transaction) open across requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@EXAMPLES
def test_anonymous_calls_answer_as_declared(case, world):
    cache.clear()
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])


@schema.include(tag="staff").parametrize()
@EXAMPLES
def test_staff_calls_answer_as_declared(case, world, client):
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    cache.clear()
    # The session is sent beside what schemathesis generates, so its authentication checks do not apply here
    # (the anonymous test above sees every staff operation refuse without a session).
    case.call_and_validate(
        cookies={"sessionid": client.cookies["sessionid"].value},
        excluded_checks=[
            schemathesis.checks.positive_data_acceptance,
            schemathesis.checks.negative_data_rejection,
            schemathesis.checks.ignored_auth,
        ],
    )
