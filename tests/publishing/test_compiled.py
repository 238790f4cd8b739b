"""publishing/compiled.py: a query compiled once with stand-ins answers as the queryset itself would, for
every request's values, and refuses to compile when a stand-in is not where its caller expects it."""

import pytest

from gongkai.agencies.models import Agency
from gongkai.publishing.compiled import compile_query

STAND_INS = {"path": "STAND-IN-PATH%", "id": 987_654_321, "code": "stand-in-code"}


def agencies(path: str, least_id: int, code: str):
    return Agency.objects.filter(path__startswith=path, pk__gte=least_id).exclude(code=code).order_by("pk")


def test_a_compiled_query_answers_as_its_queryset_for_every_value(world):
    query = compile_query(
        agencies("STAND-IN-PATH", STAND_INS["id"], STAND_INS["code"]).values_list("pk", "code", "name"),
        STAND_INS,
    )
    cases = [(a.path, a.pk, other.code) for a in Agency.objects.all() for other in Agency.objects.all()]
    assert len(cases) > 4
    for path, least_id, code in cases:
        rows = query.rows({"path": path + "%", "id": least_id, "code": code})
        assert [tuple(row) for row in rows] == list(
            agencies(path, least_id, code).values_list("pk", "code", "name")
        )


def test_a_suffix_and_its_parameters_follow_the_query(world):
    query = compile_query(
        agencies("STAND-IN-PATH", STAND_INS["id"], STAND_INS["code"]).values_list("pk"), STAND_INS
    )
    everything = [row[0] for row in query.rows({"path": "/%", "id": 0, "code": "-"})]
    assert len(everything) > 2
    assert [
        row[0] for row in query.rows({"path": "/%", "id": 0, "code": "-"}, " LIMIT %s OFFSET %s", (2, 1))
    ] == (everything[1:3])


@pytest.mark.parametrize("missing", sorted(STAND_INS))
def test_a_stand_in_that_is_not_in_the_query_is_refused(world, missing):
    values = {**STAND_INS, missing: {"path": "elsewhere%", "id": 123, "code": "other"}[missing]}
    queryset = agencies(values["path"].removesuffix("%"), values["id"], values["code"])
    with pytest.raises(RuntimeError, match=missing):
        compile_query(queryset, STAND_INS)
    compile_query(queryset, STAND_INS, expected=set(STAND_INS) - {missing})
