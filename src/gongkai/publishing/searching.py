"""What the portal's two searches share: the match (``matching``, ``index_number_lookup``, SQLite's trigram index),
the count (``counted``) and where a page of results is read from.

A search has few shapes (how many words, which filters, which restricted pages to exclude), and building and
compiling its queryset with the ORM costs about as much as PostgreSQL takes to run it (≈ 2 ms a request for a
column's search at 100,000 items). The index-number lookup, and the search itself in its usual shape (no query
matched by index number, no SQLite trigram lookup; for a column, no view restriction in or around it), are
therefore compiled once per shape (publishing/compiled.py) and run with the request's values (``CompiledRows``);
otherwise the queryset itself is run (``QueryRows``). Both come from the same queryset builder, so a match has one
definition; tests hold the two to the same rows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from django.db import connection
from django.db.models import Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Upper

from . import columns
from .compiled import CompiledQuery

SEARCH_LIMIT = 1000
SQLITE_INDEX = "publishing_item_search"


class QueryRows:
    """A search's rows (newest first) read through its queryset."""

    def __init__(self, queryset: QuerySet):
        self.queryset = queryset

    def __getitem__(self, window: slice) -> list:
        return list(self.queryset[window])

    def count_upto(self, limit: int) -> int:
        """How many rows there are, at most ``limit``: counted without their order (``counted``)."""
        return self.queryset.order_by()[:limit].count()


class CompiledRows:
    """A search's rows read through its SQL compiled once per shape: ``ordered`` (newest first) for the rows,
    ``unordered`` for the count, each run with the request's ``values``; ``row`` makes a result of a row."""

    def __init__(self, ordered: CompiledQuery, unordered: CompiledQuery, values: dict, row: Callable):
        self.ordered, self.unordered, self.values, self.row = ordered, unordered, values, row

    def __getitem__(self, window: slice) -> list:
        start = window.start or 0
        if window.stop <= start:
            return []
        found = self.ordered.rows(self.values, " LIMIT %s OFFSET %s", (window.stop - start, start))
        return [self.row(*values) for values in found]

    def count_upto(self, limit: int) -> int:
        return self.unordered.count(self.values, limit)


def word_stand_ins(count: int) -> tuple[list[str], dict[str, str]]:
    """Stand-in words for compiling a search of ``count`` words, and the parameters they become (``contains``
    compiles a word into a LIKE pattern)."""
    words = [f"SEARCH-WORD-{i}" for i in range(count)]
    return words, {f"word{i}": f"%{word}%" for i, word in enumerate(words)}


def word_values(words: list[str]) -> dict[str, str]:
    """The request's words as the parameters of ``word_stand_ins``: escaped as Django's ``contains`` does."""
    return {f"word{i}": f"%{connection.ops.prep_for_like_query(word)}%" for i, word in enumerate(words)}


def counted(rows, key: str, first_page: int = 0) -> tuple[int, Sequence]:
    """How many ``rows`` (QueryRows or CompiledRows) there are, at most SEARCH_LIMIT + 1, kept in the portal cache
    under ``key`` (what was searched, and where) until the next publication, so that the next pages of a search
    need no count; and the rows to paginate.

    When the count is not kept yet and the request asks for the first page (``first_page``: its size), that page
    is read first, with one row more: a search found in fewer items than a page shows, as most searches for a
    name, a number or a phrase are, is counted by it with no count query, and its page is served from the rows
    read. Otherwise counted without their order: any SEARCH_LIMIT + 1 of them tell as much, and PostgreSQL then
    reads the items in whatever order is cheapest instead of walking the date index with a read of the item for
    each step (a word found in a tenth of the items: 35 ms instead of 100 ms at 100,000 items)."""
    read: list[list] = []

    def count() -> int:
        if first_page:
            read.append(rows[: first_page + 1])
            if len(read[0]) <= first_page:
                return min(len(read[0]), SEARCH_LIMIT + 1)
        return rows.count_upto(SEARCH_LIMIT + 1)

    found = columns.remembered(key, count)
    return found, _ReadAhead(rows, read[0], first_page) if read else rows


class _ReadAhead:
    """Rows whose first ones were read already (``head``): a slice within them (any slice when the head is no
    longer than a page, so that it is the whole result) comes from what was read, any other from ``rows``."""

    def __init__(self, rows, head: list, page_size: int):
        self.rows, self.head, self.whole = rows, head, len(head) <= page_size

    def __getitem__(self, window: slice):
        if self.whole or (not window.start and window.stop is not None and window.stop <= len(self.head)):
            return self.head[window]
        return self.rows[window]


def indexed_matches(words: list[str]) -> RawSQL:
    """The ids of the items whose text has every word (of three characters or more) by SQLite's FTS5 trigram
    index; only where ``sqlite_index()``."""
    phrase = " AND ".join('"' + word.replace('"', '""') + '"' for word in words)
    return RawSQL(f"SELECT rowid FROM {SQLITE_INDEX} WHERE {SQLITE_INDEX} MATCH %s", [phrase])


def sqlite_index() -> bool:
    return _sqlite_index()


@functools.cache
def _sqlite_index() -> bool:
    """Whether the database is SQLite with the trigram index (migration 0002 skips it before SQLite 3.34)."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [SQLITE_INDEX])
        return cursor.fetchone() is not None


def matching(words: list[str], numbered: list[int]) -> Q:
    """The condition of a match: the search text contains every word, or the item is one of ``numbered`` (found
    by its index number)."""
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return condition | Q(pk__in=numbered) if numbered else condition


_INDEX_PREFIX = re.compile(r"\S*[-/.]\S*[0-9]\S*")
INDEX_STAND_IN = "SEARCH-INDEX-NUMBER"  # the query, in a compiled index-number lookup


def index_number_ids(
    query: str, compiled: Callable[[str], CompiledQuery], values: dict | None = None
) -> list[int]:
    """The ids of the items found by their index number for ``query``: ``compiled(shape)`` is the caller's
    ``index_number_lookup`` compiled for the query's shape, run with its ``values`` and the query's."""
    query = query.strip()
    shape = index_number_shape(query)
    if shape is None:
        return []
    return [pk for (pk,) in compiled(shape).rows({**(values or {}), **index_number_value(query, shape)})]


def index_number_shape(query: str) -> str | None:
    """How ``query`` (stripped) is looked up among the index numbers: "prefix", "exact", or None (it cannot be
    one)."""
    if " " in query or not any(c.isdigit() for c in query):
        return None
    return "prefix" if _INDEX_PREFIX.fullmatch(query) else "exact"


def index_number_lookup(items: QuerySet, query: str, shape: str) -> QuerySet:
    """The ids of the live ones of ``items`` whose index number is ``query`` (in any case) or, for a query of
    the "prefix" shape (a separator followed by a digit: "dept/2025", "dept/2025-000"), begins with it; at most
    SEARCH_LIMIT + 1. An agency's code or a letter alone matches nothing here: it would be in every index number
    of the agency. Every index number has its year (the agency's rule must have it), so a query without a digit
    is looked up nowhere (``index_number_shape``)."""
    items = items.filter(live=True)
    if shape == "prefix":
        items = items.filter(index_number__istartswith=query)
    else:
        # UPPER on both sides, as the index is (publishing_item_index_upper): SQLite answers iexact with LIKE,
        # which reads every item
        items = items.alias(upper_index=Upper("index_number")).filter(upper_index=Upper(Value(query)))
    return items.values_list("pk", flat=True)[: SEARCH_LIMIT + 1]


def index_number_stand_in(shape: str) -> dict[str, str]:
    """The parameter ``INDEX_STAND_IN`` becomes in a compiled ``index_number_lookup`` of ``shape``."""
    return {"index": INDEX_STAND_IN + "%" if shape == "prefix" else INDEX_STAND_IN}


def index_number_value(query: str, shape: str) -> dict[str, str]:
    """The request's ``query`` (stripped) as the parameter of ``index_number_stand_in``."""
    return {"index": connection.ops.prep_for_like_query(query) + "%" if shape == "prefix" else query}
