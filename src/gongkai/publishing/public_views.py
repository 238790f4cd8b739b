"""The public side of an agency's 政府信息公开 column: its front page, the 公开目录 (browse by 第二十条 category,
topic, year and 有效性), the search and the column's RSS feed. The column's page (`DisclosureSectionPage`) routes its sub-views here and hands
itself in, with its items as querysets.

The column's own data (its page, URL, facet counts) comes from publishing/columns.py's cache; the catalogue's
totals are sums of the facet counts, and a search counts at most SEARCH_LIMIT matches (a query found in half of
100,000 items would otherwise count them all on every page).

Search is a substring match over each item's ``search_text`` (a lower-cased plain-text copy of its title,
document number, summary, body and attachments' text: publishing/attachment_text.py): Chinese has no spaces to
tokenise on, and a query such as 社会保障 must find every item containing it. Several words must all occur. The
index number is not in the search text (a letter of an agency's code would find every item); it matches as a
condition of its own, the whole number or its beginning with a year or number part (publishing/searching.index_number_lookup).
PostgreSQL serves the substring match from a pg_trgm GIN index, SQLite from an FTS5 trigram index for words of
three characters or more (shorter words are matched by reading the items, newest first, until a page is full).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.utils import create_namedtuple_class
from django.utils.functional import SimpleLazyObject, cached_property
from wagtail.models import Page

from . import columns, searching
from .choices import Article20, Topic, Validity
from .compiled import compile_query
from .text import fold

PER_PAGE = 20
ROW_FIELDS = ("title", "slug", "index_number", "summary", "formed_on", "published_on", "validity")
ORDERING = ("-published_on", "-index_seq")  # of every list: newest first


def published_items(section: Page) -> QuerySet:
    """The column's live items as catalogue rows (named tuples of ROW_FIELDS: lists need no page objects)."""
    return section.published_items().values_list(*ROW_FIELDS, named=True)


def _choice(value: str | None, choices) -> str:
    return value if value in dict(choices) else ""


def _year(value: str | None) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if 1990 <= year <= 2100 else None


class _CountedPaginator(Paginator):
    """A paginator told its total instead of counting the query."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def _page(request, queryset: QuerySet, count: int):
    paginator = _CountedPaginator(queryset, PER_PAGE, count)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def paginated(request, rows, count: int) -> dict:
    """The page of ``rows`` the request asks for (their total known: ``count``) and its pagination links."""
    page = _page(request, rows, count)
    return {"page": page, **_pagination(request, page)}


def _pagination(request, page) -> dict:
    """The links of a list's pagination: previous, next and numbered pages (the first, the last and two either
    side of the current one; None where pages are left out). Each link is the request's query with its page
    changed (the other parameters kept in their order, the page last)."""
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    kept = [(key, value) for key, values in request.GET.lists() if key != "page" for value in values]

    def with_page(number: int) -> str:
        return urlencode([*kept, ("page", number)] if number else kept)

    return {
        "prev_query": with_page(page.previous_page_number()) if page.has_previous() else "",
        "next_query": with_page(page.next_page_number()) if page.has_next() else "",
        "page_links": [(n, with_page(n)) if isinstance(n, int) else (None, "") for n in numbers],
    }


def section_links(section: Page, request) -> dict:
    """The column's sub-columns: 指南 (a live GuidePage child, if any; looked up only when a page shows it), 目录,
    search."""
    column = columns.column_of(request, section)
    section_url = column.url
    return {
        "breadcrumbs": [(column.home_url, "首页"), (section_url, section.title)],
        "section": section,
        "agency": section.agency,
        "section_url": section_url,
        "guide": SimpleLazyObject(
            lambda: section.get_children().live().filter(content_type__model="guidepage").first()
        ),
        "catalogue_url": section_url + section.reverse_subpage("catalogue"),
        "search_url": section_url + section.reverse_subpage("search"),
        "rss_url": section_url + section.reverse_subpage("rss"),
    }


def section_index(section: Page, request):
    context = section_links(section, request)
    context["latest"] = published_items(section).order_by(*ORDERING)[:10]
    context["categories"] = Article20.choices
    return section.render(request, context_overrides=context)


def catalogue(section: Page, request):
    context = section_links(section, request)
    category = _choice(request.GET.get("category"), Article20.choices)
    topic = _choice(request.GET.get("topic"), Topic.choices)
    year = _year(request.GET.get("year"))
    validity = _choice(request.GET.get("validity"), Validity.choices)
    counts = columns.facets(section)
    total = counts.total(category, topic, year, validity)
    chosen = {"category": category, "topic": topic, "year": year, "validity": validity}
    rows = _CatalogueRows(section, chosen) if total else []
    page = _page(request, rows, total)
    context.update(
        page=page,
        categories=Article20.choices,
        topics=Topic.choices,
        years=[(y, f"{y}年") for y in counts.years()],
        validities=Validity.choices,
        chosen=chosen,
        **_pagination(request, page),
    )
    return section.render(request, template="publishing/catalogue.html", context_overrides=context)


_STAND_INS = {  # in the compiled catalogue query, replaced by the request's values
    "agency": 987_654_321,
    "category": "CATALOGUE-CATEGORY",
    "topic": "CATALOGUE-TOPIC",
    "start": datetime.date(1901, 2, 3),
    "end": datetime.date(1901, 4, 5),
    "validity": "CATALOGUE-VALIDITY",
}


class _CatalogueRows:
    """The catalogue's rows for one choice of filters, newest first, as the paginator slices them: the query
    compiled once per process for each combination of filters (``_catalogue_query``), run with the request's
    values, a page's LIMIT and OFFSET. Building and compiling the query cost more than running it (0.6 ms
    against 0.2 ms on SQLite)."""

    def __init__(self, section: Page, chosen: dict):
        year = chosen["year"]
        self.section_type = type(section)
        self.values = {
            "agency": section.agency_id,
            **{name: chosen[name] for name in ("category", "topic", "validity")},
            "start": connection.ops.adapt_datefield_value(datetime.date(year, 1, 1)) if year else None,
            "end": connection.ops.adapt_datefield_value(datetime.date(year, 12, 31)) if year else None,
        }
        self.shape = tuple(bool(chosen[name]) for name in ("category", "topic", "year", "validity"))

    def __getitem__(self, window: slice) -> list:
        query, row = _catalogue_query(self.section_type, connection.vendor, self.shape)
        found = query.rows(self.values, " LIMIT %s OFFSET %s", (window.stop - window.start, window.start))
        return [row(*values) for values in found]


@functools.cache
def _catalogue_query(section_type: type, vendor: str, shape: tuple[bool, bool, bool, bool]):
    """The compiled query of a column's live items (``published_items``: of an unsaved section with a stand-in
    agency) as catalogue rows with the filters of ``shape`` (category, topic, year, validity), newest first, and
    the rows' named tuple."""
    category, topic, year, validity = shape
    items = section_type(agency_id=_STAND_INS["agency"]).published_items()
    if category:
        items = items.filter(category=_STAND_INS["category"])
    if topic:
        items = items.filter(topic=_STAND_INS["topic"])
    if year:
        items = items.filter(published_on__range=(_STAND_INS["start"], _STAND_INS["end"]))
    if validity:
        items = items.filter(validity=_STAND_INS["validity"])
    items = items.values_list(*ROW_FIELDS, named=True).order_by(*ORDERING)
    chosen = {"category": category, "topic": topic, "start": year, "end": year, "validity": validity}
    query = compile_query(
        items, _STAND_INS, expected={"agency", *(name for name, on in chosen.items() if on)}
    )
    if len(query.compiler.select) != len(ROW_FIELDS):
        raise RuntimeError("the catalogue query's columns are not the catalogue's rows")
    return query, create_namedtuple_class(*ROW_FIELDS)


def search_results(section: Page, query: str, first_page: int = 0) -> tuple[int, Sequence]:
    """Live items of the column whose text (attachments' text included) contains every word of ``query``, or
    whose index number is the query: how many (at most SEARCH_LIMIT + 1) and the rows, newest first, to be
    sliced (``first_page``: the first page's size when the request asks for it, publishing/searching.counted).
    Only items without view restrictions: a restricted item's text, or its attachments', must not be found by
    the public.

    On SQLite, words of three characters or more are looked up in the FTS5 trigram index (migration 0002),
    whose rows are then taken by their place in the page tree, not by agency, so that SQLite starts from the
    index's matches instead of walking the agency's items in date order (it keeps no statistics to tell which
    is smaller). When the matches are many, the walk in date order fills a page soonest and serves the rows.
    The substring filters stay the definition of a match throughout.
    """
    words = query.lower().split()
    numbered = searching.index_number_ids(
        query,
        lambda shape: _index_query(type(section), connection.vendor, shape),
        {"path": section.path + "%"},
    )
    indexed = [word for word in words if len(word) >= 3]
    by_index = bool(indexed) and searching.sqlite_index()
    key = f"search-count:{section.pk}:{query}"
    if not numbered and not by_index and getattr(section, "known_unrestricted", False):
        ordered, unordered, row = _search_queries(type(section), connection.vendor, len(words))
        values = {"agency": section.agency_id, **searching.word_values(words)}
        return searching.counted(searching.CompiledRows(ordered, unordered, values, row), key, first_page)
    walk = searching.QueryRows(_search_walk(section, words, numbered).order_by(*ORDERING))
    if not by_index:
        return searching.counted(walk, key, first_page)
    found_by_index = Q(pk__in=searching.indexed_matches(indexed)) | Q(pk__in=numbered)
    lookup = _public(section, section.live_items_below()).filter(found_by_index)
    lookup = lookup.values_list(*ROW_FIELDS, named=True)
    lookup = lookup.filter(searching.matching(words, numbered)).order_by(*ORDERING)
    found, rows = searching.counted(searching.QueryRows(lookup), key, first_page)
    return found, walk if found > searching.SEARCH_LIMIT else rows


@functools.cache
def _index_query(section_type: type, vendor: str, shape: str):
    """The column's index-number lookup (publishing/searching.index_number_lookup) compiled for ``shape``."""
    items = section_type(path="STAND-IN-PATH").live_items_below()
    ids = searching.index_number_lookup(items, searching.INDEX_STAND_IN, shape)
    return compile_query(ids, {"path": "STAND-IN-PATH%", **searching.index_number_stand_in(shape)})


def _search_walk(section: Page, words: list[str], numbered: list[int]) -> QuerySet:
    """The column's public live items that match, as catalogue rows, in no order."""
    items = _public(section, section.published_items()).filter(searching.matching(words, numbered))
    return items.values_list(*ROW_FIELDS, named=True)


@functools.cache
def _search_queries(section_type: type, vendor: str, count: int):
    """The column's search for ``count`` words compiled (publishing/searching.py), of a stand-in section without
    view restrictions: newest first, in no order (for counting), and the rows' named tuple."""
    words, stand_ins = searching.word_stand_ins(count)
    section = section_type(agency_id=_STAND_INS["agency"])
    section.known_unrestricted = True
    walk = _search_walk(section, words, [])
    stand_ins = {"agency": _STAND_INS["agency"], **stand_ins}
    return (
        compile_query(walk.order_by(*ORDERING), stand_ins),
        compile_query(walk.order_by(), stand_ins),
        create_namedtuple_class(*ROW_FIELDS),
    )


def _public(section: Page, items: QuerySet) -> QuerySet:
    """The ones of the column's ``items`` without a view restriction. None has one when the portal's shortcut has
    just found that no page in, above or below the column has (routing.py: ``known_unrestricted``)."""
    return items if getattr(section, "known_unrestricted", False) else columns.public(items)


def first_page_size(request) -> int:
    """PER_PAGE when the request asks for the first page of a list (no page, or page 1), else 0: what a search's
    count may read ahead (publishing/searching.counted)."""
    return PER_PAGE if (request.GET.get("page") or "1") == "1" else 0


def search(section: Page, request):
    context = section_links(section, request)
    query = fold(request.GET.get("q") or "")
    context["query"] = query
    if query:
        found, matches = search_results(section, query, first_page_size(request))
        page = _page(request, matches, min(found, searching.SEARCH_LIMIT))
        context.update(
            page=page,
            more_than_limit=found > searching.SEARCH_LIMIT,
            search_limit=searching.SEARCH_LIMIT,
            **_pagination(request, page),
        )
    return section.render(request, template="publishing/search.html", context_overrides=context)


FEED_ITEMS = 20


class ColumnFeed(Feed):
    """The column's RSS feed: its latest live items (title, link, 内容概述, publication date). Live items only, as
    in the catalogue: drafts, items in the sign-off chain and withheld items are never live."""

    def __init__(self, section: Page, section_url: str):
        super().__init__()
        self.section, self.section_url = section, section_url

    def title(self):
        return f"{self.section.agency.name}政府信息公开"

    def link(self):
        return self.section_url

    def description(self):
        return f"{self.section.agency.name}最新主动公开的政府信息"

    def items(self):
        return published_items(self.section).order_by(*ORDERING)[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return f"{self.section_url}{item.slug}/"

    def item_guid(self, item):
        return item.index_number

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.published_on, datetime.time()) if item.published_on else None


def feed(section: Page, request):
    section_url = columns.column_of(request, section).url
    return ColumnFeed(section, section_url)(request)
