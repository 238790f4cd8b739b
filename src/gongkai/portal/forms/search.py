"""The form of the portal's search across all agencies (/search/): words, 发布机构, 文号, publication dates."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.cache import caches

from gongkai.agencies.models import Agency
from gongkai.cache import PORTAL

from .base import AccessibleForm

DATE_ERRORS = {"invalid": "请输入有效的日期，如 2025-03-01"}
AGENCIES_KEY = "site-search-agencies"
AGENCY_LIST_LIMIT = 150
"""Up to this many agencies with a column, 发布机构 is a list to choose from; above it (a city's or a province's
platform) it is words of the agency's name to type (``publisher``): a list of thousands of agencies is neither
usable nor cheap (3,000 options: 230 KB of HTML and about 160 ms of rendering on every search page)."""


def agency_choices() -> list[tuple[int, str]]:
    """The agencies with a live column, as (pk, name) in code order: the 发布机构 choices (its id is the agency's).

    Kept in the portal cache, which is cleared when a page is published or unpublished (a column goes live or
    not) and when an agency changes (portal/page_cache.py): a search then costs no agency query and no rendering
    of a model choice list.
    """
    cache = caches[PORTAL]
    found = cache.get(AGENCIES_KEY)
    if found is None:
        agencies = Agency.objects.filter(disclosure_section__live=True).order_by("code")
        found = [(agency.pk, str(agency)) for agency in agencies]
        cache.set(AGENCIES_KEY, found, settings.PORTAL_CACHE_SECONDS)
    return found


class SiteSearchForm(AccessibleForm):
    q = forms.CharField(label="检索词", required=False, max_length=50)
    agency = forms.TypedChoiceField(
        label="发布机构",
        required=False,
        coerce=int,
        empty_value=None,
        choices=lambda: [("", "全部机关"), *agency_choices()],
        error_messages={"invalid_choice": "请选择列表中的发布机构"},
    )
    publisher = forms.CharField(
        label="发布机构", required=False, max_length=50, help_text="机构名称中的字词，如 人力资源和社会保障局"
    )
    number = forms.CharField(label="文号", required=False, max_length=100)
    start = forms.DateField(
        label="发布日期自",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
    )
    end = forms.DateField(
        label="至", required=False, widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE_ERRORS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["publisher" if len(agency_choices()) <= AGENCY_LIST_LIMIT else "agency"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "结束日期不能早于开始日期")
        cleaned.setdefault("agency", None)
        cleaned.setdefault("publisher", "")
        return cleaned

    def searched(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("q", "").strip() or data.get("number", "").strip())
