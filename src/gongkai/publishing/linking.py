"""The links of an item to the 规章 and 规范性文件 it revises or repeals, and of a 政策解读 (文字解读, 图解, 音视频解读)
to the items it interprets: only the agency's own published ones, through the agency scoping, chosen by search (an
agency has thousands of items: the form renders only the ones chosen, the search endpoint returns a page of
matches; ``?for=interprets`` searches what a 解读 may interpret).

Kept free of the models package (the item's form, which the item model names, uses it): the model is passed in.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse

from gongkai.agencies import scoping
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm

from .choices import INTERPRETATION_GENRES, DocumentKind

LINKABLE_KINDS = (DocumentKind.RULES, DocumentKind.NORMATIVE)
REFUSED = "只能关联本机关已发布的规章、行政规范性文件"
REFUSED_INTERPRETED = "只能选择本机关已发布的信息作为所解读的文件"
NOT_AN_INTERPRETATION = "只有体裁为文字解读、图解或音视频解读的信息才能选择所解读的文件"
INTERPRETS = "interprets"
PLACEHOLDERS = {
    "": "输入标题、文号或索引号，检索本机关已发布的规章、规范性文件",
    INTERPRETS: "输入标题、文号或索引号，检索本机关已发布的信息",
}
PAGE = 20


def linkable(model, user, agency_id: int | None, instance=None, current=()) -> QuerySet:
    """The items ``user`` may link from an item of ``agency_id``: that agency's live 规章/规范性文件 (plus those
    already linked, so that an old link to an item since withdrawn does not block saving), scoped for ``user``
    (by what they may see: an approver saving the form keeps the links the author chose)."""
    items = model.objects.filter(agency_id=agency_id, document_kind__in=LINKABLE_KINDS)
    items = items.filter(Q(live=True) | Q(pk__in=list(current or ())))
    if instance is not None and instance.pk:
        items = items.exclude(pk=instance.pk)
    return scoping.scope(items, user, Perm.VIEW_PUBLISHING).order_by("-formed_on", "-pk")


def interpretable(model, user, agency_id: int | None, instance=None, current=()) -> QuerySet:
    """The items a 解读 of ``agency_id`` may interpret: that agency's live items that are not themselves 解读 (plus
    those already linked), scoped for ``user`` like ``linkable``."""
    items = model.objects.filter(agency_id=agency_id).exclude(genre__in=INTERPRETATION_GENRES)
    items = items.filter(Q(live=True) | Q(pk__in=list(current or ())))
    if instance is not None and instance.pk:
        items = items.exclude(pk=instance.pk)
    return scoping.scope(items, user, Perm.VIEW_PUBLISHING).order_by("-formed_on", "-pk")


def search(queryset: QuerySet, text: str) -> list[dict]:
    """A page of matches by title, 文号 (in the item's search text) or 索引号 (not in it: its own condition)."""
    text = text.strip()
    if text:
        queryset = queryset.filter(Q(search_text__icontains=text) | Q(index_number__icontains=text))
    rows = queryset.values("pk", "title", "index_number", "document_number")[:PAGE]
    return [
        {"id": r["pk"], "label": label(r["title"], r["index_number"], r["document_number"])} for r in rows
    ]


def label(title: str, index_number: str, document_number: str = "") -> str:
    return f"{title}（{document_number or index_number}）"


class LinkedItemsWidget(forms.CheckboxSelectMultiple):
    """The chosen items as checkboxes, and a search box that adds matches from the agency's endpoint."""

    template_name = "publishing/widgets/linked_items.html"

    def __init__(self, agency_id: int | None, attrs=None, purpose: str = ""):
        super().__init__(attrs)
        self.agency_id, self.purpose = agency_id, purpose

    def optgroups(self, name, value, attrs=None):
        ids = [int(v) for v in value if str(v).isdigit()]
        chosen = self.choices.queryset.filter(pk__in=ids) if ids else []
        options = [
            self.create_option(
                name,
                item.pk,
                label(item.title, item.index_number, item.document_number),
                True,
                index,
                attrs=attrs,
            )
            for index, item in enumerate(chosen)
        ]
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        code = Agency.objects.filter(pk=self.agency_id).values_list("code", flat=True).first()
        url = reverse("publishing:linkable", kwargs={"code": code}) if code else ""
        context["search_url"] = f"{url}?for={self.purpose}" if url and self.purpose else url
        context["placeholder"] = PLACEHOLDERS[self.purpose]
        return context
