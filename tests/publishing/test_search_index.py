"""Search stays exact and in step with the items: edits and deletions are seen, any typed text is safe, and on
SQLite the trigram index (migration 0002) is what finds the long words."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.publishing.demo import bulk
from gongkai.publishing.models import InformationItemPage
from gongkai.publishing.public_views import search_results
from gongkai.publishing.searching import SEARCH_LIMIT, SQLITE_INDEX

ROWS = [
    dict(
        title="养老保险待遇调整",
        formed_on=date(2025, 3, 3),
        category="livelihood",
        summary="调整。",
        body="<p>甲</p>",
    ),
    dict(
        title="工伤认定办法", formed_on=date(2025, 4, 3), category="rules", summary="办法。", body="<p>乙</p>"
    ),
    dict(
        title="部门预算",
        formed_on=date(2024, 2, 1),
        category="budget",
        summary="预算。",
        body="<p>社会保障资金</p>",
    ),
]


@pytest.fixture
def column(portal):
    bulk.create_items(portal["dept"], ROWS)
    bulk.create_items(portal["sibling"], [dict(ROWS[0], title="住建局的养老保险信息")])
    return portal["dept"]


def _titles(section, query: str) -> list[str]:
    found, rows = search_results(section, query)
    titles = [row.title for row in rows[:SEARCH_LIMIT]]
    assert found == len(titles)
    return titles


@pytest.mark.parametrize(
    "query,expected",
    [
        ("养老保险", ["养老保险待遇调整"]),
        ("社会保障 预算", ["部门预算"]),  # one indexed word, one short word
        ("保险 调整", ["养老保险待遇调整"]),  # short words only
        ("工伤认定办法", ["工伤认定办法"]),
        ("认定办", ["工伤认定办法"]),
        ("养老保险 预算", []),
    ],
)
def test_long_and_short_words(column, query, expected):
    assert _titles(column, query) == expected


def test_search_follows_edits_and_deletions(column):
    item = InformationItemPage.objects.get(title="工伤认定办法")
    item.body = "<p>新增职业康复条款</p>"
    item.save_revision().publish()
    assert _titles(column, "职业康复") == ["工伤认定办法"]
    assert _titles(column, "乙") == []
    item.delete()
    assert _titles(column, "职业康复") == []
    assert _titles(column, "工伤认定") == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.sampled_from("养老保险社会障\"*()^:-+ ANDORNEAR'%_\\"), max_size=20))
def test_any_typed_text_is_a_literal_search(column, query):
    words = query.lower().split()
    expected = sorted(
        item.title
        for item in InformationItemPage.objects.filter(agency=column.agency, live=True)
        if all(word in item.search_text for word in words)
    )
    assert sorted(_titles(column, query)) == expected


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the trigram index is SQLite's; PostgreSQL uses pg_trgm"
)
@pytest.mark.skipif(
    sqlite3.sqlite_version_info < (3, 34), reason="SQLite before 3.34 has no trigram tokenizer"
)
def test_sqlite_index_and_its_triggers_exist_after_every_migration(db):
    with connection.cursor() as cursor:
        names = {
            name
            for (name,) in cursor.execute(
                "SELECT name FROM sqlite_master WHERE name LIKE %s", [f"{SQLITE_INDEX}%"]
            ).fetchall()
        }
    assert {
        SQLITE_INDEX,
        f"{SQLITE_INDEX}_insert",
        f"{SQLITE_INDEX}_delete",
        f"{SQLITE_INDEX}_update",
    } <= names
