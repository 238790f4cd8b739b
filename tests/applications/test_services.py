"""The case's steps: each one event, one transaction, one history entry; status and deadline from events."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.agencies import history
from gongkai.applications import services
from gongkai.applications.choices import Status
from gongkai.applications.models import Application
from gongkai.core.errors import Refused

from .conftest import org_fields, person_fields, received

pytestmark = pytest.mark.django_db

D = date


def test_online_submission_is_received_on_confirmation(world, office):
    app, code = services.submit(world["dept"], person_fields(), on=D(2024, 1, 25))
    assert app.status == Status.SUBMITTED and app.received_on is None and app.due is None
    assert len(code) == 10 and code not in app.query_code_hash
    app = services.confirm_receipt(app, on=D(2024, 1, 26), by=office)
    assert app.status == Status.PROCESSING
    assert app.received_on == D(2024, 1, 26)
    assert app.due == D(2024, 2, 28)  # across the 2024 Spring Festival
    assert not app.due_provisional
    assert app.created_at.date() != app.received_on  # the legal date is not the technical one


def test_full_path_to_closed_with_history(world, office):
    app = received(world["dept"], D(2025, 1, 24), by=office)
    assert app.due == D(2025, 2, 27)
    app = services.request_correction(app, on=D(2025, 1, 27), what="请写明文件名称", by=office)
    assert app.status == Status.AWAITING_CORRECTION and app.due is None
    app = services.receive_correction(app, on=D(2025, 2, 5), by=office)
    assert app.status == Status.PROCESSING and app.due == D(2025, 3, 4)  # 2025-02-08 (Sat) is worked
    app = services.extend(app, on=D(2025, 2, 20), days=20, approver="办公室主任", by=office)
    assert app.due == D(2025, 4, 1)
    app = services.decide(app, on=D(2025, 3, 20), outcome="granted", basis="第三十六条第（二）项", by=office)
    assert app.status == Status.DECIDED and app.outcome == "granted" and app.decided_on == D(2025, 3, 20)
    app = services.reply(app, on=D(2025, 3, 20), by=office)
    app = services.deliver(app, on=D(2025, 3, 21), method="email", proof="发送回执", by=office)
    app = services.close(app, on=D(2025, 3, 24), by=office)
    assert app.status == Status.CLOSED
    assert app.events.count() == 8
    entries = list(history.entries_for(app))
    assert len(entries) == 8
    assert all(e.user == office for e in entries)
    notes = [e.data.get("note", "") for e in reversed(entries)]
    assert notes[0].endswith("确认收到申请") and notes[-1].endswith("办结")
    assert "办理状态" in entries[0].data["changes"]
    dl = services.deadline(app)
    assert dl.state == "stopped" and dl.stop_reason == "replied"
    assert any("延长答复期限 20 个工作日" in s.text for s in dl.explain)


def test_no_personal_data_in_history(world, office):
    fields = person_fields()
    app = received(world["dept"], D(2025, 3, 3), fields, by=office)
    entry = history.entries_for(app).first()
    text = str(entry.data)
    for key in ("name", "id_number", "phone", "address", "email"):
        assert fields[key] not in text


@pytest.mark.parametrize(
    "step,kwargs,message",
    [
        (services.receive_correction, {}, "不能进行“收到补正材料”"),
        (services.reply, {}, "不能进行“答复”"),
        (services.record_fee_paid, {}, "不能进行“缴纳费用”"),
        (services.close, {}, "不能进行“办结”"),
        (services.confirm_receipt, {}, "不能进行“确认收到申请”"),
    ],
)
def test_invalid_transitions_are_refused_in_chinese(world, step, kwargs, message):
    app = received(world["dept"], D(2025, 3, 3))
    with pytest.raises(Refused, match=message):
        step(app, on=D(2025, 3, 4), **kwargs)
    app.refresh_from_db()
    assert app.status == Status.PROCESSING and app.events.count() == 1
    assert history.entries_for(app).count() == 1


def test_clock_rules_are_enforced(world, office):
    app = received(world["dept"], D(2025, 3, 3))
    app = services.extend(app, on=D(2025, 3, 10), days=10, approver="主任")
    with pytest.raises(Refused, match="只能延长一次"):
        services.extend(app, on=D(2025, 3, 11), days=5, approver="主任")
    with pytest.raises(Refused, match="批准人"):
        services.extend(received(world["dept"], D(2025, 3, 3)), on=D(2025, 3, 4), days=5, approver=" ")
    with pytest.raises(Refused, match="早于上一步骤"):
        services.decide(app, on=D(2025, 3, 5), outcome="granted", basis="第三十六条")
    with pytest.raises(Refused, match="晚于今天"):
        services.decide(app, on=D(2099, 1, 1), outcome="granted", basis="第三十六条")


def test_decision_picks_exactly_one_outcome_with_basis(world):
    app = received(world["dept"], D(2025, 3, 3))
    with pytest.raises(Refused, match="办理结果"):
        services.decide(app, on=D(2025, 3, 4), outcome="withheld", basis="x")
    with pytest.raises(Refused, match="办理结果"):
        services.decide(app, on=D(2025, 3, 4), outcome="other.unpaid_fee", basis="x")
    with pytest.raises(Refused, match="法律依据"):
        services.decide(app, on=D(2025, 3, 4), outcome="granted", basis="")
    with pytest.raises(Refused, match="不予公开的部分"):
        services.decide(app, on=D(2025, 3, 4), outcome="partial", basis="第三十七条")
    app = services.decide(
        app, on=D(2025, 3, 4), outcome="partial", basis="第三十七条", withheld="第三方个人信息，第十五条"
    )
    assert app.outcome == "partial" and app.legal_basis == "第三十七条"
    assert app.events.last().data["withheld"] == "第三方个人信息，第十五条"


def test_abandoned_after_correction_period(world):
    app = received(world["dept"], D(2025, 3, 3))
    app = services.request_correction(app, on=D(2025, 3, 5), what="写明名称", respond_by=D(2025, 3, 20))
    with pytest.raises(Refused, match="尚未届满"):
        services.abandon(app, on=D(2025, 3, 20))
    app = services.abandon(app, on=D(2025, 3, 21))
    assert app.status == Status.CLOSED
    assert app.outcome == "other.no_correction" and app.decided_on == D(2025, 3, 21)


def test_consultation_pauses_and_resumes(world):
    app = received(world["dept"], D(2025, 3, 3))
    assert app.due == D(2025, 3, 31)
    app = services.send_consultation(app, on=D(2025, 3, 10), party="third_party", to="某公司")
    assert app.status == Status.CONSULTING
    app = services.send_consultation(app, on=D(2025, 3, 11), party="agency", to="市财政局")
    app = services.answer_consultation(app, on=D(2025, 3, 14), key="1")
    assert app.status == Status.CONSULTING
    app = services.answer_consultation(app, on=D(2025, 3, 17), key="2")
    assert app.status == Status.PROCESSING
    assert app.due == D(2025, 4, 8)  # (3-10, 3-17] = 5 working days not counted; 4-4 清明
    with pytest.raises(Refused, match="不能进行“收到意见”"):
        services.answer_consultation(app, on=D(2025, 3, 18), key="2")


def test_fee_paid_and_unpaid(world):
    app = received(world["dept"], D(2025, 3, 3))
    app = services.send_fee_notice(app, on=D(2025, 3, 5), quantity=31, method="count")
    assert app.status == Status.AWAITING_FEE
    paid = services.record_fee_paid(app, on=D(2025, 3, 12))
    assert paid.status == Status.PROCESSING and paid.due == D(2025, 4, 8)  # (3-5, 3-12] not counted

    other = received(world["dept"], D(2025, 3, 3))
    other = services.send_fee_notice(other, on=D(2025, 3, 5), quantity=31, method="count")
    with pytest.raises(Refused, match="尚未届满"):
        services.record_fee_unpaid(other, on=D(2025, 4, 2))
    other = services.record_fee_unpaid(other, on=D(2025, 4, 3))
    assert other.status == Status.CLOSED and other.outcome == "other.unpaid_fee"


def test_reasonable_period_of_article_35(world):
    app = received(world["dept"], D(2025, 3, 3))
    app = services.set_reasonable_period(
        app, on=D(2025, 3, 10), due=D(2025, 6, 30), reason="申请数量明显超出"
    )
    assert app.due == D(2025, 6, 30) and not app.due_provisional
    with pytest.raises(Refused, match="第三十五条"):
        services.extend(app, on=D(2025, 3, 11), days=10, approver="主任")


def test_withdrawal(world):
    app = received(world["dept"], D(2025, 3, 3))
    app = services.withdraw(app, on=D(2025, 3, 6), reason="已自行获取")
    assert app.status == Status.WITHDRAWN and app.outcome == "other.misc"
    online, _ = services.submit(world["dept"], person_fields(), on=D(2025, 3, 3))
    online = services.withdraw(online, on=D(2025, 3, 4))
    assert online.status == Status.WITHDRAWN and online.outcome == "" and online.received_on is None
    with pytest.raises(Refused, match="已撤回"):
        services.decide(app, on=D(2025, 3, 7), outcome="granted", basis="x")


@pytest.mark.parametrize(
    "channel,arrived,confirmed,want",
    [
        ("in_person", D(2025, 3, 3), None, D(2025, 3, 3)),
        ("oral", D(2025, 3, 3), None, D(2025, 3, 3)),
        ("post", D(2025, 3, 3), None, D(2025, 3, 3)),
        ("letter", D(2025, 3, 3), D(2025, 3, 5), D(2025, 3, 5)),
        ("fax", D(2025, 3, 3), D(2025, 3, 4), D(2025, 3, 4)),
        ("email", D(2025, 3, 3), D(2025, 3, 3), D(2025, 3, 3)),
    ],
)
def test_staff_intake_receipt_date_rules(world, office, channel, arrived, confirmed, want):
    app, _ = services.intake(
        world["dept"], org_fields(), channel=channel, arrived_on=arrived, confirmed_on=confirmed, by=office
    )
    assert app.received_on == want and app.status == Status.PROCESSING
    assert app.events.get().data["arrived_on"] == arrived.isoformat()


def test_intake_needs_confirmation_where_the_law_says_so(world):
    with pytest.raises(Refused, match="确认"):
        services.intake(world["dept"], person_fields(), channel="letter", arrived_on=D(2025, 3, 3))
    with pytest.raises(Refused, match="早于"):
        services.intake(
            world["dept"],
            person_fields(),
            channel="fax",
            arrived_on=D(2025, 3, 3),
            confirmed_on=D(2025, 3, 2),
        )
    assert not Application.objects.exists()


def test_duplicates_are_suggested(world):
    first = received(world["dept"], D(2025, 3, 3))
    services.decide(first, on=D(2025, 3, 4), outcome="granted", basis="第三十六条")
    services.reply(first, on=D(2025, 3, 4))
    again = received(world["dept"], D(2025, 4, 1))
    different = received(world["dept"], D(2025, 4, 1), person_fields(2))
    assert list(services.possible_duplicates(again)) == [first]
    assert not services.possible_duplicates(different).exists()


def test_no_step_in_the_future(world):
    with pytest.raises(Refused, match="晚于今天"):
        services.intake(world["dept"], person_fields(), channel="in_person", arrived_on=D(2099, 1, 5))
    assert not Application.objects.exists()
