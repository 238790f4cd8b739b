"""The portal's search across all agencies (/search/): thin; the matching is publishing.site_search."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join

from gongkai.publishing import public_views, searching, site_search

from ..forms import SiteSearchForm


def search(request):
    form = SiteSearchForm(request.GET)
    context = {"form": form, "breadcrumbs": [("/", "首页"), (request.path, "全站检索")], "searched": False}
    if form.is_valid() and form.searched():
        data = form.cleaned_data
        searched = (data["q"], data["agency"], data["number"], data["start"], data["end"], data["publisher"])
        rows = site_search.matches(*searched)
        found, rows = site_search.count(rows, searched, public_views.first_page_size(request))
        context.update(public_views.paginated(request, rows, min(found, searching.SEARCH_LIMIT)))
        root = site_search.site_root(request)
        snippets = site_search.snippets(context["page"].object_list, data["q"])
        context.update(
            searched=True,
            found=found,
            more_than_limit=found > searching.SEARCH_LIMIT,
            search_limit=searching.SEARCH_LIMIT,
            results=[
                {
                    "row": row,
                    "url": site_search.item_url(row.url_path, root),
                    "source": snippets[row.pk][0],
                    "snippet": format_html_join(
                        "",
                        "{}",
                        (
                            (format_html("<mark>{}</mark>", part) if hit else part,)
                            for part, hit in snippets[row.pk][1]
                        ),
                    ),
                }
                for row in context["page"].object_list
            ],
        )
    return TemplateResponse(request, "portal/search.html", context)
