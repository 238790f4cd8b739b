"""Groups and members entered by the 公开办 through the admin pages, answered for any past year; rules with their
approvers set beside the configured sign-off chain."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.agencies.roles import Role

from .conftest import person

Y = "/admin/gongkai/work/dept/{year}/"


def _group(client, **fields):
    data = {
        "kind": "supervision",
        "name": "政务公开工作督导小组",
        "duties": "督导、审核",
        "formed_on": "2019-03-01",
    }
    return client.post(Y.format(year=2020) + "groups/new/", {**data, **fields})


def test_office_enters_a_group_and_its_members_and_past_years_are_answered(world, login):
    from gongkai.workrecords.models import WorkGroup, groups_in

    client = login("disclosure_office")
    response = _group(client)
    assert response.status_code == 302
    group = WorkGroup.objects.get(agency=world["dept"])
    leader = person(world, "principal_leader")
    for data in (
        {"person": leader.pk, "role": "leader", "from_on": "2019-03-01", "until_on": "2021-06-30"},
        {"person": person(world, "division_leader").pk, "role": "leader", "from_on": "2021-07-01"},
        {"name": "外聘法律顾问", "position": "律师", "role": "member", "from_on": "2020-01-01"},
    ):
        response = client.post(Y.format(year=2020) + "members/new/", {"group": group.pk, **data})
        assert response.status_code == 302, response.context["form"].errors
    in_2020 = {m.display_name for _, members in groups_in(world["dept"], 2020) for m in members}
    in_2022 = {m.display_name for _, members in groups_in(world["dept"], 2022) for m in members}
    assert in_2020 == {"dept主要领导", "外聘法律顾问"}
    assert in_2022 == {"dept分管领导", "外聘法律顾问"}
    page = client.get(Y.format(year=2020))
    assert "外聘法律顾问" in page.content.decode() and "dept分管领导" not in page.content.decode()
    assert groups_in(world["dept"], 2018) == []


@pytest.mark.parametrize(
    "data,error",
    [
        ({"name": "", "role": "member", "from_on": "2020-01-01"}, "二选一"),
        ({"name": "某人", "role": "member", "from_on": "2020-05-01", "until_on": "2020-01-01"}, "不能早于"),
    ],
)
def test_a_member_needs_a_name_or_a_person_and_an_order_of_dates(world, login, data, error):
    from gongkai.workrecords.models import WorkGroup

    client = login("disclosure_office")
    _group(client)
    group = WorkGroup.objects.get(agency=world["dept"])
    response = client.post(Y.format(year=2020) + "members/new/", {"group": group.pk, **data})
    assert response.status_code == 200
    assert error in response.content.decode()


def test_another_agencys_people_and_groups_are_not_offered(world, login):
    client = login("disclosure_office")
    _group(client)
    response = client.get(Y.format(year=2020) + "members/new/")
    form = response.context["form"]
    assert set(form.fields["person"].queryset.values_list("agency__code", flat=True)) == {"dept"}
    sibling = world["people"][("sibling", "member")]
    from gongkai.workrecords.models import WorkGroup

    group = WorkGroup.objects.get(agency=world["dept"])
    data = {"group": group.pk, "person": sibling.pk, "role": "member", "from_on": "2020-01-01"}
    response = client.post(Y.format(year=2020) + "members/new/", data)
    assert response.status_code == 200 and not group.members.exists()


def test_staff_see_the_records_but_cannot_enter_them(world, login):
    client = login("staff")
    assert client.get(Y.format(year=2020)).status_code == 200
    response = _group(client)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def _rule(client, **fields):
    data = {
        "title": "政务信息发布审核制度",
        "number": "经开人社〔2020〕3号",
        "effective_on": "2020-01-01",
        "steps": ["publishing", "signoff"],
        "responsible_roles": ["principal_leader", "division_leader", "staff"],
        "approval_approve": ["principal_leader"],
        "approval_check": ["division_leader"],
    }
    return client.post(Y.format(year=2020) + "rules/new/", {**data, **fields})


def test_a_rule_is_set_beside_the_configured_chain_and_a_mismatch_is_flagged(world, login):
    from gongkai.portal import demo as portal_demo
    from gongkai.portal.models import PortalHomePage
    from gongkai.publishing.models import ScopedApprovalTask
    from gongkai.publishing.services import create_section
    from gongkai.workrecords.summary import year_records

    portal_demo.load()
    create_section(world["dept"], PortalHomePage.objects.get())
    client = login("disclosure_office")
    assert _rule(client).status_code == 302
    records = year_records(world["dept"], 2020)
    [row] = records.rules
    by_step = {c.step.value: c for c in row.comparisons}
    # the default chain: 审核 by 主要领导 (as the rule says); 复核 by 科室负责人 and 分管领导 (the rule: 分管领导 only)
    assert by_step["approve"].matches
    assert not by_step["check"].matches
    assert "科室负责人" in by_step["check"].explanation
    # the workflow is changed so that 分管领导 approve: the 审核 clause no longer matches
    ScopedApprovalTask.objects.filter(name="审核").update(permission="publishing.check")
    records = year_records(world["dept"], 2020)
    comparison = {c.step.value: c for c in records.rules[0].comparisons}["approve"]
    assert not comparison.matches and "分管领导" in comparison.explanation
    page = client.get(Y.format(year=2020)).content.decode()
    assert 'data-mismatch="1"' in page and "不一致" in page


def test_a_rule_without_a_column_is_flagged_as_having_no_such_step(world, login):
    from gongkai.workrecords.summary import year_records

    client = login("disclosure_office")
    _rule(client, approval_check=[])
    [row] = year_records(world["dept"], 2020).rules
    assert row.mismatched and "没有“审核”环节" in row.comparisons[0].explanation


def test_rule_document_is_kept_privately_and_served_to_the_agency_only(world, login, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.workrecords.models import Rule

    office = login("disclosure_office")
    upload = SimpleUploadedFile("制度.pdf", b"%PDF-1.4 the rule", content_type="application/pdf")
    assert _rule(office, document=upload).status_code == 302
    rule = Rule.objects.get()
    url = f"/admin/gongkai/work/dept/files/rules/{rule.pk}/"
    assert b"".join(office.get(url).streaming_content) == b"%PDF-1.4 the rule"
    client.force_login(world["people"][("sibling", "member")].user)
    assert client.get(url).status_code in (302, 404)
    client.force_login(world["people"][("gov", Role.STAFF)].user)
    assert client.get(url.replace("/dept/", "/gov/")).status_code == 404
    bad = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    response = _rule(login("disclosure_office"), title="另一制度", document=bad)
    assert response.status_code == 200 and Rule.objects.count() == 1


def test_history_records_who_entered_a_rule(world, login):
    from gongkai.agencies.history import entries_for
    from gongkai.workrecords.models import Rule

    _rule(login("disclosure_office"))
    [entry] = entries_for(Rule.objects.get())
    assert entry.user == world["people"][("dept", Role.DISCLOSURE_OFFICE)].user
    assert date(2020, 1, 1).isoformat() in str(entry.data)
