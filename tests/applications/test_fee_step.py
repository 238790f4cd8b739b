"""The fee step: the amount comes from the method and the count (109号's bands), never typed; waivers need a
reason; the fee notice says how to pay (the agency's setting)."""

from __future__ import annotations

from datetime import date as D

import pytest
import time_machine

from gongkai.applications.models import Application

from .conftest import received

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(D(2025, 3, 10), tick=False):
        yield


@pytest.fixture
def case(world):
    return received(world["dept"], D(2025, 3, 3))


def _post(client, office, app, **data):
    client.force_login(office)
    return client.post(f"/admin/gongkai/applications/{app.pk}/fee/", {"on": "2025-03-05", **data})


# (method, quantity, amount the bands give) — law.md section 4's examples and the band edges
BANDS = [
    ("count", 10, 0),
    ("count", 11, 100),
    ("count", 30, 100),
    ("count", 31, 200),
    ("count", 35, 200),
    ("count", 41, 300),
    ("pages", 30, 0),
    ("pages", 31, 10),
    ("pages", 100, 700),
    ("pages", 150, 1700),
    ("pages", 201, 2740),
]


@pytest.mark.parametrize("method,quantity,amount", BANDS)
def test_amount_is_computed(client, office, case, method, quantity, amount):
    response = _post(client, office, case, method=method, quantity=quantity)
    notice = case.events.filter(kind="fee_notice").first()
    if amount == 0:
        assert notice is None and "免费范围内" in response.content.decode()
    else:
        assert response.status_code == 302
        assert notice.data["amount"] == amount and notice.data["computed"] == amount


def test_preview_shows_bands_and_records_nothing(client, office, case):
    response = _post(client, office, case, method="pages", quantity=150, preview="1")
    html = response.content.decode()
    assert "应收金额：<strong>1700 元</strong>" in html
    assert "第31—100页：每页10元 × 70页 = 700元" in html and "第101—200页：每页20元 × 50页 = 1000元" in html
    assert "第201页以上：每页40元" in html  # the bands are shown
    assert not case.events.filter(kind="fee_notice").exists()


def test_an_amount_the_bands_cannot_give_is_refused(client, office, case):
    response = _post(client, office, case, method="pages", quantity=150, amount=1234)
    assert "收费金额 1234 元与按量计收标准不符：150页应收 1700 元" in response.content.decode()
    assert not case.events.filter(kind="fee_notice").exists()
    assert _post(client, office, case, method="pages", quantity=150, amount=1700).status_code == 302


@pytest.mark.parametrize(
    "reduced_to,reason,error",
    [
        (1000, "", "请写明减免理由"),
        (2000, "困难群众", "减免后金额应在 0 至 1700 元之间"),
        (0, "困难群众", "全额减免的，无需发出收费通知"),
        (None, "困难群众", "没有填写减免后金额"),
        (1000, "申请人为低保户", None),
    ],
)
def test_waiver_needs_a_reason(client, office, case, reduced_to, reason, error):
    data = {"method": "pages", "quantity": 150, "waiver_reason": reason}
    if reduced_to is not None:
        data["reduced_to"] = reduced_to
    response = _post(client, office, case, **data)
    notice = case.events.filter(kind="fee_notice").first()
    if error:
        assert error in response.content.decode() and notice is None
    else:
        assert notice.data["amount"] == 1000 and notice.data["waiver_reason"] == "申请人为低保户"
        page = client.get(f"/admin/gongkai/applications/{case.pk}/").content.decode()
        assert "应缴 1000 元" in page and "由 1700 元减免" in page


def test_fee_notice_states_how_to_pay(client, office, world, case):
    from gongkai.applications import letters

    client.force_login(office)
    url = "/admin/gongkai/agencies/dept/applications/fee-payment/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"fee_payment": "请通过安徽省非税收入一般缴款书缴纳，咨询电话 0551-1234567。"}
    )
    assert response.status_code == 302
    assert _post(client, office, case, method="count", quantity=35).status_code == 302
    app = Application.objects.get(pk=case.pk)
    event = app.events.get(kind="fee_notice")
    text = "\n".join(letters.draft(app, event).paragraphs)
    assert "缴纳方式：请通过安徽省非税收入一般缴款书缴纳，咨询电话 0551-1234567。" in text
    assert "本申请为您本月第35件申请" in text and "合计200元" in text and "人民币200元" in text
