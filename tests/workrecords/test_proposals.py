"""建议提案 counts entered by the 公开办 and stated in the drafted 六 with their records."""

from __future__ import annotations

Y = "/admin/gongkai/work/dept/2020/proposals/new/"


def test_counts_are_entered_once_per_kind_and_stated_in_section_six(world, login):
    from gongkai.workrecords.models import ProposalCount
    from gongkai.workrecords.prose import additions, extend

    client = login("disclosure_office")
    assert client.get(Y).context["form"].initial["year"] == 2020
    data = {"year": "2020", "kind": "deputies", "handled": "8", "published": "8"}
    assert client.post(Y, data).status_code == 302
    response = client.post(Y, {**data, "handled": "9"})
    assert response.status_code == 200 and ProposalCount.objects.count() == 1
    response = client.post(Y, {**data, "kind": "members", "handled": "2", "published": "3"})
    assert response.status_code == 200 and "不能多于" in response.content.decode()
    assert client.post(Y, {**data, "kind": "members", "handled": "4", "published": "3"}).status_code == 302
    added = additions(world["dept"], 2020)
    assert added.other == [
        "建议提案办理。本年度办理人大代表建议8件，公开办理结果8件；办理政协委员提案4件，公开办理结果3件。"
    ]
    assert {s.label: s.value for s in added.stated}["政协委员提案公开办理结果件数"] == 3
    drafted = extend(
        world["dept"], 2020, {"overview": "一", "problems": "五", "other": "本年度未收取信息处理费。"}
    )
    assert drafted["other"].startswith("本年度未收取信息处理费。\n建议提案办理。")
    assert login("staff").post(Y, {**data, "year": "2021"}).status_code == 302
    assert not ProposalCount.objects.filter(year=2021).exists()
