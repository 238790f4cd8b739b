"""The letters beside a step's own: 第三十二条's notice to the third party of a decision to disclose, the referral
(第三十六条第（五）项) of 本机关不掌握, and the split notice (一事一申请); each through the case page."""

from __future__ import annotations

from datetime import date as D

import pytest
import time_machine

from gongkai.applications import letters, services, split
from gongkai.core.letters.model import LetterKind

from .conftest import received

pytestmark = pytest.mark.django_db
K = LetterKind


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(D(2025, 3, 20), tick=False):
        yield


def _consulted(app, office, party="third_party"):
    return services.send_consultation(app, on=D(2025, 3, 4), party=party, to="某某科技有限公司", by=office)


@pytest.mark.parametrize(
    "setup,outcome,extra",
    [
        (_consulted, "granted", [K.THIRD_PARTY_DECISION]),
        (_consulted, "partial", [K.THIRD_PARTY_DECISION]),
        (_consulted, "withheld.third_party", []),  # not disclosed: no 第三十二条 notice
        (lambda app, office: _consulted(app, office, party="agency"), "granted", []),  # another agency
        (None, "granted", []),
        (None, "unavailable.not_held", [K.REFERRAL]),
    ],
)
def test_which_decisions_have_which_letters(world, office, setup, outcome, extra):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    if setup:
        app = setup(app, office)
        services.answer_consultation(app, on=D(2025, 3, 6), key="1", by=office)
    withheld = "第三方的银行账号" if outcome == "partial" else ""
    app = services.decide(app, on=D(2025, 3, 10), outcome=outcome, basis="理由", withheld=withheld, by=office)
    assert letters.letter_kinds(app, app.events.get(kind="decided")) == [K.REPLY, *extra]


def _generate(client, app, event, kind: str):
    url = f"/admin/gongkai/applications/{app.pk}/letters/{event.pk}/?kind={kind}"
    page = client.get(url)
    assert page.status_code == 200
    form = {
        "on": event.on.isoformat(),
        "body": page.context["form"].initial["body"],
        "remedies": page.context["form"].initial["remedies"],
        "attachments": "",
        "action": "generate",
    }
    assert client.post(url, form).status_code == 302
    return app.letters.get(kind=kind)


@pytest.mark.roundtrip
def test_the_third_party_is_told_of_the_decision_without_the_applicant(client, world, office):
    app = _consulted(received(world["dept"], D(2025, 3, 3), by=office), office)
    basis = "不公开可能对公共利益造成重大影响"
    app = services.decide(app, on=D(2025, 3, 10), outcome="granted", basis=basis, by=office)
    client.force_login(office)
    decided = app.events.get(kind="decided")
    case_page = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert f"letters/{decided.pk}/?kind=third_party_decision" in case_page
    letter = _generate(client, app, decided, "third_party_decision").value
    text = letter.text()
    assert letter.addressee == "某某科技有限公司" and "第三十二条" in text and basis in text
    assert app.name not in text  # nobody tells the third party who asked
    assert "行政复议" in letter.remedies


@pytest.mark.roundtrip
def test_referral_names_the_responsible_agency(client, world, office):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    basis = "该信息由甲区自然资源局负责公开，联系电话 0551-1234567"
    app = services.decide(app, on=D(2025, 3, 10), outcome="unavailable.not_held", basis=basis, by=office)
    client.force_login(office)
    letter = _generate(client, app, app.events.get(kind="decided"), "referral").value
    assert letter.addressee == app.name
    assert "第三十六条第（五）项" in letter.text() and "甲区自然资源局" in letter.text()


@pytest.mark.roundtrip
def test_the_split_notice_lists_every_part(client, world, office):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    parts = split.split(app, on=D(2025, 3, 4), matters=["甲文件", "乙文件", "丙文件"], by=office)
    app.refresh_from_db()
    client.force_login(office)
    letter = _generate(client, app, app.events.get(kind="received"), "split").value
    text = letter.text()
    assert "一事一申请" in text and f"1．{app.number}：甲文件" in text
    for part, _ in parts:
        assert part.number in text
    # The parts themselves have no split notice of their own.
    part = parts[0][0]
    assert letters.letter_kinds(part, part.events.get(kind="received")) == []


def test_a_kind_the_step_does_not_have_is_not_found(client, world, office):
    app = services.decide(
        received(world["dept"], D(2025, 3, 3), by=office),
        on=D(2025, 3, 10),
        outcome="granted",
        basis="理由",
        by=office,
    )
    client.force_login(office)
    decided = app.events.get(kind="decided")
    for kind in ("third_party_decision", "split", "nonsense"):
        assert (
            client.get(f"/admin/gongkai/applications/{app.pk}/letters/{decided.pk}/?kind={kind}").status_code
            == 404
        )
