"""The repeated parts of the catalogue and search pages (item rows, filter options), built in Python.

Why: these loops are most of a catalogue page's rendering time, and the portal's catalogue target (p95 ≤ 100 ms
under 32 clients, benchmarks/portal.py) has no room for the template engine's per-variable lookups. The markup
is what the templates had. Escaped with the standard library's html.escape (what Django's escape does, without its
check for lazy strings on every call: format_html's per-argument escaping was a fifth of a catalogue page's CPU);
every value is made a plain string first.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..choices import Validity

register = template.Library()

SUMMARY_CHARS = 80


def _shortened(text: str) -> str:
    """At most SUMMARY_CHARS characters, the last one an ellipsis when cut (the summary column of a list)."""
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def _date(day) -> str:
    """A date cell's content (ISO dates need no escaping)."""
    return f'<time datetime="{day.isoformat()}">{day.isoformat()}</time>' if day else "—"


VALIDITY_LABELS = dict(Validity.choices)


def _validity(value: str) -> str:
    """The 有效性 cell: 有效 plain, 失效 / 废止 marked (the catalogue's 有效性 column)."""
    label = escape(str(VALIDITY_LABELS.get(value, "")))
    if value == Validity.VALID or not label:
        return label
    return f'<span class="validity-{escape(value)}">{label}</span>'


@register.simple_tag
def item_rows(items, section_url: str) -> SafeString:
    """One <tr> per catalogue row (publishing.public_views.ROW_FIELDS), or a row saying there is nothing."""
    base = escape(str(section_url))
    rows = "\n".join(
        f'<tr><td class="index-number">{escape(str(item.index_number))}</td>'
        f'<th scope="row"><a href="{base}{escape(str(item.slug))}/">{escape(str(item.title))}</a></th>'
        f"<td>{escape(_shortened(str(item.summary)))}</td>"
        f'<td class="date">{_date(item.formed_on)}</td><td class="date">{_date(item.published_on)}</td>'
        f'<td class="validity">{_validity(item.validity)}</td></tr>'
        for item in items
    )
    return mark_safe(rows or '<tr><td colspan="6">暂无信息。</td></tr>')  # noqa: S308 - every value escaped above


@register.simple_tag
def options(choices, chosen) -> SafeString:
    """<option>s for (value, label) pairs, the chosen value selected."""
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<option value="{escape(str(value))}"{" selected" if value == chosen else ""}>{escape(str(label))}</option>'
            for value, label in choices
        )
    )
