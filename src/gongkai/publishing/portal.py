"""The public side of an agency's 政府信息公开 column: its front page, the 公开目录 (browse by 第二十条 category,
topic and year) and the search.

Search is a substring match over each item's ``search_text`` (a lower-cased plain-text copy of its title, index
number, document number, summary and body): Chinese has no spaces to tokenise on, and a query such as 社会保障
must find every item containing it. Several words must all occur. PostgreSQL serves it from a pg_trgm GIN index,
SQLite by scanning one agency's rows.
"""

from __future__ import annotations

import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max, Min, QuerySet

from .choices import Article20, Topic
from .models import DisclosureSectionPage, InformationItemPage

PER_PAGE = 20
MAX_QUERY = 50
LIST_FIELDS = ("title", "slug", "index_number", "summary", "formed_on", "published_on", "category", "topic")


def published_items(section: DisclosureSectionPage) -> QuerySet[InformationItemPage]:
    return InformationItemPage.objects.filter(agency_id=section.agency_id, live=True).only(*LIST_FIELDS)


def _choice(value: str | None, choices) -> str:
    return value if value in dict(choices) else ""


def _year(value: str | None) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if 1990 <= year <= 2100 else None


def _page(request, queryset: QuerySet):
    paginator = Paginator(queryset, PER_PAGE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def _query_string(request, **changes) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value:
            params[key] = value
    return params.urlencode()


def section_links(section: DisclosureSectionPage, request) -> dict:
    """The column's sub-columns: 指南 (a live GuidePage child, if any), 目录, search."""
    guide = section.get_children().live().filter(content_type__model="guidepage").first()
    return {
        "section": section,
        "agency": section.agency,
        "section_url": section.get_url(request),
        "guide": guide,
        "catalogue_url": section.get_url(request) + section.reverse_subpage("catalogue"),
        "search_url": section.get_url(request) + section.reverse_subpage("search"),
    }


def section_index(section: DisclosureSectionPage, request):
    context = section_links(section, request)
    context["latest"] = published_items(section).order_by("-published_on", "-index_seq")[:10]
    context["categories"] = Article20.choices
    return section.render(request, context_overrides=context)


def catalogue(section: DisclosureSectionPage, request):
    context = section_links(section, request)
    items = published_items(section)
    category = _choice(request.GET.get("category"), Article20.choices)
    topic = _choice(request.GET.get("topic"), Topic.choices)
    year = _year(request.GET.get("year"))
    if category:
        items = items.filter(category=category)
    if topic:
        items = items.filter(topic=topic)
    if year:
        items = items.filter(published_on__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    span = InformationItemPage.objects.filter(agency_id=section.agency_id).aggregate(
        first=Min("published_on"), last=Max("published_on")
    )
    years = range(span["last"].year, span["first"].year - 1, -1) if span["last"] else []
    page = _page(request, items.order_by("-published_on", "-index_seq"))
    context.update(
        page=page,
        categories=Article20.choices,
        topics=Topic.choices,
        years=years,
        chosen={"category": category, "topic": topic, "year": year},
        prev_query=_query_string(request, page=page.previous_page_number()) if page.has_previous() else "",
        next_query=_query_string(request, page=page.next_page_number()) if page.has_next() else "",
    )
    return section.render(request, template="publishing/catalogue.html", context_overrides=context)


def search_items(section: DisclosureSectionPage, query: str) -> QuerySet[InformationItemPage]:
    """Live items of the column whose text contains every word of ``query``."""
    items = published_items(section)
    for word in query.lower().split():
        items = items.filter(search_text__contains=word)
    return items.order_by("-published_on", "-index_seq")


def search(section: DisclosureSectionPage, request):
    context = section_links(section, request)
    query = " ".join((request.GET.get("q") or "").split())[:MAX_QUERY]
    context["query"] = query
    if query:
        page = _page(request, search_items(section, query))
        context.update(
            page=page,
            prev_query=_query_string(request, page=page.previous_page_number())
            if page.has_previous()
            else "",
            next_query=_query_string(request, page=page.next_page_number()) if page.has_next() else "",
        )
    return section.render(request, template="publishing/search.html", context_overrides=context)
