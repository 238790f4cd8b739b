"""Assignment to a 承办人 and the reply letter's 拟办 → 科室负责人审核 → 签发, through the desk's real URLs.

The 承办人 (a 业务人员 of `dept`) sees and works only the cases assigned to them, with personal data masked; the
desk filters by 承办人 and confirms or assigns in a batch; the reply waits for the 签发; one person takes at most
one part of a letter's chain; the supervising office counts each agency's unconfirmed applications.
"""

from __future__ import annotations

from datetime import date as D

import pytest

from gongkai.agencies.history import entries_for
from gongkai.agencies.models import RoleAssignment
from gongkai.agencies.roles import Role
from gongkai.applications import assignment, letters, services, signoff
from gongkai.applications.models import Application, Letter, SignoffStep
from gongkai.core.errors import Refused

from .conftest import person_fields, received, reply_letter

pytestmark = pytest.mark.django_db

NAME = "张三丰"


def _user(world, role, home="dept"):
    return world["people"][(home, role)].user


def _decided(world, office):
    app = received(world["dept"], D(2025, 3, 3), person_fields(name=NAME), by=office)
    return services.decide(app, on=D(2025, 3, 20), outcome="granted", basis="第三十六条第（二）项", by=office)


def test_an_assigned_staff_member_sees_and_works_only_their_case(client, world, office):
    staff = world["people"][("dept", Role.STAFF)]
    app = _decided(world, office)
    other = received(world["dept"], D(2025, 3, 4), person_fields(2), by=office)
    client.force_login(staff.user)
    assert client.get(f"/admin/gongkai/applications/{app.pk}/").status_code == 404
    assert client.get("/admin/gongkai/applications/").context["rows"] == []

    client.force_login(office)
    choices = client.get(f"/admin/gongkai/applications/assign/{app.pk}/").context["form"]["handler"]
    assert [c.choice_label for c in choices] == ["（不分派）", staff.name]  # only the agency's 业务人员
    response = client.post(f"/admin/gongkai/applications/assign/{app.pk}/", {"handler": staff.pk})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.handler == staff
    entry = entries_for(app).first()
    assert entry.data["note"] == f"分派承办人：{staff.name}"
    assert entry.data["changes"] == {"承办人": [None, staff.name]}
    page = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert f"分派承办人：{staff.name}" in page  # in the case's change log

    client.force_login(staff.user)
    listed = [row["app"].pk for row in client.get("/admin/gongkai/applications/").context["rows"]]
    assert listed == [app.pk]
    page = client.get(f"/admin/gongkai/applications/{app.pk}/")
    assert page.status_code == 200
    assert page.context["applicant"]["name"] == "张**"  # 业务人员 do not hold VIEW_PERSONAL_DATA
    assert NAME not in page.content.decode()
    assert client.get(f"/admin/gongkai/applications/{app.pk}/extend/").status_code == 200
    assert client.get(f"/admin/gongkai/applications/{other.pk}/extend/").status_code == 404
    assert (
        client.get(f"/admin/gongkai/applications/assign/{app.pk}/").status_code == 404
    )  # the office assigns
    event = letters.letter_events(app)[-1]
    draft = client.get(f"/admin/gongkai/applications/{app.pk}/letters/{event.pk}/")
    assert draft.status_code == 200 and NAME not in draft.context["preview"]
    letter = reply_letter(app, staff.user)
    assert client.get(f"/admin/gongkai/applications/letters/{letter.pk}/pdf/").status_code == 404

    # taking the assignment back takes the case away
    assignment.assign(app, None, by=office)
    assert client.get(f"/admin/gongkai/applications/{app.pk}/").status_code == 404


@pytest.mark.parametrize(
    "who,reason",
    [
        (("dept", Role.SECTION_HEAD), "不是本机关的业务人员"),
        (("sibling", "member"), "不是本机关的业务人员"),
    ],
)
def test_only_a_staff_member_of_the_agency_is_assigned(world, office, who, reason):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    with pytest.raises(Refused, match=reason):
        assignment.assign(app, world["people"][who], by=office)
    with pytest.raises(Refused, match="尚未分派"):
        assignment.assign(app, None, by=office)


def test_the_desk_filters_by_handler(client, world, office):
    staff = world["people"][("dept", Role.STAFF)]
    mine = received(world["dept"], D(2025, 3, 3), by=office)
    free = received(world["dept"], D(2025, 3, 4), person_fields(2), by=office)
    assignment.assign(mine, staff, by=office)
    client.force_login(office)
    for query, want in [(f"handler={staff.pk}", [mine.pk]), ("handler=none", [free.pk]), ("handler=x", None)]:
        rows = client.get(f"/admin/gongkai/applications/?{query}").context["rows"]
        got = sorted(row["app"].pk for row in rows)
        assert got == (want if want is not None else sorted([mine.pk, free.pk])), query


def test_batch_confirm_and_assign(client, world, office):
    staff = world["people"][("dept", Role.STAFF)]
    apps = [services.submit(world["dept"], person_fields(n), on=D(2025, 3, 3))[0] for n in (1, 2)]
    client.force_login(office)
    picked = [a.pk for a in apps]
    response = client.post(
        "/admin/gongkai/applications/", {"action": "confirm", "on": "2025-03-05", "pick": picked}
    )
    assert response.status_code == 302
    assert {a.status for a in Application.objects.filter(pk__in=picked)} == {"processing"}
    assert {a.received_on for a in Application.objects.filter(pk__in=picked)} == {D(2025, 3, 5)}
    client.post("/admin/gongkai/applications/", {"action": "assign", "handler": staff.pk, "pick": picked})
    assert {a.handler_id for a in Application.objects.filter(pk__in=picked)} == {staff.pk}
    for app in apps:
        assert entries_for(app).first().data["note"] == f"分派承办人：{staff.name}"
    # a second confirmation is refused per case, with its number
    response = client.post(
        "/admin/gongkai/applications/", {"action": "confirm", "on": "2025-03-06", "pick": picked}, follow=True
    )
    assert sum(apps[0].number in str(m) for m in response.context["messages"]) == 1


def test_a_batch_with_a_case_out_of_reach_changes_nothing(client, world, office):
    own = services.submit(world["dept"], person_fields(1), on=D(2025, 3, 3))[0]
    foreign = services.submit(world["sibling"], person_fields(2), on=D(2025, 3, 3))[0]
    client.force_login(office)
    data = {"action": "confirm", "on": "2025-03-05", "pick": [own.pk, foreign.pk]}
    assert client.post("/admin/gongkai/applications/", data).status_code == 404
    assert Application.objects.get(pk=own.pk).status == "submitted"
    client.force_login(_user(world, Role.STAFF))  # a 业务人员 does not batch, even their own cases
    assignment.assign(own, world["people"][("dept", Role.STAFF)], by=office)
    assert client.post("/admin/gongkai/applications/", {**data, "pick": [own.pk]}).status_code == 404


def test_the_reply_waits_for_the_letter_to_be_issued(client, world, office):
    staff = world["people"][("dept", Role.STAFF)]
    head, leader = _user(world, Role.SECTION_HEAD), _user(world, Role.DIVISION_LEADER)
    app = _decided(world, office)
    assignment.assign(app, staff, by=office)
    client.force_login(staff.user)
    page = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert "请先生成答复告知书" in page  # the 答复 button says why it cannot be taken
    response = client.post(f"/admin/gongkai/applications/{app.pk}/reply/", {"on": "2025-03-21"})
    assert "请先生成答复告知书" in response.content.decode()

    letter = reply_letter(app, staff.user)
    url = f"/admin/gongkai/applications/signoff/{letter.pk}/"
    assert "“科室负责人审核”由本机关科室负责人办理" in client.get(url).content.decode()
    with pytest.raises(Refused, match="待科室负责人审核"):
        signoff.reply(app, on=D(2025, 3, 21), by=staff.user)

    client.force_login(leader)  # the leader cannot skip the section head
    assert "请先完成“科室负责人审核”" in client.get(url).content.decode()
    client.force_login(head)
    shown = client.get(url)
    assert NAME not in shown.context["text"] and "张**" in shown.context["text"]  # masked for the leaders
    assert [letter.pk] == [lt.pk for lt, _ in client.get("/admin/gongkai/applications/").context["awaiting"]]
    assert client.post(url, {"decision": "approve", "opinion": "同意"}).status_code == 302
    assert "请先完成" not in client.get(url).content.decode()
    assert "已办理本告知书的“科室负责人审核”" not in client.get(url).content.decode()

    client.force_login(leader)
    assert "请写明退回意见" in client.post(url, {"decision": "return"}).content.decode()
    assert client.post(url, {"decision": "approve"}).status_code == 302
    state = signoff.state_of(letter)
    assert state.issued.by == leader and state.label == "已签发"
    notes = [e.data.get("note", "") for e in entries_for(app)]
    assert "答复告知书（2025-03-20）签发：同意签发" in notes
    client.force_login(staff.user)
    response = client.post(f"/admin/gongkai/applications/{app.pk}/reply/", {"on": "2025-03-21"})
    assert response.status_code == 302
    assert Application.objects.get(pk=app.pk).status == "replied"


def test_a_returned_letter_is_drafted_again(world, office):
    head, leader = _user(world, Role.SECTION_HEAD), _user(world, Role.PRINCIPAL_LEADER)
    app = _decided(world, office)
    first = reply_letter(app, office)
    signoff.decide(first, SignoffStep.CHECK, approved=False, opinion="法律依据写全", by=head)
    assert signoff.refusal(first, leader, SignoffStep.ISSUE) == "本告知书已退回，请承办人修改后重新生成"
    assert "已退回" in signoff.reply_refusal(app)
    second = reply_letter(app, office)
    signoff.decide(second, SignoffStep.CHECK, approved=True, by=head)
    assert signoff.refusal(first, leader, SignoffStep.ISSUE) == "本告知书已退回，请承办人修改后重新生成"
    signoff.decide(second, SignoffStep.ISSUE, approved=True, by=leader)
    assert signoff.reply_refusal(app) is None


def test_one_person_takes_one_part_of_a_letter(world, office):
    head = world["people"][("dept", Role.SECTION_HEAD)]
    RoleAssignment.objects.create(person=head, role=Role.DIVISION_LEADER)  # both roles
    head = type(head).objects.get(pk=head.pk)
    app = _decided(world, office)
    letter = reply_letter(app, head.user)  # drafted by them too
    assert "你是本告知书的拟办人" in signoff.refusal(letter, head.user, SignoffStep.CHECK)
    letter = reply_letter(app, office)
    signoff.decide(letter, SignoffStep.CHECK, approved=True, by=head.user)
    with pytest.raises(Refused, match="你已办理本告知书的“科室负责人审核”"):
        signoff.decide(letter, SignoffStep.ISSUE, approved=True, by=head.user)


def test_other_letters_skip_the_chain(world, office):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    app = services.request_correction(app, on=D(2025, 3, 4), what="请写明文件名称", by=office)
    event = letters.letter_events(app)[-1]
    letter = Letter(application=app, event=event, kind="correction", number=app.number, on=event.on)
    letter.content = letters.draft(app, event).to_dict()
    letter.save()
    assert (
        signoff.refusal(letter, _user(world, Role.SECTION_HEAD), SignoffStep.CHECK)
        == "本类告知书无需审核签发"
    )


def test_the_supervising_office_counts_unconfirmed_applications(client, world):
    services.submit(world["dept"], person_fields(1), on=D(2025, 3, 3))
    services.submit(world["dept"], person_fields(2), on=D(2025, 3, 4))
    services.submit(world["other_dept"], person_fields(3), on=D(2025, 3, 4))  # another government's
    client.force_login(_user(world, Role.SUPERVISING_OFFICE, "gov"))
    response = client.get("/admin/gongkai/reports/supervision/gov/2025/")
    counts = {c.agency.code: c.total for c in response.context["unconfirmed"]}
    assert counts == {"dept": 2}
    assert "/admin/gongkai/applications/?agency=dept&amp;status=submitted" in response.content.decode()
