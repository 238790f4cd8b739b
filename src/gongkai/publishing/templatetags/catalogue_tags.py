"""The repeated parts of the catalogue and search pages (item rows, filter options), built in Python.

Why: these loops are most of a catalogue page's rendering time, and the portal's catalogue target (p95 ≤ 100 ms
under 32 clients, benchmarks/portal.py) has no room for the template engine's per-variable lookups. The markup
is what the templates had, escaped by format_html.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..choices import Validity

register = template.Library()

SUMMARY_CHARS = 80


def _shortened(text: str) -> str:
    """At most SUMMARY_CHARS characters, the last one an ellipsis when cut (the summary column of a list)."""
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def _date(day) -> str:
    return format_html('<time datetime="{0}">{0}</time>', day.isoformat()) if day else "—"


VALIDITY_LABELS = dict(Validity.choices)


def _validity(value: str) -> str:
    """The 有效性 cell: 有效 plain, 失效 / 废止 marked (the catalogue's 有效性 column)."""
    label = VALIDITY_LABELS.get(value, "")
    if value == Validity.VALID or not label:
        return label
    return format_html('<span class="validity-{}">{}</span>', value, label)


@register.simple_tag
def item_rows(items, section_url: str):
    """One <tr> per catalogue row (publishing.public_views.ROW_FIELDS), or a row saying there is nothing."""
    rows = format_html_join(
        "\n",
        '<tr><td class="index-number">{}</td><th scope="row"><a href="{}{}/">{}</a></th><td>{}</td>'
        '<td class="date">{}</td><td class="date">{}</td><td class="validity">{}</td></tr>',
        (
            (
                item.index_number,
                section_url,
                item.slug,
                item.title,
                _shortened(item.summary),
                _date(item.formed_on),
                _date(item.published_on),
                _validity(item.validity),
            )
            for item in items
        ),
    )
    return rows or mark_safe('<tr><td colspan="6">暂无信息。</td></tr>')


@register.simple_tag
def options(choices, chosen):
    """<option>s for (value, label) pairs, the chosen value selected."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == chosen else "", label) for value, label in choices),
    )
