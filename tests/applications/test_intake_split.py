"""一事一申请: split into parts with numbers of their own, the same applicant and receipt date; each decided;
the split in both histories; table 三 counts every part."""

from __future__ import annotations

from datetime import date as D

import pytest

from gongkai.agencies import history
from gongkai.agencies.roles import Role
from gongkai.applications import figures, progress, services, split
from gongkai.applications.models import Application
from gongkai.core.errors import Refused

from .conftest import person_fields, received

pytestmark = pytest.mark.django_db


def _split_three(world, office):
    app = received(world["dept"], D(2025, 3, 3), person_fields(info_name="甲、乙、丙三份文件"), by=office)
    services.extend(app, on=D(2025, 3, 4), days=10, approver="王主任", by=office)
    parts = split.split(app, on=D(2025, 3, 5), matters=["甲文件", "乙文件", "", "丙文件"], by=office)
    app.refresh_from_db()
    return app, parts


def test_parts_are_cases_of_their_own(world, office):
    app, parts = _split_three(world, office)
    assert app.info_name == "甲文件"
    assert [p.number for p, _ in parts] == ["甲区人社局依申〔2025〕0002号", "甲区人社局依申〔2025〕0003号"]
    for (part, code), matter in zip(parts, ["乙文件", "丙文件"], strict=True):
        assert part.info_name == matter
        assert (part.name, part.id_number, part.channel, part.received_on) == (
            app.name,
            app.id_number,
            app.channel,
            D(2025, 3, 3),
        )
        # The steps so far come along, so the clock is the original's (extension included).
        assert part.due == app.due and services.deadline(part, today=D(2025, 3, 6)).extended
        assert [e.kind for e in part.events.all()] == ["received", "extended"]
        assert part.split_from.parent == app
        # The applicant looks a part up with its own code.
        assert progress.lookup(part.number, code, "127.0.0.1") == part
    assert [s.part for s in app.split_parts.all()] == [p for p, _ in parts]


def test_split_is_in_both_histories(world, office):
    app, parts = _split_three(world, office)
    notes = [e.data.get("note", "") for e in history.entries_for(app)]
    assert any(
        "拆分为 3 件，另立 甲区人社局依申〔2025〕0002号、甲区人社局依申〔2025〕0003号" in n for n in notes
    )
    part_notes = [e.data.get("note", "") for e in history.entries_for(parts[0][0])]
    assert any(f"由 {app.number} 拆分" in n for n in part_notes)


def test_each_part_is_decided_and_counted_in_table_three(world, office):
    app, parts = _split_three(world, office)
    services.decide(app, on=D(2025, 3, 20), outcome="granted", basis="第三十六条第（二）项", by=office)
    services.decide(
        parts[0][0], on=D(2025, 3, 21), outcome="unavailable.not_held", basis="第三十六条第（四）项"
    )
    figs = figures.requests_figures(world["dept"], 2025)
    assert figs["new"]["natural_person"] == 3
    assert figs["granted"]["natural_person"] == 1 and figs["unavailable.not_held"]["natural_person"] == 1
    assert figs["total"]["natural_person"] == 2 and figs["carried_forward"]["natural_person"] == 1
    assert (
        figs["new"]["total"] + figs["carried_over"]["total"]
        == figs["total"]["total"] + figs["carried_forward"]["total"]
    )
    assert set(figures.cases(world["dept"], 2025, "new")) == {app, parts[0][0], parts[1][0]}


@pytest.mark.parametrize(
    "matters,on,message",
    [
        (["只有一项"], D(2025, 3, 5), "请至少列出两项事项"),
        (["甲", "乙"], D(2025, 3, 2), "早于上一步骤"),
        (["甲", "乙"], D(2099, 1, 1), "晚于今天"),
    ],
)
def test_bad_splits_change_nothing(world, office, matters, on, message):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    with pytest.raises(Refused, match=message):
        split.split(app, on=on, matters=matters, by=office)
    assert Application.objects.count() == 1


def test_only_a_case_in_processing_is_split(world, office):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    services.request_correction(app, on=D(2025, 3, 4), what="请补充文号", by=office)
    with pytest.raises(Refused, match="当前状态为“待补正”"):
        split.split(app, on=D(2025, 3, 5), matters=["甲", "乙"], by=office)


def test_split_page(client, world, office):
    app = received(world["dept"], D(2025, 3, 3), by=office)
    client.force_login(office)
    page = client.get(f"/admin/gongkai/applications/{app.pk}/")
    assert f"/admin/gongkai/applications/{app.pk}/intake/split/" in page.content.decode()
    response = client.post(
        f"/admin/gongkai/applications/{app.pk}/intake/split/",
        {"on": "2025-03-04", "matters": "甲\n乙"},
        follow=True,
    )
    html = response.content.decode()
    assert "已拆分：甲区人社局依申〔2025〕0002号 查询码" in html and "另立" in html
    part = Application.objects.get(seq=2)
    part_page = client.get(f"/admin/gongkai/applications/{part.pk}/").content.decode()
    assert (
        f'<a href="/admin/gongkai/applications/{app.pk}/">{app.number}</a> 于 2025-03-04 拆分而来'
        in part_page
    )
    bad = client.post(
        f"/admin/gongkai/applications/{app.pk}/intake/split/", {"on": "2025-03-04", "matters": "甲"}
    )
    assert bad.status_code == 200 and "请至少列出两项事项" in bad.content.decode()
    client.force_login(world["people"][("dept", Role.PRINCIPAL_LEADER)].user)
    assert client.get(f"/admin/gongkai/applications/{app.pk}/intake/split/").status_code == 404
