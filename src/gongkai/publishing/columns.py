"""What every public page of an agency's 政府信息公开 column needs about the column itself, kept in the portal cache.

Why: the section page, its agency, its URL and whether a view restriction applies change rarely, but each costs
Wagtail page and site queries on every request (about 1 ms each). A column where any page in or above it has a
view restriction (rare on a public disclosure column) is marked so, and its pages are left to Wagtail's routing.
The data is kept in the portal's shared cache, which is cleared whenever a page is published, unpublished or
deleted, an agency, a site or a view restriction changes (portal/page_cache.py), so a cached column is never
older than the pages it serves. The facet counts of the catalogue (items per 第二十条 category, topic, year and 有效性)
live there for the same reason: the catalogue's totals and year list are sums over them instead of a COUNT and a
MIN/MAX over every item.
"""

from __future__ import annotations

import copy
import hashlib
import secrets
import sys
from collections import Counter
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from wagtail.models import Page, PageViewRestriction

from gongkai.cache import PORTAL


@dataclass(frozen=True)
class Column:
    section: Page  # with its agency
    url: str
    home_url: str  # the portal's front page, above the column
    restricted: bool  # a Wagtail view restriction on the column, a page above it or a page in it


@dataclass(frozen=True)
class Facets:
    """Live items of a column counted by (category, topic, year of publication, validity)."""

    counts: dict[tuple[str, str, int | None, str], int]

    def total(self, category: str = "", topic: str = "", year: int | None = None, validity: str = "") -> int:
        return sum(
            n
            for (c, t, y, v), n in self.counts.items()
            if (not category or c == category)
            and (not topic or t == topic)
            and (not year or y == year)
            and (not validity or v == validity)
        )

    def years(self) -> list[int]:
        return sorted({y for (_, _, y, _) in self.counts if y is not None}, reverse=True)


def _cache():
    return caches[PORTAL]


def _keep(key: str, value) -> None:
    _cache().set(key, value, settings.PORTAL_CACHE_SECONDS)


def remembered(key: str, compute):
    """What is kept under ``key`` in the portal cache, computed and kept first when missing: for data that changes
    only with what is published (the cache is cleared then), such as how many items a search finds."""
    digest = f"remembered:{hashlib.sha256(key.encode()).hexdigest()}"
    found = _cache().get(digest)
    if found is None:
        found = compute()
        _keep(digest, found)
    return found


def public(items: QuerySet, restricted: tuple | None = None) -> QuerySet:
    """``items.public()`` (Wagtail: pages neither with nor below a view restriction) from the restricted pages'
    places in the tree (``restricted_places``, unless given)."""
    condition = Q()
    for path, depth in restricted_places() if restricted is None else restricted:
        condition |= Q(path__startswith=path) & Q(depth__gte=depth)
    return items.exclude(condition) if condition else items


def restricted_places() -> tuple:
    """The path and depth of every page with a view restriction, kept in the portal cache: Wagtail reads every
    view restriction with its page on each call of ``public()``, a query per search. The cache is cleared
    whenever a view restriction is saved or deleted, or a page is deleted or moved (portal/page_cache.py), so
    the places are never older than the tree they describe."""
    places = remembered(
        "restricted-pages", lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth"))
    )
    return tuple((path, depth) for path, depth in places)


def build(request, section: Page) -> Column:
    """The column of a section page (with its agency), as it is cached."""
    return Column(
        section=section,
        url=section.get_url(request),
        home_url=section.get_parent().get_url(request),
        restricted=section.get_view_restrictions().exists()
        or PageViewRestriction.objects.filter(page__path__startswith=section.path).exists(),
    )


def _column_key(request, code: str) -> str:
    return f"column:{request.get_host()}:{code}"


def cached(request, code: str) -> Column | None:
    """The cached column of the agency ``code`` as seen from this request's site, if there is one: kept in the
    process while the portal cache's generation lasts (``_local``; unpickling its page costs more than a copy),
    with a copy of the section page for each request, which routing marks as its own."""
    key = _column_key(request, code)
    column = _local(key, lambda: _cache().get(key))
    return None if column is None else replace(column, section=copy.copy(column.section))


def keep(request, code: str, column: Column) -> None:
    _keep(_column_key(request, code), column)


def column_of(request, section: Page) -> Column:
    """The cached column of a section page already in hand (its URL without a site query).

    A section that came out of a column (routing.py) carries it as `column`, and no second lookup is needed.
    """
    carried = getattr(section, "column", None)
    if isinstance(carried, Column):
        return carried
    column = cached(request, section.agency.code)
    if column is None or column.section.pk != section.pk:
        column = build(request, section)
        if section.live:
            keep(request, section.agency.code, column)
    return column


def facets(section: Page) -> Facets:
    """The column's facet counts: from this process's memory while the portal cache holds the same contents
    (``_local``), else from the portal cache, else counted."""
    return _local(f"facets:{section.pk}", lambda: _shared_facets(section))


def _shared_facets(section: Page) -> Facets:
    facets_key = f"facets-v2:{section.pk}"  # v2: with validity
    found = _cache().get(facets_key)
    if found is None:
        rows = (
            section.published_items()
            .values_list("category", "topic", ExtractYear("published_on"), "validity")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts: Counter = Counter()
        for (
            category,
            topic,
            year,
            validity,
            n,
        ) in rows:  # interned: each code pickled once, not per combination
            counts[(sys.intern(category), sys.intern(topic), year, sys.intern(validity))] += n
        found = Facets(dict(counts))
        _keep(facets_key, found)
    return found


_GENERATION = "generation"
_memo: dict = {}  # this process's copies of immutable values of the portal cache, of one generation


def _generation() -> str | None:
    """A token of the portal cache's present contents: made when missing, gone when the cache is cleared (on
    every publication: portal/page_cache.py) or when it expires like any entry."""
    token = _cache().get(_GENERATION)
    if token is None:
        _cache().add(_GENERATION, secrets.token_hex(8), settings.PORTAL_CACHE_SECONDS)
        token = _cache().get(_GENERATION)
    return token


def _local(key: str, compute):
    """What ``compute()`` gives, kept in this process as long as the portal cache's generation is the same.

    For values that are large to read back from the shared cache (a column's facet counts: a third of a
    millisecond to unpickle, on every catalogue page) and never changed once made. A value computed while the
    cache is being cleared is kept under a generation that is already gone, so it is never used."""
    token = _generation()
    if token is None:  # a cache that keeps nothing (or has just lost it): nothing to be sure of
        return compute()
    if _memo.get(_GENERATION) != token:
        _memo.clear()
        _memo[_GENERATION] = token
    found = _memo.get(key)
    if found is None:
        found = _memo[key] = compute()
    return found
