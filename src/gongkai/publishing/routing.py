"""A shortcut to the pages of a 政府信息公开 column: /<agency code>/, its sub-views and its items.

Wagtail finds a page by walking its tree: a site query, the root page, the column and the item, each fetched as a
plain page and again as its type, then the view restrictions of every ancestor. For a column of 100,000 items
that is most of an item page's cost (benchmarks/portal.py). Here the column comes from the portal cache
(columns.py), with its agency and whether any page in or above it has a view restriction, and an item from one
query that also tells whether it has attachments or links (its SQL compiled, and how its row is read
worked out, once per process). The route found is handed to Wagtail's own serve
view (as the cached result of its routing), so Wagtail's hooks run as for any page. Whatever the shortcut does
not know (a column with a view restriction in or above it, an alias, a guide page, an unknown slug) is left to
Wagtail's URLs.

An item that was live and has been withdrawn (撤下: unpublished or expired) answers 410 "该信息已撤下", without its
title or anything else of it; a never-published item's URL stays 404 like a missing one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import resolve
from wagtail import urls as wagtail_urls
from wagtail.url_routing import RouteResult
from wagtail.views import serve

from . import columns
from .compiled import CompiledQuery, compile_query
from .models import DisclosureSectionPage, InformationItemPage, ItemAttachment


def column_by_code(request, code: str) -> columns.Column | None:
    """The live column of the agency `code` as seen from this request's site (cached), or None."""
    column = columns.cached(request, code)
    if column is None:
        section = (
            DisclosureSectionPage.objects.live().select_related("agency").filter(agency__code=code).first()
        )
        if section is None:
            return None
        column = columns.build(request, section)
        columns.keep(request, code, column)
    return column


def column_page(request, agency_code: str, slug: str | None = None):
    column = column_by_code(request, agency_code)
    route = _route(request, column, slug) if column is not None and not column.restricted else None
    known = route is None and slug is not None and column is not None and not column.restricted
    if known and _withdrawn(column.section, slug):
        return withdrawn_response(request, column)
    if route is None:  # whatever Wagtail's URLs make of the path (its pages, its /_util/login/ …)
        match = resolve(request.path_info, urlconf=wagtail_urls)
        return match.func(request, *match.args, **match.kwargs)
    request._wagtail_route_for_request = route  # Wagtail's cache of Page.route_for_request
    return serve(request, request.path_info.lstrip("/"))


def _route(request, column: columns.Column, slug: str | None) -> RouteResult | None:
    section = column.section
    section.column = column  # for columns.column_of, later in this request
    try:
        view, args, kwargs = section.resolve_subpage(f"/{slug}/" if slug else "/")
    except Http404:
        pass
    else:
        section.known_unrestricted = True
        request.routable_resolver_match = (view, args, kwargs)
        return RouteResult(section, args=(view, args, kwargs))
    if slug is None:
        return None
    item = _live_item(section, slug)
    if item is None or item.alias_of_id is not None or item.agency_id != section.agency_id:
        return None
    item._cached_parent_obj = section
    item.agency = section.agency
    item.known_unrestricted = True
    return RouteResult(item)


def _withdrawn(section, slug: str) -> bool:
    """Whether the column has an item at ``slug`` that was published once and is no longer live."""
    return InformationItemPage.objects.filter(
        path__startswith=section.path,
        depth=section.depth + 1,
        slug=slug,
        live=False,
        first_published_at__isnull=False,
    ).exists()


def withdrawn_response(request, column: columns.Column) -> TemplateResponse:
    """410 Gone in the portal's frame: the item was withdrawn; nothing of it is shown, only the way on."""
    section = column.section
    context = {
        "section_url": column.url,
        "catalogue_url": column.url + section.reverse_subpage("catalogue"),
        "agency": section.agency,
    }
    return TemplateResponse(request, "publishing/withdrawn.html", context, status=410)


_STAND_INS = {"path": "ROUTING-PATH%", "depth": 987_654_321, "slug": "routing-slug"}  # in the compiled SQL


@dataclass(frozen=True)
class _ItemReader:
    """``_item_query`` compiled once per process and database kind (publishing/compiled.py), and how its row
    becomes a page (the model's fields' positions, the flags' positions). Compiling the page query with its four
    subqueries costs more than running it (about 1.5 ms against 0.7 ms on PostgreSQL), and so does Django's
    reading of a row by column names (a raw query's converters and field order are worked out again for every
    query): both on every item page."""

    query: CompiledQuery
    fields: slice  # the model's columns
    init_names: list[str]
    flags: dict[str, int]  # annotation → column

    def read(self, section, slug: str) -> InformationItemPage | None:
        """The live item at ``slug`` directly below ``section``, with the flags, or None."""
        found = self.query.rows({"path": section.path + "%", "depth": section.depth + 1, "slug": slug})
        if not found:
            return None
        row = found[0]
        item = InformationItemPage.from_db(connection.alias, self.init_names, row[self.fields])
        for name, pos in self.flags.items():
            setattr(item, name, row[pos])
        return item


def _live_item(section, slug: str) -> InformationItemPage | None:
    """The live item at ``slug`` directly below ``section`` (at most one), with the flags of ``_item_query``."""
    return _item_reader(connection.vendor).read(section, slug)


@functools.cache
def _item_reader(vendor: str) -> _ItemReader:
    path = _STAND_INS["path"].removesuffix("%")
    query = compile_query(_item_query(path, _STAND_INS["depth"], _STAND_INS["slug"]), _STAND_INS)
    compiler = query.compiler
    select, positions = compiler.select, compiler.klass_info["select_fields"]
    if compiler.klass_info["model"] is not InformationItemPage or positions != list(
        range(positions[0], positions[-1] + 1)
    ):
        raise RuntimeError("the item query's columns are not where routing expects them")
    return _ItemReader(
        query=query,
        fields=slice(positions[0], positions[-1] + 1),
        init_names=[select[pos][0].target.attname for pos in positions],
        flags=dict(compiler.annotation_col_map),
    )


def _item_query(path: str, depth: int, slug: str) -> QuerySet[InformationItemPage]:
    """The live item at ``slug`` below the section at ``path`` (depth ``depth``), with flags that spare the item
    page a query each when false (the usual case), without its search text (not shown, and with attachments'
    text it can be long).

    By its place in the tree, not by agency: the page's slug index then leads on SQLite too (without statistics
    SQLite would walk every item of the agency).
    """

    def linked(through):
        pk = OuterRef("pk")
        return Exists(through.objects.filter(Q(from_informationitempage=pk) | Q(to_informationitempage=pk)))

    items = InformationItemPage.objects.defer("search_text").annotate(
        has_attachments=Exists(ItemAttachment.objects.filter(page=OuterRef("pk"))),
        revises_linked=linked(InformationItemPage.revises.through),
        repeals_linked=linked(InformationItemPage.repeals.through),
        interprets_linked=linked(InformationItemPage.interprets.through),
    )
    return items.filter(path__startswith=path, depth=depth, slug=slug, live=True).order_by()[:1]
