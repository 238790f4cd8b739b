"""The searches' SQL compiled once per shape (publishing/searching.py: CompiledRows) finds, counts and orders
exactly what the searches' querysets do (QueryRows), for any typed text, every filter and every page, in the
column's search and in the portal's search."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gongkai.publishing import columns, public_views, searching, site_search
from gongkai.publishing.demo import bulk
from gongkai.publishing.searching import CompiledRows, QueryRows

TEXT = "养老保险社会障\"*()^:-+ ANDOR'%_\\〔〕号1"
ROWS = [
    dict(
        title=title,
        formed_on=date(2025, 1 + i % 12, 1 + i % 27),
        published_on=date(2025, 1 + i % 12, 1 + i % 27),
        category="livelihood",
        document_number=f"甲人社发〔2025〕{i}号",
        summary=summary,
        body=f"<p>{summary}</p>",
    )
    for i, (title, summary) in enumerate(
        [
            ("养老保险待遇调整", "社会保障 100%"),
            ("养老保险_说明", "保险 A_B"),
            ("社会保障\\卡", "养老 'OR' 保障"),
            ("保险(一)", "社会*保险"),
        ]
        * 7
    )
]


@pytest.fixture
def columns_with_items(portal):
    bulk.create_items(portal["dept"], ROWS)
    bulk.create_items(portal["sibling"], ROWS[:9])
    return portal


def _all(rows, found: int) -> list:
    return [tuple(row) for row in rows[: min(found, searching.SEARCH_LIMIT)]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.sampled_from(TEXT), min_size=1, max_size=12))
@example(query="%")
@example(query="_")
@example(query="\\")
@example(query="保险 %")
def test_the_columns_compiled_search_is_its_queryset(columns_with_items, query):
    section = columns_with_items["dept"]
    compiled_section = type(section).objects.get(pk=section.pk)
    compiled_section.known_unrestricted = True
    for first_page in (0, public_views.PER_PAGE):
        columns._cache().clear()
        found, rows = public_views.search_results(section, query, first_page)
        columns._cache().clear()
        compiled_found, compiled_rows = public_views.search_results(compiled_section, query, first_page)
        assert (compiled_found, _all(compiled_rows, compiled_found)) == (found, _all(rows, found))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.text(alphabet=st.sampled_from(TEXT), max_size=12),
    number=st.sampled_from(["", "〔2025〕1", "%", "_", "\\"]),
    start=st.sampled_from([None, date(2025, 3, 1)]),
    end=st.sampled_from([None, date(2025, 9, 30)]),
    agency=st.booleans(),
    publisher=st.sampled_from(["", "人社", "甲区住建局", "%", "_"]),
)
@example(query="%", number="", start=None, end=None, agency=False, publisher="%")
@example(query="保险 _", number="%", start=None, end=None, agency=True, publisher="")
@example(query="", number="\\", start=date(2025, 3, 1), end=None, agency=False, publisher="人社")
def test_the_portals_compiled_search_is_its_queryset(
    columns_with_items, query, number, start, end, agency, publisher
):
    agency_id = columns_with_items["dept"].agency_id if agency else None
    rows = site_search.matches(query, agency_id, number, start, end, publisher)
    words = site_search.fold(query).split()
    items = site_search._items(
        words, [], False, (), agency_id, site_search.fold(number), start, end, publisher
    )
    expected = QueryRows(items.order_by(*site_search.ORDERING))
    by_index = any(len(word) >= 3 for word in words) and searching.sqlite_index()
    assert isinstance(rows, QueryRows if by_index else CompiledRows)
    total = expected.count_upto(searching.SEARCH_LIMIT + 1)
    assert rows.count_upto(searching.SEARCH_LIMIT + 1) == total
    assert _all(rows, total) == _all(expected, total)
    for start_at in (0, 5, 20):
        assert [tuple(r) for r in rows[start_at : start_at + 5]] == [
            tuple(r) for r in expected[start_at : start_at + 5]
        ]


def test_the_usual_shapes_are_compiled(columns_with_items):
    """The column's search through the portal's routing, and the portal's search, take the compiled path."""
    section = columns_with_items["dept"]
    section.known_unrestricted = True
    assert isinstance(public_views.search_results(section, "社会 保障")[1], CompiledRows)
    assert isinstance(site_search.matches("保", None, "〔2025〕", date(2025, 1, 1), None), CompiledRows)


INDEX_QUERIES = {  # query → how many the column (dept) and the portal find
    "dept/2025-00001": (1, 1),
    "DEPT/2025-00003": (1, 1),
    "dept/2025": (28, 28),
    "sibling/2025-0000": (0, 9),
    "Sibling/2025-00009": (0, 1),
    "dept/2025-0000%": (0, 0),
    "dept/2025_00001": (0, 0),
    "%/2025": (0, 0),
    "dept\\2025-00001": (0, 0),
    "2025-00001": (0, 0),
    "dept/2024": (0, 0),
    "dept 2025": (0, 0),
    "dept": (0, 0),
}


@pytest.mark.parametrize("query,found", INDEX_QUERIES.items())
def test_the_compiled_index_number_lookups_are_their_querysets(columns_with_items, query, found):
    from gongkai.publishing.models import InformationItemPage

    section = columns_with_items["dept"]
    column = searching.index_number_ids(
        query,
        lambda shape: public_views._index_query(type(section), "test", shape),
        {"path": section.path + "%"},
    )
    portal = searching.index_number_ids(query, lambda shape: site_search._index_query("test", shape, ()))
    assert (len(column), len(portal)) == found
    shape = searching.index_number_shape(query)
    if shape:
        assert column == list(searching.index_number_lookup(section.live_items_below(), query, shape))
        items = InformationItemPage.objects.live()
        assert portal == list(searching.index_number_lookup(items, query, shape))
