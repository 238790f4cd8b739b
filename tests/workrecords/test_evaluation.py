"""The evaluation (政务公开考核) through the staff URLs: the supervising office defines a scheme, computes the
measured indicators from the records, scores the others by hand with a reason, ranks and exports; an agency sees
its own scores with the reasons; social ratings and accountability records reach the government's 五."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

W = "/admin/gongkai/work"


def _refused(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def _rectifications(agency):
    from gongkai.workrecords.models import Inspection, Rectification

    inspection = Inspection.objects.create(
        agency=agency, kind="self", inspector=agency, inspected_on=date(2020, 3, 1), title="自查"
    )
    for closed in (date(2020, 5, 1), date(2020, 7, 1)):
        Rectification.objects.create(
            agency=agency,
            inspection=inspection,
            problem="问题",
            measure="措施",
            responsible_name="某人",
            due_on=date(2020, 6, 30),
            closed_on=closed,
        )


def test_the_supervising_office_evaluates_and_the_agency_sees_its_own_scores(world, login):
    from gongkai.workrecords.models import EvaluationScheme, Score
    from gongkai.workrecords.prose import additions

    _rectifications(world["dept"])
    assert _refused(
        login("disclosure_office").post(f"{W}/gov/evaluation/new/", {"year": "2020", "title": "x"})
    )
    office = login("supervising_office", home="gov")
    data = {"year": "2020", "title": "2020年度政务公开工作考核"}
    assert office.post(f"{W}/gov/evaluation/new/", data).status_code == 302
    scheme = EvaluationScheme.objects.get()
    base = f"{W}/gov/evaluation/{scheme.pk}/"
    indicator = {"order": "1", "points": "10", "full_at": "100", "zero_at": "0", "per_item": "1", "rule": ""}
    bad = {**indicator, "name": "整改", "method": "rectification_on_time", "zero_at": "100"}
    assert "零分比例应低于满分比例" in office.post(f"{base}indicators/new/", bad).content.decode()
    measured = {**indicator, "name": "整改按期完成", "method": "rectification_on_time"}
    by_hand = {**indicator, "order": "2", "name": "公开平台建设", "method": "manual", "points": "5"}
    for values in (measured, by_hand):
        assert office.post(f"{base}indicators/new/", values).status_code == 302
    assert office.get(f"{base}compute/").status_code == 200  # asks to confirm
    assert office.post(f"{base}compute/").status_code == 302
    score = Score.objects.get(agency=world["dept"])
    assert score.points == 5 and "按期完成整改的问题：1/2，即 50.00%" in score.note
    assert not Score.objects.filter(agency=world["sibling"]).exists()  # nothing to measure: scored by hand

    manual = scheme.indicators.get(method="manual")
    url = f"{base}score/{manual.pk}/dept/"
    assert "之间" in office.post(url, {"points": "6", "note": "栏目齐全"}).content.decode()
    assert "评分理由" in office.post(url, {"points": "4", "note": "好"}).content.decode()
    assert (
        "不在本考核范围内"
        in office.post(
            f"{base}score/{manual.pk}/gov/", {"points": "4", "note": "栏目齐全规范"}
        ).content.decode()
    )
    assert office.post(url, {"points": "4.5", "note": "栏目齐全，更新及时"}).status_code == 302
    assert (
        office.post(f"{base}score/{manual.pk}/sibling/", {"points": "3", "note": "栏目不全"}).status_code
        == 302
    )

    page = office.get(base).content.decode()
    assert "9.5" in page and "甲区住建局" in page
    sheet = load_workbook(io.BytesIO(office.get(f"{base}results.xlsx").content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1][:2] == [1, "甲区人社局"] and rows[1][4] == 9.5 and "栏目齐全，更新及时" in rows[1][5]
    assert rows[2][:2] == [2, "甲区住建局"]

    clerk = login("staff")
    assert _refused(clerk.get(base))
    mine = clerk.get(f"{W}/dept/2020/scores/").content.decode()
    assert "排第 1 名" in mine and "栏目齐全，更新及时" in mine and "栏目不全" not in mine

    assert (
        "政务公开工作考核。本年度按《2020年度政务公开工作考核》考核所属单位2个，得分最高的是甲区人社局（9.5分）。"
        in (additions(world["gov"], 2020).problems)
    )
    assert "在甲区人民政府组织的政务公开工作考核中，本机关得9.5分，在" in "".join(
        additions(world["dept"], 2020).problems
    )


def _problems(agency, year=2020) -> str:
    from gongkai.reports import assembly

    return next(s.text for s in assembly.assemble(agency, year).sections if s.key == "problems")


def test_social_ratings_and_accountability_reach_the_governments_section_five(world, login):
    office = login("disclosure_office", home="gov")
    rating = {
        "year": "2020",
        "source": "网上满意度调查",
        "participants": "200",
        "satisfied": "180",
        "summary": "",
    }
    assert office.post(f"{W}/gov/2020/ratings/new/", {**rating, "satisfied": "201"}).status_code == 200
    assert office.post(f"{W}/gov/2020/ratings/new/", rating).status_code == 302
    problems = _problems(world["gov"])
    assert (
        "本年度平台未登记社会评议结果" not in problems
        and "本年度平台未登记因政府信息公开工作追究责任的事项。" in problems
    )
    assert "社会评议。本年度通过网上满意度调查开展社会评议，参与评议200人，表示满意180人。" in problems
    case = {
        "year": "2020",
        "decided_on": "2020-08-01",
        "matter": "未按期答复申请",
        "outcome": "约谈",
        "persons": "1",
    }
    assert (
        "决定日期应在所填年度内"
        in office.post(
            f"{W}/gov/2020/accountability/new/", {**case, "decided_on": "2019-08-01"}
        ).content.decode()
    )
    assert office.post(f"{W}/gov/2020/accountability/new/", case).status_code == 302
    problems = _problems(world["gov"])
    assert "本年度平台未登记" not in problems and "社会评议和责任追究情况如下。" in problems
    assert "责任追究。本年度因政府信息公开工作追究责任1起，涉及1人：未按期答复申请，约谈。" in problems


def test_evaluating_is_its_own_permission_apart_from_inspecting(world, login, monkeypatch):
    """Taking `workrecords.evaluate` from the supervising office refuses it the evaluation pages and services
    while it still issues work plans and inspects (`workrecords.inspect`)."""
    from gongkai.agencies import roles
    from gongkai.agencies.roles import Perm, Role

    monkeypatch.setitem(roles.GRANTS, Perm.EVALUATE, frozenset({Role.SYSTEM_ADMIN}))
    office = login("supervising_office", home="gov")
    assert _refused(office.get(f"{W}/gov/evaluation/"))
    assert _refused(office.post(f"{W}/gov/evaluation/new/", {"year": "2020", "title": "考核"}))
    assert office.get(f"{W}/gov/plans/new/").status_code == 200
    assert office.get(f"{W}/dept/inspections/supervision/").status_code == 200
