"""Charts of figures across years as server-side SVG: no JavaScript, printable, accessible.

A chart is a grouped bar chart: one group of bars per year, one bar per series. The SVG carries ``<title>`` and
``<desc>`` (``role="img"`` with ``aria-labelledby``) and every bar its own ``<title>`` with the figure; the same
figures are offered as an HTML table (``table_html``) for screen readers, printing and copying.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

Number = int | float | Decimal

WIDTH = 640
HEIGHT = 300
MARGIN_LEFT = 48
MARGIN_RIGHT = 12
MARGIN_TOP = 16
MARGIN_BOTTOM = 56
PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#d68910", "#7d3c98", "#5d6d7e", "#117a8b", "#a04000")
FONT = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif'


@dataclass(frozen=True)
class Series:
    """One bar per year; ``None`` = not known for that year (no bar, shown as — in the table)."""

    label: str
    values: tuple[Number | None, ...]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    years: tuple[int, ...]
    series: tuple[Series, ...]

    def __post_init__(self) -> None:
        for s in self.series:
            if len(s.values) != len(self.years):
                raise ValueError(f"series {s.label!r} has {len(s.values)} values for {len(self.years)} years")

    @property
    def empty(self) -> bool:
        return not self.years or all(v is None for s in self.series for v in s.values)

    @property
    def maximum(self) -> Number:
        return max((v for s in self.series for v in s.values if v is not None), default=0)


def nice_ceiling(value: Number) -> int:
    """The top of the value axis: four times the smallest whole 1, 2, 2.5, 3 or 5 × 10ⁿ that is ≥ ``value`` / 4,
    so that the four gridlines fall on whole numbers (4 for small values)."""
    magnitude = 1
    while True:
        for step in (1, 2, 2.5, 3, 5):
            quarter = step * magnitude
            if quarter == int(quarter) and 4 * quarter >= value:
                return int(4 * quarter)
        magnitude *= 10


def _number(value: Number | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal | float):
        return f"{Decimal(str(value)).normalize():f}"
    return str(value)


def svg(chart: Chart) -> str:
    """The chart as an inline ``<svg>`` element (valid XML, no external resources)."""
    title_id = f"chart-{chart.key}-title"
    desc_id = f"chart-{chart.key}-desc"
    top = nice_ceiling(chart.maximum)
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    base_y = MARGIN_TOP + plot_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{escape(FONT)}" font-size="12">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
    ]
    for i in range(5):
        tick = top * i / 4
        y = base_y - plot_h * i / 4
        label = _number(int(tick)) if tick == int(tick) else f"{tick:g}"
        parts.append(
            f'<line x1="{MARGIN_LEFT}" y1="{y:.1f}" x2="{WIDTH - MARGIN_RIGHT}" y2="{y:.1f}" '
            f'stroke="{"#000" if i == 0 else "#ddd"}" stroke-width="1"/>'
        )
        parts.append(f'<text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    groups = max(len(chart.years), 1)
    group_w = plot_w / groups
    bars = max(len(chart.series), 1)
    bar_w = group_w * 0.8 / bars
    for g, year in enumerate(chart.years):
        x0 = MARGIN_LEFT + g * group_w + group_w * 0.1
        for b, series in enumerate(chart.series):
            value = series.values[g]
            if value is None:
                continue
            h = plot_h * float(value) / top
            x = x0 + b * bar_w
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{base_y - h:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[b % len(PALETTE)]}" data-value="{_number(value)}">'
                f"<title>{year}年 {escape(series.label)}：{_number(value)}</title></rect>"
            )
        parts.append(
            f'<text x="{MARGIN_LEFT + g * group_w + group_w / 2:.1f}" y="{base_y + 16}" '
            f'text-anchor="middle">{year}年</text>'
        )
    x = MARGIN_LEFT
    legend_y = HEIGHT - 14
    for b, series in enumerate(chart.series):
        parts.append(
            f'<rect x="{x}" y="{legend_y - 10}" width="10" height="10" fill="{PALETTE[b % len(PALETTE)]}"/>'
        )
        parts.append(f'<text x="{x + 14}" y="{legend_y}">{escape(series.label)}</text>')
        x += 24 + 12 * len(series.label)
    parts.append("</svg>")
    return "".join(parts)


def table_html(chart: Chart) -> str:
    """The chart's figures as an HTML table: one row per series, one column per year."""
    head = "".join(f'<th scope="col">{year}年</th>' for year in chart.years)
    rows = "".join(
        f'<tr><th scope="row">{escape(s.label)}</th>'
        + "".join(f"<td>{_number(v)}</td>" for v in s.values)
        + "</tr>"
        for s in chart.series
    )
    return (
        f'<table class="chart-data"><caption>{escape(chart.title)}（数据表）</caption>'
        f'<thead><tr><th scope="col">项目</th>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


def figure_html(chart: Chart) -> str:
    """The chart and its data table in one ``<figure>``; an empty chart says so instead of drawing axes."""
    if chart.empty:
        return (
            f'<figure class="chart-figure" id="chart-{chart.key}"><figcaption>{escape(chart.title)}'
            "</figcaption><p>尚无可比较的数据。</p></figure>"
        )
    return (
        f'<figure class="chart-figure" id="chart-{chart.key}">'
        f"<figcaption>{escape(chart.title)}</figcaption>{svg(chart)}"
        f"<details><summary>查看数据表</summary>{table_html(chart)}</details></figure>"
    )


def make(key: str, title: str, description: str, years: Sequence[int], series: dict[str, Sequence]) -> Chart:
    """A chart from ``{label: values per year}``."""
    return Chart(
        key,
        title,
        description,
        tuple(years),
        tuple(Series(label, tuple(values)) for label, values in series.items()),
    )
