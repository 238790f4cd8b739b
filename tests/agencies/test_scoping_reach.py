"""`can` and `roles_reaching` decide from the loaded agency's path what `agency_filter` selects in the database: the
two forms of the rule agree for every person of the world, every permission and every agency (and a superuser
without a staff record, and a deactivated account)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from gongkai.agencies import scoping
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm

pytestmark = pytest.mark.django_db


def test_can_agrees_with_the_query_for_everyone_everywhere(world, django_assert_num_queries):
    users = [person.user for person in world["people"].values()]
    users.append(get_user_model().objects.create_superuser("root-reach", "root@example.com", "x"))
    inactive = world["people"][("gov", "supervising_office")].user
    inactive.is_active = False
    users.append(inactive)
    agencies = list(Agency.objects.all())
    checked = 0
    for user in users:
        reached = {perm: set(scoping.agencies_for(user, perm).values_list("pk", flat=True)) for perm in Perm}
        with django_assert_num_queries(0):  # the person, its roles and its government were read above
            for perm in Perm:
                for agency in agencies:
                    expected = agency.pk in reached[perm]
                    assert scoping.can(user, perm, agency) == expected, (user, perm, agency)
                    roles = scoping.roles_reaching(user, perm, agency)
                    assert bool(roles) == expected
                    checked += 1
        pair = (Perm.VIEW_AGENCY, Perm.HANDLE_APPLICATIONS)
        either = set(scoping.agencies_for(user, pair).values_list("pk", flat=True))
        assert {a.pk for a in agencies if scoping.can(user, pair, a)} == either
    assert checked == len(users) * len(Perm) * len(agencies)
