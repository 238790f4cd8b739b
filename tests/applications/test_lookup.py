"""The applicant's lookup: the number as typed, the steps with dates (no staff notes), the outcome, the reply
date, the letters meant for the applicant; 已办结 after delivery, without a deadline."""

from __future__ import annotations

from datetime import date as D

import pytest
import time_machine

from gongkai.applications import services

from .conftest import person_fields

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(D(2026, 11, 26), tick=False):
        yield


@pytest.fixture
def case(world, office):
    app, code = services.submit(world["dept"], person_fields(1), on=D(2026, 11, 2))
    app = services.confirm_receipt(app, on=D(2026, 11, 3), by=office)
    app = services.request_correction(app, on=D(2026, 11, 4), what="内部备注：请核对身份证", by=office)
    return app, code


def _lookup(client, number, code):
    return client.post("/apply/lookup/", {"number": number, "query_code": code})


def _typed(number: str, how: str) -> str:
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    return {
        "exact": number,
        "ascii brackets": number.replace("〔", "[").replace("〕", "]"),
        "round brackets": number.replace("〔", "(").replace("〕", ")"),
        "full-width digits": number.translate(full),
        "spaces": " " + number.replace("〔", " 〔 ").replace("号", " 号 "),
        "all": number.replace("〔", "［").replace("〕", "］").translate(full).replace("号", " 号"),
    }[how]


@pytest.mark.parametrize(
    "how", ["exact", "ascii brackets", "round brackets", "full-width digits", "spaces", "all"]
)
def test_number_as_typed(client, case, how):
    app, code = case
    assert "〔2026〕" in app.number
    response = _lookup(client, _typed(app.number, how), code)
    assert response.context["progress"] is not None and response.context["progress"].app == app


def test_steps_with_dates_without_staff_notes(client, case):
    app, code = case
    html = _lookup(client, app.number, code).content.decode()
    assert "2026年11月2日 提交申请" in html and "2026年11月3日 机关确认收到申请" in html
    assert "2026年11月4日 告知补正" in html
    assert "内部备注" not in html and "身份证" not in html


def test_after_delivery_it_is_finished_with_outcome_reply_and_letters(client, case, office):
    from gongkai.applications import letters

    app, code = case
    app = services.receive_correction(app, on=D(2026, 11, 5), by=office)
    app = services.decide(app, on=D(2026, 11, 20), outcome="partial", basis="第三十七条", withheld="个人信息")
    decided = app.events.get(kind="decided")
    letters.generate(app, decided, by=office)
    app = services.reply(app, on=D(2026, 11, 20), by=office)
    app = services.deliver(app, on=D(2026, 11, 23), method="post", by=office)
    response = _lookup(client, app.number, code)
    progress = response.context["progress"]
    assert progress.status_label == "已办结" and progress.due is None
    html = response.content.decode()
    assert "已办结" in html and "答复期限" not in html and "暂定" not in html
    assert "（二）部分公开" in html and "区分处理的" not in html
    assert "2026年11月20日 作出答复" in html and "2026年11月23日 送达答复" in html
    assert "答复告知书（2026年11月20日）" in html
