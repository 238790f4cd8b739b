"""Public feedback (条例第四十七、五十一条): submit → the office replies → the submitter reads the reply;
rate limit, honeypot, masking, the audit trail."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache

from gongkai.agencies import history
from gongkai.agencies.roles import Role
from gongkai.core.errors import Refused
from gongkai.portal import feedback as service
from gongkai.portal.models import Feedback, FeedbackStatus

pytestmark = pytest.mark.django_db

CONTACT = "13912345678"
REPORT = {"kind": "wrong", "content": "《2025年稳岗返还名单》中的单位名称有误。", "contact_name": "王女士"}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _office(world, home="dept"):
    return world["people"][(home, Role.DISCLOSURE_OFFICE)].user


def _submit(client, code="dept", ip="10.1.1.1", **fields):
    return client.post(f"/feedback/{code}/", {**REPORT, "contact": CONTACT, **fields}, REMOTE_ADDR=ip)


def _submitted(client, code="dept", **fields):
    response = _submit(client, code, **fields)
    assert response.status_code == 302 and response["Location"] == "/feedback/receipt/"
    receipt = client.get("/feedback/receipt/").context["receipt"]
    return Feedback.objects.get(number=receipt["number"]), receipt["query_code"]


def _lookup(client, number, code, ip="10.2.2.2"):
    return client.post("/feedback/lookup/", {"number": number, "query_code": code}, REMOTE_ADDR=ip)


def test_form_lists_the_kinds_and_is_labelled(client, world):
    response = client.get("/feedback/dept/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("信息有误", "信息缺失", "链接失效", "投诉", "其他"):
        assert f" {label}</label>" in html
    assert '<label for="id_content">' in html and "甲区人社局" in html
    assert 'class="trap" aria-hidden="true"' in html and 'tabindex="-1"' in html
    assert client.get("/feedback/nowhere/").status_code == 404


def test_submit_reply_lookup(client, world, caplog):
    with caplog.at_level(logging.DEBUG):
        report, code = _submitted(client)
    assert report.agency == world["dept"] and report.status == FeedbackStatus.OPEN
    assert report.number.startswith("YJ") and len(code) == 10
    assert CONTACT not in caplog.text and "王女士" not in caplog.text
    # the receipt is shown once
    again = client.get("/feedback/receipt/")
    assert again.context["receipt"] is None and code not in again.content.decode()

    html = _lookup(client, report.number, code.lower()).content.decode()
    assert "待处理" in html and "尚未答复" in html

    office = _office(world)
    service.reply(report, "经核实，名单已更正。感谢您的监督。", by=office)
    response = _lookup(client, report.number, code)
    assert response.context["report"] == report
    html = response.content.decode()
    assert "已答复" in html and "名单已更正" in html and 'id="feedback-reply"' in html

    service.close(report, by=office, note="已更正")
    report.refresh_from_db()
    assert report.status == FeedbackStatus.CLOSED and report.closed_at
    with pytest.raises(Refused):
        service.reply(report, "再次答复", by=office)
    # every step is in the audit trail, with who did it, and no contact data in it
    entries = list(history.entries_for(report))
    assert [e.data.get("note", "") for e in reversed(entries)] == [report.number, "答复", "办结 已更正"]
    assert entries[0].user == office and entries[1].user == office
    assert all(CONTACT not in str(e.data) for e in entries)


def test_wrong_code_and_throttle(client, world, settings):
    report, code = _submitted(client)
    wrong = _lookup(client, report.number, "WRONGCODE2")
    assert wrong.status_code == 200 and wrong.context["report"] is None
    assert "意见编号或查询码不正确" in wrong.content.decode()
    for _ in range(settings.GONGKAI_LOOKUP_FAILURE_LIMIT - 1):
        _lookup(client, report.number, "WRONGCODE2")
    refused = _lookup(client, report.number, code)  # this client is locked out, even with the right code
    assert refused.status_code == 429 and refused.context["report"] is None
    # another client (the one who made the report) still gets through
    assert _lookup(client, report.number, code, ip="10.9.9.9").context["report"] == report
    assert "请填写查询码" in _lookup(client, report.number, "", ip="10.3.3.3").content.decode()


def test_submissions_are_rate_limited_per_address(client, world, settings):
    settings.GONGKAI_FEEDBACK_LIMIT = 3
    for _ in range(settings.GONGKAI_FEEDBACK_LIMIT):
        _submitted(client)
    refused = _submit(client, content="第四条意见")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "提交次数过多" in html and "第四条意见" in html  # what was typed is kept
    assert Feedback.objects.count() == settings.GONGKAI_FEEDBACK_LIMIT
    assert _submit(client, ip="10.7.7.7").status_code == 302  # another address is not affected


def test_honeypot_stores_nothing(client, world):
    response = _submit(client, website="http://spam.example")
    assert response.status_code == 400 and "提交未成功" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"kind": "", "content": "内容"}, "kind", "请选择意见类型"),
        ({"kind": "bogus", "content": "内容"}, "kind", "请选择意见类型"),
        ({"kind": "other", "content": "   "}, "content", "请填写具体内容"),
        ({"kind": "other", "content": "长" * 2001}, "content", "内容不能超过 2000 字"),
    ],
)
def test_bad_input_is_explained(client, world, data, field, message):
    response = client.post("/feedback/dept/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_unknown_or_foreign_item_is_ignored(client, world):
    report, _ = _submitted(client)
    assert report.item is None
    response = client.get("/feedback/dept/?item=999999")
    assert response.status_code == 200 and response.context["item"] is None
    assert client.get("/feedback/dept/?item=abc").context["item"] is None


def test_office_handles_on_its_desk(client, world):
    report, code = _submitted(client)
    client.force_login(_office(world))
    listing = client.get("/admin/gongkai/feedback/")
    assert report in listing.context["page"].object_list
    detail = client.get(f"/admin/gongkai/feedback/{report.pk}/").content.decode()
    assert CONTACT in detail and "王女士" in detail
    empty = client.post(f"/admin/gongkai/feedback/{report.pk}/reply/", {"reply": ""})
    assert empty.status_code == 200 and "请填写答复内容" in empty.content.decode()
    done = client.post(f"/admin/gongkai/feedback/{report.pk}/reply/", {"reply": "已核实更正。"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == FeedbackStatus.REPLIED and report.replied_by == _office(world)
    assert "已核实更正" in _lookup(client, report.number, code).content.decode()
    assert client.post(f"/admin/gongkai/feedback/{report.pk}/close/", {"note": ""}).status_code == 302
    report.refresh_from_db()
    assert report.status == FeedbackStatus.CLOSED
    again = client.post(f"/admin/gongkai/feedback/{report.pk}/close/", {"note": ""})
    assert again.status_code == 200 and "该意见已办结" in again.content.decode()


def test_contact_masked_for_the_supervising_office(client, world):
    report, _ = _submitted(client)
    client.force_login(world["people"][("gov", Role.SUPERVISING_OFFICE)].user)
    response = client.get(f"/admin/gongkai/feedback/{report.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert CONTACT not in html and "王女士" not in html
    assert response.context["contact"]["contact"] == "1********78" and not response.context["handles"]
    assert "修改答复" not in html and "办结</a>" not in html
    # the supervising office follows but does not reply
    denied = client.post(f"/admin/gongkai/feedback/{report.pk}/reply/", {"reply": "越权答复"})
    assert denied.status_code == 404
    report.refresh_from_db()
    assert report.reply == ""


def test_list_shows_only_reached_agencies(client, world):
    mine, _ = _submitted(client)
    theirs, _ = _submitted(client, code="sibling", ip="10.4.4.4")
    client.force_login(_office(world))
    shown = set(client.get("/admin/gongkai/feedback/").context["page"].object_list)
    assert shown == {mine}
    client.force_login(world["people"][("gov", Role.SUPERVISING_OFFICE)].user)
    shown = set(client.get("/admin/gongkai/feedback/").context["page"].object_list)
    assert shown == {mine, theirs}
    filtered = client.get("/admin/gongkai/feedback/?agency=sibling&status=open&kind=wrong")
    assert set(filtered.context["page"].object_list) == {theirs}
