"""The evaluation's indicators measured from other rooms' records, through the staff pages: the annual report
published by its statutory date without error findings (reports' publication and the findings frozen with it),
and 错敏词 hits left unacknowledged on the year's published items (publishing's wording check). The supervising
office computes; the agency reads the points and the reason on its own page."""

from __future__ import annotations

import html
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

W = "/admin/gongkai/work"
THIS_YEAR = timezone.localdate().year


def _published_report(agency, year, on: date | None, findings: list[tuple[str, str]] = ()):
    from gongkai.reports.models import AgencyReport, ReportStatus

    if on is None:
        return
    AgencyReport.objects.create(
        agency=agency,
        year=year,
        template="2021",
        status=ReportStatus.PUBLISHED,
        published_at=timezone.make_aware(datetime(on.year, on.month, on.day, 10)),
        published_report={
            "findings": [{"code": code, "severity": severity, "where": "表三"} for code, severity in findings]
        },
    )


def _item(world, title: str, published_on: date):
    from gongkai.portal import demo as portal_demo
    from gongkai.portal.models import PortalHomePage
    from gongkai.publishing.models import InformationItemPage
    from gongkai.publishing.services import create_section

    portal_demo.load()
    section = create_section(world["dept"], PortalHomePage.objects.get())
    item = section.add_child(
        instance=InformationItemPage(
            live=False,
            title=title,
            formed_on=date(2020, 3, 3),
            category="livelihood",
            topic="social_security",
            genre="notice",
            summary="明确办理流程。",
            body="<p>各有关单位：</p>",
        )
    )
    item.save_revision()
    InformationItemPage.objects.filter(pk=item.pk).update(published_on=published_on)
    return item


def _wording(world, rule: bool, items: list[tuple[date, bool]]):
    from gongkai.publishing import wording
    from gongkai.publishing.models import WordingRule

    if rule:
        WordingRule.objects.create(agency=world["dept"], expression="劳动和社会保障局", correction="人社局")
    for n, (published_on, acknowledged) in enumerate(items, 1):
        item = _item(world, f"关于劳动和社会保障局社保卡发放的通知（{n}）", published_on)
        if acknowledged:
            wording.acknowledge(item, world["people"][("dept", _role("staff"))].user)


def _role(name):
    from gongkai.agencies.roles import Role

    return Role(name)


def _evaluate(login, year: int, method: str):
    """The supervising office's scheme with one measured indicator (10 points, 4 off per item), computed; the
    dept's own scores page."""
    from gongkai.workrecords.models import EvaluationScheme

    office = login("supervising_office", home="gov")
    assert office.post(f"{W}/gov/evaluation/new/", {"year": str(year), "title": "考核"}).status_code == 302
    base = f"{W}/gov/evaluation/{EvaluationScheme.objects.get().pk}/"
    indicator = {
        "order": "1",
        "name": "测得指标",
        "points": "10",
        "method": method,
        "full_at": "100",
        "zero_at": "0",
        "per_item": "4",
        "rule": "",
    }
    assert office.post(f"{base}indicators/new/", indicator).status_code == 302
    assert office.post(f"{base}compute/").status_code == 302
    return html.unescape(login("staff").get(f"{W}/dept/{year}/scores/").content.decode())


@pytest.mark.parametrize(
    ("year", "published_on", "findings", "points", "reason"),
    [
        (
            2020,
            date(2021, 1, 20),
            [],
            Decimal(10),
            "于 2021-01-20 发布，在法定期限 2021-01-31 前发布；发布时检查出错误 0 个",
        ),
        (
            2020,
            date(2021, 2, 10),
            [],
            Decimal(6),
            "晚于法定期限 2021-01-31，计逾期 1 个；发布时检查出错误 0 个",
        ),
        (
            2020,
            date(2021, 1, 20),
            [("text-vs-table", "error"), ("sum", "error"), ("wording", "warning")],
            Decimal(2),
            "发布时检查出错误 2 个",
        ),
        (2020, date(2021, 3, 1), [("late", "error")], Decimal(6), "计逾期 1 个；发布时检查出错误 0 个"),
        (2020, None, [], Decimal(6), "2020年度报告至今未发布（法定期限 2021-01-31），计逾期 1 个"),
        (THIS_YEAR, None, [], None, None),
    ],
    ids=["on-time", "late", "errors", "late-not-twice", "never", "not-yet-due"],
)
def test_the_report_on_time_and_without_errors(world, login, year, published_on, findings, points, reason):
    from gongkai.workrecords.models import Score

    _published_report(world["dept"], year, published_on, findings)
    page = _evaluate(login, year, "report_defects")
    score = Score.objects.filter(agency=world["dept"]).first()
    if points is None:
        assert score is None and "尚未评分" in page  # left to be scored by hand
        return
    assert score.points == points and reason in score.note
    assert score.note in page and f"按评分标准得 {score.points} 分（满分 10.0 分）" in page


@pytest.mark.parametrize(
    ("rule", "items", "points", "reason"),
    [
        (False, [(date(2020, 5, 1), False)], Decimal(10), "均未设置错敏词"),
        (True, [(date(2020, 5, 1), False)], Decimal(6), "未经确认的错敏词命中 1 个（《关于劳动和社会保障局"),
        (True, [(date(2020, 5, 1), True)], Decimal(10), "未经确认的错敏词命中 0 个"),
        (True, [(date(2019, 12, 31), False), (date(2020, 5, 1), True)], Decimal(10), "命中 0 个"),
        (True, [(date(2020, 5, 1), False), (date(2020, 6, 1), False)], Decimal(2), "命中 2 个"),
    ],
    ids=["no-rules", "unacknowledged", "acknowledged", "other-year", "two-items"],
)
def test_wording_hits_left_unresolved(world, login, rule, items, points, reason):
    from gongkai.workrecords.models import Score

    _wording(world, rule, items)
    page = _evaluate(login, 2020, "wording_unresolved")
    score = Score.objects.get(agency=world["dept"])
    assert score.points == points and reason in score.note and reason in page
