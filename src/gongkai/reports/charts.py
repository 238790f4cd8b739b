"""Year-over-year charts of an agency's main figures, from its published reports.

Applications by outcome and by applicant type (table 三), review and litigation (table 四), and the items
published in the year (from the publishing register, `publishing.figures.summary`). The charts
are drawn by `gongkai.core.render.charts` as SVG with a data table.
"""

from __future__ import annotations

from gongkai.agencies.models import Agency
from gongkai.core.render import charts
from gongkai.core.report.formats import APPEALS, ORGANISATION_COLUMN_KEYS
from gongkai.core.report.model import AnnualReport
from gongkai.publishing import figures as publishing_figures

from .services.publication import published_report, published_reports

MAX_YEARS = 6

OUTCOMES = (
    ("予以公开", "granted"),
    ("部分公开", "partial"),
    ("不予公开", "withheld"),
    ("无法提供", "unavailable"),
    ("不予处理", "not_processed"),
    ("其他处理", "other"),
)
"""Table 三's result rows grouped by outcome: a group is its key or the keys under it (``withheld.*``)."""


def by_year(agency: Agency, up_to: int | None = None) -> dict[int, AnnualReport]:
    """The agency's published reports by year (the latest `MAX_YEARS`, up to `up_to` if given)."""
    kept = published_reports().filter(agency=agency).order_by("-year")
    if up_to is not None:
        kept = kept.filter(year__lte=up_to)
    return {r.year: published_report(r) for r in reversed(list(kept[:MAX_YEARS]))}


def _sum(values) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _outcome(report: AnnualReport, group: str) -> int | None:
    """The 总计 column summed over the group's rows."""
    cells = [
        cols.get("total")
        for key, cols in report.requests.items()
        if key == group or key.startswith(f"{group}.")
    ]
    return _sum(c.value for c in cells if c is not None)


def _published_items(agency: Agency, year: int) -> int:
    """Items published in the year, from the publishing register."""
    return publishing_figures.summary(agency, year)["published"]


def build(agency: Agency, reports: dict[int, AnnualReport]) -> list[charts.Chart]:
    """The four charts over the years of `reports`."""
    years = sorted(reports)
    outcome = {label: [_outcome(reports[y], group) for y in years] for label, group in OUTCOMES}

    def new(report: AnnualReport, cols) -> int | None:
        row = report.requests.get("new", {})
        return _sum(row[c].value for c in cols if c in row)

    applicants = {
        "自然人": [new(reports[y], ("natural_person",)) for y in years],
        "法人或其他组织": [new(reports[y], ORGANISATION_COLUMN_KEYS) for y in years],
    }
    published = {"主动公开信息": [_published_items(agency, y) for y in years]}

    def appeal(report: AnnualReport, key: str) -> int | None:
        return report.value(APPEALS, key)

    appeals = {
        "行政复议": [appeal(reports[y], "review.total") for y in years],
        "行政诉讼": [
            _sum(
                [
                    appeal(reports[y], "litigation_direct.total"),
                    appeal(reports[y], "litigation_after_review.total"),
                ]
            )
            for y in years
        ],
    }
    name = agency.short_name or agency.name
    return [
        charts.make(
            "outcomes",
            "政府信息公开申请办理结果（件）",
            f"{name}各年度办理结果分布，数据来自已发布的年度报告表三“总计”列。",
            years,
            outcome,
        ),
        charts.make(
            "applicants",
            "本年新收申请的申请人类型（件）",
            f"{name}各年度新收申请中自然人与法人或其他组织的数量，数据来自表三第一行。",
            years,
            applicants,
        ),
        charts.make(
            "published",
            "主动公开政府信息（条）",
            f"{name}各年度主动公开的政府信息数量，数据来自主动公开登记。",
            years,
            published,
        ),
        charts.make(
            "appeals",
            "政府信息公开行政复议、行政诉讼（件）",
            f"{name}各年度因政府信息公开被申请行政复议、提起行政诉讼的总数，数据来自表四。",
            years,
            appeals,
        ),
    ]


def worth_showing(chart: charts.Chart) -> bool:
    """A chart says something over the years only with data for at least two years, not all of it zero."""
    with_data = [i for i in range(len(chart.years)) if any(s.values[i] is not None for s in chart.series)]
    nonzero = any(v for s in chart.series for v in s.values if v is not None)
    return len(with_data) >= 2 and nonzero


def figures_html(agency: Agency, up_to: int | None = None) -> str:
    """The charts of the agency's published years as HTML (SVG + data table), those worth showing only; empty
    with fewer than two published years."""
    reports = by_year(agency, up_to)
    if len(reports) < 2:
        return ""
    return "".join(charts.figure_html(chart) for chart in build(agency, reports) if worth_showing(chart))


CHART_CSS = """
.chart-figure { margin: 0 0 1.5em; max-width: 660px; }
.chart-figure svg { max-width: 100%; height: auto; background: #fff; }
.chart-figure figcaption { font-weight: bold; margin-bottom: .3em; }
table.chart-data { border-collapse: collapse; margin: .5em 0; }
table.chart-data th, table.chart-data td { border: 1px solid #999; padding: 2px 8px; text-align: right; }
table.chart-data th[scope=row] { text-align: left; }
"""
