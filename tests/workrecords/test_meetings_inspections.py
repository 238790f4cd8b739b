"""Meetings and training (hours per person, the XLSX ledger both ways) and inspections with their rectification:
the 公开办 enters and closes with evidence, the 督导小组 leader confirms a self-inspection's items, the supervising
office inspects and confirms its own."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from gongkai.agencies.roles import Role

from .conftest import person

Y = "/admin/gongkai/work/dept/2020/"
A = "/admin/gongkai/work/dept/"


def _meeting(client, **fields):
    data = {
        "held_on": "2020-04-10",
        "kind": "training",
        "title": "条例解读培训",
        "organiser": "办公室",
        "participant_count": "12",
        "topics": "政府信息公开条例",
        "hours": "2.5",
    }
    return client.post(Y + "meetings/new/", {**data, **fields})


def test_training_hours_are_credited_to_each_participant(world, login):
    from gongkai.workrecords.summary import year_records

    client = login("disclosure_office")
    staff, head = person(world, "staff"), person(world, "section_head")
    assert _meeting(client, participants=[staff.pk, head.pk]).status_code == 302
    assert _meeting(client, held_on="2020-09-01", participants=[staff.pk], hours="1").status_code == 302
    assert _meeting(client, kind="forum", title="座谈", hours="0", participants=[]).status_code == 302
    records = year_records(world["dept"], 2020)
    assert records.hours == [("dept业务人员", 3.5, 2), ("dept科室负责人", 2.5, 1)]
    assert records.meetings_by_kind() == [("培训", 2), ("座谈", 1)]


def test_more_people_than_were_present_and_hours_for_a_forum_are_refused(world, login):
    from gongkai.workrecords.models import Meeting

    client = login("disclosure_office")
    people = [person(world, r).pk for r in ("staff", "section_head", "division_leader")]
    response = _meeting(client, participant_count="2", participants=people)
    assert response.status_code == 200 and "多于参加人数" in response.content.decode()
    response = _meeting(client, kind="forum", hours="2")
    assert response.status_code == 200 and "学时" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_ledger_exports_and_meetings_import_back(world, login):
    client = login("disclosure_office")
    _meeting(client, participants=[person(world, "staff").pk])
    response = client.get(Y + "ledger.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "小组成员",
        "工作制度",
        "会议和培训",
        "培训学时",
        "整改台账",
        "上年度措施落实",
        "工作要点任务",
    ]
    assert [c.value for c in book["培训学时"][2]] == ["dept业务人员", 2.5, 1]
    sheet = book["会议和培训"]
    sheet.append(["2020-11-20", "业务学习", "目录维护学习", "办公室", 6, "目录", 1, ""])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("台账.xlsx", out.getvalue())
    response = client.post(Y + "import/", {"file": upload})
    assert response.status_code == 302
    from gongkai.workrecords.models import Meeting

    # the exported row comes back as a second copy, the new row as a third meeting
    assert Meeting.objects.filter(agency=world["dept"]).count() == 3
    assert Meeting.objects.filter(title="目录维护学习", kind="study").exists()


def test_text_pasted_with_control_characters_still_exports(world, login):
    """Staff text keeps what a word processor pasted (\\x0b, \\x07); the ledger drops what XLSX cannot hold."""
    client = login("disclosure_office")
    assert _meeting(client, title="条例\x0b解读\x07培训", topics="=1+1").status_code == 302
    response = client.get(Y + "ledger.xlsx")
    assert response.status_code == 200
    row = [c.value for c in load_workbook(io.BytesIO(response.content))["会议和培训"][2]]
    assert row[2] == "条例解读培训" and row[5] == "=1+1"


def test_an_import_with_a_bad_row_keeps_nothing_and_names_the_row(world, login):
    from gongkai.workrecords.ledger import MEETING_COLUMNS
    from gongkai.workrecords.models import Meeting

    book = Workbook()
    book.active.append(list(MEETING_COLUMNS))
    book.active.append(["2020-03-01", "业务学习", "学习", "办公室", 3, "条例", 0, ""])
    book.active.append(["某天", "业务学习", "学习", "办公室", 3, "条例", 0, ""])
    out = io.BytesIO()
    book.save(out)
    client = login("disclosure_office")
    response = client.post(Y + "import/", {"file": SimpleUploadedFile("a.xlsx", out.getvalue())})
    assert response.status_code == 200 and "第 3 行" in response.content.decode()
    response = client.post(Y + "import/", {"file": SimpleUploadedFile("a.xlsx", b"not a zip")})
    assert response.status_code == 200 and "无法读取" in response.content.decode()
    assert not Meeting.objects.exists()


def _supervision_group(world, leader_role="principal_leader"):
    from gongkai.workrecords import services

    group = services.save_group(
        world["dept"], kind="supervision", name="督导小组", duties="督导、审核", formed_on=date(2019, 1, 1)
    )
    services.save_member(
        world["dept"], group=group, person=person(world, leader_role), role="leader", from_on=date(2019, 1, 1)
    )


def _self_inspection_with_item(client):
    from gongkai.workrecords.models import Inspection

    response = client.post(A + "inspections/self/", {"inspected_on": "2020-06-30", "title": "半年自查"})
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    data = {
        "problem": "公开目录更新不及时",
        "measure": "每月核对目录",
        "responsible_name": "王强",
        "due_on": "2020-09-30",
    }
    assert client.post(f"{A}inspections/{inspection.pk}/items/new/", data).status_code == 302
    return inspection, inspection.rectifications.get()


def test_a_self_inspection_item_is_closed_with_evidence_and_confirmed_by_the_group_leader(world, login):
    _supervision_group(world)
    office = login("disclosure_office")
    inspection, item = _self_inspection_with_item(office)
    base = f"{A}inspections/{inspection.pk}/items/{item.pk}/"
    response = office.post(base + "close/", {"closed_on": "2020-09-01", "note": "已逐月核对"})
    assert response.status_code == 200  # no evidence: refused by the form
    evidence = SimpleUploadedFile("核对记录.pdf", b"%PDF-1.4 evidence")
    response = office.post(
        base + "close/", {"closed_on": "2020-09-01", "note": "已逐月核对", "evidence": evidence}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "closed" and item.on_time()
    # a leader who does not lead the 督导小组 may not confirm; the leader may
    response = login("division_leader").post(base + "confirm/", {"decision": "accept"})
    assert response.status_code == 200 and "督导小组组长" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "closed"
    response = login("principal_leader").post(base + "confirm/", {"decision": "accept"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "confirmed"
    assert item.confirmed_by == person(world, "principal_leader").user


def test_a_leader_sends_an_item_back_with_a_reason(world, login):
    _supervision_group(world)
    office = login("disclosure_office")
    inspection, item = _self_inspection_with_item(office)
    base = f"{A}inspections/{inspection.pk}/items/{item.pk}/"
    office.post(
        base + "close/",
        {"closed_on": "2020-09-01", "note": "已核对", "evidence": SimpleUploadedFile("a.pdf", b"%PDF")},
    )
    leader = login("principal_leader")
    assert leader.post(base + "confirm/", {"decision": "reject", "note": ""}).status_code == 200
    assert leader.post(base + "confirm/", {"decision": "reject", "note": "核对记录不全"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "open" and item.evidence


def test_the_supervising_office_inspects_and_confirms_its_own_findings(world, login):
    from gongkai.workrecords.models import Inspection

    supervisor = login("supervising_office", home="gov")
    response = supervisor.post(
        A + "inspections/supervision/", {"inspected_on": "2020-11-05", "title": "年度督导检查"}
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.inspector == world["gov"] and inspection.kind == "supervision"
    data = {
        "problem": "年报未列明收费情况",
        "measure": "补充说明",
        "responsible_name": "孙悦",
        "due_on": "2020-12-15",
    }
    assert supervisor.post(f"{A}inspections/{inspection.pk}/items/new/", data).status_code == 302
    item = inspection.rectifications.get()
    # the agency's office cannot add findings to the supervising office's inspection
    office = login("disclosure_office")
    assert office.post(f"{A}inspections/{inspection.pk}/items/new/", data).status_code == 302
    assert inspection.rectifications.count() == 1
    base = f"{A}inspections/{inspection.pk}/items/{item.pk}/"
    office.post(
        base + "close/",
        {"closed_on": "2020-12-01", "note": "已补充", "evidence": SimpleUploadedFile("a.pdf", b"%PDF")},
    )
    _supervision_group(world)
    assert login("principal_leader").post(base + "confirm/", {"decision": "accept"}).status_code == 200
    assert (
        login("supervising_office", home="gov").post(base + "confirm/", {"decision": "accept"}).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.status == "confirmed"
    # evidence is served to the agency and to its supervisor, not to another government's staff
    url = f"{A}files/evidence/{item.pk}/"
    assert login("supervising_office", home="gov").get(url).status_code == 200
    assert login(Role.STAFF, home="gov").get(url).status_code in (302, 404)
