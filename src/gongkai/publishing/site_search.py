"""The portal's one search across every agency's column (/search/): live, public items whose text contains every
word of the query, filtered by 发布机构 (the agency), 文号 and a range of publication dates, newest first, each
with a snippet around the first match.

The match is the columns' substring match (public_views: Chinese has no spaces to tokenise on) over the items'
lower-cased ``search_text``, attachments' text included (publishing/attachment_text.py); the query is folded first
(NFKC: full-width ＡＢＣ and １２３ become abc and 123, as the stored text has them; traditional characters become
simplified, 社會保障 → 社会保障). The index number is not in the search text: it matches as a whole, or by its
beginning with a year or number part (searching.index_number_lookup), so a letter of an agency's code finds
nothing. At most SEARCH_LIMIT matches are counted. A match found only in an attachment is shown with the
attachment's name (附件：…).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.utils import create_namedtuple_class
from wagtail.models import Site

from gongkai.cache import PORTAL

from . import attachment_text, columns, searching
from .compiled import compile_query
from .models import InformationItemPage
from .searching import counted, indexed_matches, matching, sqlite_index
from .text import fold

SNIPPET_CHARS = 90
ORDERING = ("-published_on", "-index_seq", "-pk")
"""Newest first; the id last, since items of different agencies can share a date and a sequence number: without it
their order, and so what each page shows, would be the database's choice."""
FIELDS = (
    "pk",
    "title",
    "url_path",
    "index_number",
    "document_number",
    "published_on",
    "summary",
    "body",
    "agency__name",
)


def matches(
    query: str,
    agency_id: int | None = None,
    number: str = "",
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    publisher: str = "",
):
    """Live, public items of any agency containing every word of ``query`` (folded), with the filters (the agency,
    or ``publisher``: words of the agency's name), newest first, as rows of FIELDS to be sliced
    (publishing/searching.py: QueryRows, or CompiledRows in the usual shape)."""
    folded, number, publisher = fold(query), fold(number), publisher.strip()
    words = folded.split()
    restricted = columns.restricted_places()
    numbered = searching.index_number_ids(
        folded, lambda shape: _index_query(connection.vendor, shape, restricted)
    )
    by_index = bool([word for word in words if len(word) >= 3]) and sqlite_index()
    if numbered or by_index:
        items = _items(words, numbered, by_index, restricted, agency_id, number, start, end, publisher)
        return searching.QueryRows(items.order_by(*ORDERING))
    shape = (bool(agency_id), bool(number.strip()), bool(start), bool(end), bool(publisher))
    ordered, unordered, row = _queries(connection.vendor, len(words), shape, restricted)
    values = {
        **searching.word_values(words),
        "agency": agency_id,
        "number": f"%{connection.ops.prep_for_like_query(number)}%",
        "start": connection.ops.adapt_datefield_value(start),
        "end": connection.ops.adapt_datefield_value(end),
        "publisher": f"%{connection.ops.prep_for_like_query(publisher)}%",
    }
    return searching.CompiledRows(ordered, unordered, values, row)


@functools.lru_cache(maxsize=128)
def _index_query(vendor: str, shape: str, restricted: tuple):
    """The portal's index-number lookup (publishing/searching.index_number_lookup) compiled for ``shape``."""
    items = columns.public(InformationItemPage.objects.live(), restricted)
    ids = searching.index_number_lookup(items, searching.INDEX_STAND_IN, shape)
    return compile_query(ids, searching.index_number_stand_in(shape))


def _items(words, numbered, by_index, restricted, agency_id, number, start, end, publisher="") -> QuerySet:
    """The matches of ``matches`` as rows of FIELDS, in no order (``number`` folded)."""
    items = columns.public(InformationItemPage.objects.live(), restricted)
    if words or numbered:
        items = items.filter(matching(words, numbered))
    if by_index:  # SQLite: start from the trigram index's matches (public_views)
        indexed = [word for word in words if len(word) >= 3]
        items = items.filter(Q(pk__in=indexed_matches(indexed)) | Q(pk__in=numbered))
    if agency_id:
        items = items.filter(agency_id=agency_id)
    if number.strip():
        items = items.filter(document_number__icontains=number)
    if start:
        items = items.filter(published_on__gte=start)
    if end:
        items = items.filter(published_on__lte=end)
    if publisher:
        items = items.filter(agency__name__icontains=publisher)
    return items.values_list(*FIELDS, named=True)


_STAND_INS = {
    "agency": 987_654_321,
    "number": "%SEARCH-NUMBER%",
    "start": datetime.date(1901, 2, 3),
    "end": datetime.date(1901, 4, 5),
    "publisher": "%SEARCH-PUBLISHER%",
}


@functools.lru_cache(maxsize=128)
def _queries(vendor: str, count: int, shape: tuple[bool, ...], restricted: tuple):
    """The search for ``count`` words with the filters of ``shape`` (agency, 文号, start, end, 发布机构 name) compiled, the
    restricted pages' places (``restricted``) excluded: newest first, in no order (for counting), and the rows'
    named tuple."""
    words, stand_ins = searching.word_stand_ins(count)
    agency, number, start, end, publisher = shape
    items = _items(
        words,
        [],
        False,
        restricted,
        _STAND_INS["agency"] if agency else None,
        "SEARCH-NUMBER" if number else "",
        _STAND_INS["start"] if start else None,
        _STAND_INS["end"] if end else None,
        "SEARCH-PUBLISHER" if publisher else "",
    )
    expected = {*stand_ins, *(name for name, on in zip(_STAND_INS, shape, strict=True) if on)}
    stand_ins = {**stand_ins, **_STAND_INS}
    return (
        compile_query(items.order_by(*ORDERING), stand_ins, expected),
        compile_query(items.order_by(), stand_ins, expected),
        create_namedtuple_class(*FIELDS),
    )


def count(rows, searched: tuple, first_page: int = 0) -> tuple[int, Sequence]:
    """How many rows, at most SEARCH_LIMIT + 1 (more than the limit is said so, not counted), kept for the next
    pages of the same search (``searched``: the query and the filters), and the rows to paginate
    (publishing/searching.counted: a short first page counts itself)."""
    return counted(rows, "site-search-count:" + "|".join(map(str, searched)), first_page)


def snippets(rows, query: str) -> dict[int, tuple[str, list[tuple[str, bool]]]]:
    """For each row (of FIELDS) of a page of results: where its snippet comes from ("" for the item's own text,
    else "附件：<name>" of the first attachment with a word of ``query`` when the item's own text has none) and the
    snippet's parts. The attachments are those committed with the live item (attachment_text.sources), read
    only for the rows whose own text has none of the words (on most pages, none)."""
    words = [w for w in fold(query).split() if w]
    own = {
        row.pk: attachment_text.own_text(row.title, row.document_number, row.summary, row.body)
        for row in rows
    }
    elsewhere = [pk for pk, text in own.items() if words and not any(w in text for w in words)]
    attached = attachment_text.sources(elsewhere) if elsewhere else {}
    found = {}
    for row in rows:
        source, text = "", own[row.pk]
        for name, content in attached.get(row.pk, []):
            if any(w in content for w in words):
                source, text = f"附件：{name}", content
                break
        found[row.pk] = (source, snippet(text, query))
    return found


def snippet(text: str, query: str) -> list[tuple[str, bool]]:
    """About SNIPPET_CHARS characters of ``text`` around the first word of ``query`` found in it, as parts
    (text, is_a_match) for the template to mark up."""
    words = [w for w in fold(query).split() if w]
    first = min((text.find(w) for w in words if w in text), default=0)
    begin = max(0, first - SNIPPET_CHARS // 3)
    window = text[begin : begin + SNIPPET_CHARS]
    parts: list[tuple[str, bool]] = [("…", False)] if begin else []
    at = 0
    while at < len(window):
        hits = [(window.find(w, at), w) for w in words if window.find(w, at) >= 0]
        if not hits:
            parts.append((window[at:], False))
            break
        where, word = min(hits)
        if where > at:
            parts.append((window[at:where], False))
        parts.append((window[where : where + len(word)], True))
        at = where + len(word)
    if begin + SNIPPET_CHARS < len(text):
        parts.append(("…", False))
    return parts


def site_root(request) -> str:
    """The url_path of the request's site root page (items' URLs are their paths below it).

    Kept in the portal cache by host, like the footer's furniture (cleared when a site changes or a page is
    published, so also when the root page's slug does: portal/page_cache.py): a search costs no site query.
    """
    cache = caches[PORTAL]
    key = f"site-root:{request.get_host()}"
    root = cache.get(key)
    if root is None:
        site = Site.find_for_request(request)
        root = site.root_page.url_path if site is not None else "/"
        cache.set(key, root, settings.PORTAL_CACHE_SECONDS)
    return root


def item_url(url_path: str, root: str) -> str:
    return "/" + url_path[len(root) :] if url_path.startswith(root) else url_path
