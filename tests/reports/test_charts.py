"""Year-over-year charts: valid, accessible SVG whose bars carry the figures; the figures taken from the
published reports."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest
from django.utils import timezone

from gongkai.core.render import charts
from gongkai.core.report.model import AnnualReport
from gongkai.reports import charts as report_charts
from gongkai.reports.models import AgencyReport, ReportStatus

SVG = "{http://www.w3.org/2000/svg}"


def sample() -> charts.Chart:
    return charts.make(
        "outcomes",
        "办理结果（件）",
        "各年度办理结果",
        [2020, 2021, 2022],
        {"予以公开": [12, 30, None], "不予公开": [3, 0, 5]},
    )


def test_svg_is_valid_and_accessible():
    root = ET.fromstring(charts.svg(sample()))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "办理结果（件）" and desc.text == "各年度办理结果"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_bars_carry_the_values_and_scale_to_the_axis():
    root = ET.fromstring(charts.svg(sample()))
    bars = root.findall(f"{SVG}rect[@class='bar']")
    assert [b.get("data-value") for b in bars] == ["12", "3", "30", "0", "5"]  # no bar for the unknown figure
    assert [b.find(f"{SVG}title").text for b in bars][:2] == ["2020年 予以公开：12", "2020年 不予公开：3"]
    heights = {b.get("data-value"): float(b.get("height")) for b in bars}
    assert heights["30"] == pytest.approx(heights["12"] * 30 / 12)  # proportional
    assert heights["0"] == 0
    top = charts.nice_ceiling(30)
    assert top == 40
    assert heights["30"] == pytest.approx(
        (charts.HEIGHT - charts.MARGIN_TOP - charts.MARGIN_BOTTOM) * 30 / top
    )


@pytest.mark.parametrize(
    "value,top", [(0, 4), (3, 4), (5, 8), (11, 12), (35, 40), (74, 80), (100, 100), (101, 120), (999, 1000)]
)
def test_axis_top_is_round_and_above_the_maximum(value, top):
    assert charts.nice_ceiling(value) == top
    assert top % 4 == 0  # whole-number gridlines


def test_data_table_fallback_and_escaping():
    chart = charts.make("x", "<标题>", "说明 & 来源", [2021], {"a<b": [1]})
    table = charts.table_html(chart)
    assert '<th scope="row">a&lt;b</th><td>1</td>' in table
    ET.fromstring(charts.svg(chart))  # still well-formed
    assert "&lt;标题&gt;" in charts.figure_html(chart)
    empty = charts.make("e", "空", "无数据", [2021], {"a": [None]})
    assert "尚无可比较的数据" in charts.figure_html(empty)
    assert "<svg" not in charts.figure_html(empty)


def test_series_length_must_match_years():
    with pytest.raises(ValueError):
        charts.make("x", "t", "d", [2020, 2021], {"a": [1]})


@pytest.mark.django_db
def test_report_charts_take_the_published_figures(world):
    dept = world["dept"]
    for year, granted, secret, natural, review_total in ((2021, 5, 1, 4, 2), (2022, 8, 0, 6, 0)):
        report = AnnualReport.from_figures(
            "2021",
            year,
            dept.name,
            requests={
                "new": {"natural_person": natural, "commercial": 2},
                "granted": {"natural_person": granted},
                "withheld.state_secret": {"natural_person": secret},
                "withheld.third_party": {"natural_person": 1},
            },
            appeals={"review.upheld": review_total, "litigation_direct.pending": 1},
        )
        AgencyReport.objects.create(
            agency=dept,
            year=year,
            template="2021",
            status=ReportStatus.PUBLISHED,
            published_at=timezone.make_aware(datetime(year + 1, 1, 20)),
            report_date=date(year + 1, 1, 20),
            published_report=report.to_dict(extended=True),
        )
    AgencyReport.objects.create(agency=dept, year=2023, template="2021")  # a draft is not charted
    built = {c.key: c for c in report_charts.build(dept, report_charts.by_year(dept))}
    outcomes = built["outcomes"]
    assert outcomes.years == (2021, 2022)
    series = {s.label: s.values for s in outcomes.series}
    assert series["予以公开"] == (5, 8)
    assert series["不予公开"] == (2, 1)  # every withheld row summed
    assert {s.label: s.values for s in built["applicants"].series} == {
        "自然人": (4, 6),
        "法人或其他组织": (2, 2),
    }
    assert {s.label: s.values for s in built["appeals"].series} == {"行政复议": (2, 0), "行政诉讼": (1, 1)}
    assert report_charts.by_year(dept, up_to=2021).keys() == {2021}
    html = report_charts.figures_html(dept)
    assert html.count("<svg") >= 3
    assert report_charts.figures_html(dept, up_to=2021) == ""  # one year: nothing to compare
    assert "主动公开政府信息" not in html  # no item published in either year: an empty chart is not shown


@pytest.mark.parametrize(
    ("values", "shown"),
    [
        ({"a": [3, None]}, False),  # one year with data
        ({"a": [0, 0], "b": [0, None]}, False),  # only zeros
        ({"a": [0, 2], "b": [None, None]}, True),
        ({"a": [None, 1, 4]}, True),
    ],
)
def test_a_chart_is_shown_with_two_years_of_data(values, shown):
    years = list(range(2020, 2020 + len(next(iter(values.values())))))
    assert report_charts.worth_showing(charts.make("x", "t", "d", years, values)) is shown
