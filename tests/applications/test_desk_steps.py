"""The desk's right steps and words: steps it can no longer take are not offered, 收到意见 chooses among the open
consultations, the change log in Chinese labels, search and order of the list, one due-soon threshold, and what
the applicant's lookup shows."""

from __future__ import annotations

from datetime import date as D

import pytest
import time_machine

from gongkai.agencies.roles import Role
from gongkai.applications import services
from gongkai.applications.models import Application

from .conftest import person_fields, received

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(D(2026, 11, 26), tick=False):
        yield


def _page(client, app) -> str:
    return client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()


def _button(app, step: str) -> str:
    return f'href="/admin/gongkai/applications/{app.pk}/{step}/"'


# (steps taken, the buttons then offered, the buttons no longer offered)
STEP_CASES = [
    ([], {"correction", "extend", "fee", "consult"}, {"answer", "corrected"}),
    (["correction", "corrected"], {"extend", "consult"}, {"correction"}),
    (["extend"], {"correction", "consult"}, {"extend"}),
    (["consult"], {"answer", "extend"}, {"correction", "fee"}),
    (["consult", "answer"], {"consult", "extend"}, {"answer"}),
]


@pytest.mark.parametrize("taken,offered,hidden", STEP_CASES)
def test_steps_that_can_no_longer_be_taken_are_not_offered(client, world, office, taken, offered, hidden):
    app = received(world["dept"], D(2026, 11, 16), by=office)
    run = {
        "correction": lambda a: services.request_correction(a, on=D(2026, 11, 17), what="请写明文号"),
        "corrected": lambda a: services.receive_correction(a, on=D(2026, 11, 18)),
        "extend": lambda a: services.extend(a, on=D(2026, 11, 19), days=5, approver="主任"),
        "consult": lambda a: services.send_consultation(
            a, on=D(2026, 11, 20), party="third_party", to="某公司"
        ),
        "answer": lambda a: services.answer_consultation(a, on=D(2026, 11, 23), key="1"),
    }
    for step in taken:
        app = run[step](app)
    client.force_login(office)
    html = _page(client, app)
    for step in offered:
        assert _button(app, step) in html, step
    for step in hidden:
        assert _button(app, step) not in html, step


def test_answer_chooses_among_open_consultations(client, world, office):
    app = received(world["dept"], D(2026, 11, 16), by=office)
    app = services.send_consultation(app, on=D(2026, 11, 17), party="third_party", to="某甲公司")
    app = services.send_consultation(app, on=D(2026, 11, 18), party="agency", to="甲区财政局")
    app = services.answer_consultation(app, on=D(2026, 11, 19), key="1")
    client.force_login(office)
    url = f"/admin/gongkai/applications/{app.pk}/answer/"
    html = client.get(url).content.decode()
    assert '<select name="key"' in html and "甲区财政局" in html and "某甲公司" not in html
    response = client.post(url, {"on": "2026-11-20", "key": "1"})
    assert (
        "选择一个有效的选项" in response.content.decode()
        or "Select a valid choice" in response.content.decode()
    )
    assert client.post(url, {"on": "2026-11-20", "key": "2"}).status_code == 302
    assert Application.objects.get(pk=app.pk).status == "processing"


def test_change_log_shows_labels_not_codes(client, world, office):
    app, _ = services.submit(world["dept"], person_fields(1), on=D(2026, 11, 17))
    services.confirm_receipt(app, on=D(2026, 11, 18), by=office)
    client.force_login(office)
    html = _page(client, app).split("变更记录")[1]
    assert "网上申请" in html and "待确认" in html and "办理中" in html
    for code in ("online", "processing", "submitted", "False", "True"):
        assert code not in html, code


def test_outcome_label_drops_the_tables_note(client, world, office):
    app = received(world["dept"], D(2026, 11, 16), by=office)
    services.decide(app, on=D(2026, 11, 20), outcome="partial", basis="第三十七条", withheld="身份证号码")
    client.force_login(office)
    html = _page(client, app)
    assert "（二）部分公开" in html and "区分处理的" not in html


def test_search_by_applicant_and_content_for_the_handling_office(client, world, office):
    dept = world["dept"]
    a = received(dept, D(2026, 11, 16), person_fields(1, name="欧阳明"))
    b = received(dept, D(2026, 11, 16), person_fields(2, info_description="关于某小区加装电梯补贴的文件"))
    client.force_login(office)

    def find(q):
        return [r["app"].pk for r in client.get("/admin/gongkai/applications/", {"q": q}).context["rows"]]

    assert find("欧阳") == [a.pk] and find("加装电梯") == [b.pk]
    client.force_login(world["people"][("dept", Role.SECTION_HEAD)].user)  # sees cases, not who applied
    assert find("欧阳") == [] and find("加装电梯") == []


def test_closed_cases_sorted_by_close_date(client, world, office):
    dept = world["dept"]
    early = received(dept, D(2026, 10, 12), person_fields(1))
    late = received(dept, D(2026, 9, 1), person_fields(2))  # received earlier, closed later
    for app, on in ((early, D(2026, 10, 20)), (late, D(2026, 11, 2))):
        app = services.decide(app, on=on, outcome="granted", basis="第三十六条第（二）项")
        app = services.reply(app, on=on)
        services.deliver(app, on=on, method="post")
    client.force_login(office)
    rows = client.get("/admin/gongkai/applications/").context["rows"]
    assert [r["app"].pk for r in rows] == [late.pk, early.pk]


@pytest.mark.parametrize("threshold,soon", [(3, False), (5, True)])
def test_list_and_dashboard_share_the_due_soon_threshold(client, world, office, settings, threshold, soon):
    settings.GONGKAI_DUE_SOON_WORKDAYS = threshold
    app = received(world["dept"], D(2026, 11, 4), by=office)  # due 2026-12-02: 4 working days left
    client.force_login(office)
    row = client.get("/admin/gongkai/applications/").context["rows"][0]
    left = row["deadline"].workdays_left
    assert (row["state"] == "即将到期") is soon and (left <= threshold) is soon
    dashboard = client.get("/admin/").content.decode().split("即将到期与已逾期")[1]
    assert (app.number in dashboard.split("网上申请待确认")[0]) is soon
