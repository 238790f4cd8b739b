"""The one-page summary for leaders (PDF) of a government's year: where the annual reports stand, the key figures
of the government's consolidated report, what is overdue now and which agencies need attention.

Rendered like the report's PDF: an HTML page typeset by WeasyPrint with a CJK font (`core.render.pdf`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string

from gongkai.agencies.models import Agency
from gongkai.core.render.pdf import require_cjk_font

from . import overview, supervision
from .models import ReportStatus

MAX_NAMED = 8


@dataclass(frozen=True)
class Summary:
    government: Agency
    year: int
    today: date
    reports: int
    published: int
    published_late: int
    unpublished_late: list[str]
    not_published: int
    figures: overview.KeyFigures
    late_replies: int
    overdue: int
    overdue_longest: int
    unconfirmed: int
    stale_unconfirmed: int
    most_late_replies: list[tuple[str, int]]


def summary(government: Agency, agencies, year: int, today: date) -> Summary:
    """The summary of `government` for `year` over `agencies` (those of its subtree the user reaches)."""
    agencies = list(agencies)
    rows = supervision.rows(agencies, year, today)
    published = [r for r in rows if r.status == ReportStatus.PUBLISHED]
    table = overview.key_figures(agencies, [year], today)
    own = (
        table[government][0]
        if government in table
        else overview.figures_for(government, year, None, 0, today)
    )
    late = {a: rows_[0].late_replies for a, rows_ in table.items()}
    overdue, waiting = overview.pending(agencies, today)
    return Summary(
        government=government,
        year=year,
        today=today,
        reports=len(rows),
        published=len(published),
        published_late=sum(1 for r in published if r.late),
        unpublished_late=[r.agency.name for r in rows if r.status == supervision.LATE],
        not_published=len(rows) - len(published),
        figures=own,
        late_replies=sum(late.values()),
        overdue=len(overdue),
        overdue_longest=max((o.workdays for o in overdue), default=0),
        unconfirmed=len(waiting),
        stale_unconfirmed=sum(1 for u in waiting if u.stale),
        most_late_replies=sorted(((a.name, n) for a, n in late.items() if n), key=lambda x: -x[1])[
            :MAX_NAMED
        ],
    )


def summary_html(data: Summary) -> str:
    return render_to_string("reports/supervision/leaders.html", {"s": data, "max_named": MAX_NAMED})


def summary_pdf(data: Summary) -> bytes:
    """One A4 page (WeasyPrint, CJK font embedded)."""
    require_cjk_font()
    from weasyprint import HTML

    return HTML(string=summary_html(data)).write_pdf()
