"""Letters: the 第三十五条 notice of a reasonable period, 经办人 and 联系电话 under the date, the attachment list."""

from __future__ import annotations

from datetime import date as D

import pytest
import time_machine

from gongkai.applications import letters, services

from .conftest import received

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(D(2025, 3, 20), tick=False):
        yield


def test_reasonable_period_letter_with_contact_and_attachments(client, world, office):
    dept = world["dept"]
    dept.office_phone = "0551-63350000"
    dept.save()
    office.first_name, office.last_name = "明", "李"
    office.save()
    app = received(dept, D(2025, 3, 3), by=office)
    app = services.set_reasonable_period(
        app, on=D(2025, 3, 10), due=D(2025, 6, 30), reason="申请涉及三百余份档案，需逐份调取", by=office
    )
    event = app.events.get(kind="reasonable_period")
    assert letters.letter_label(event) == "合理期限告知书（第三十五条）"
    client.force_login(office)
    url = f"/admin/gongkai/applications/{app.pk}/letters/{event.pk}/"
    page = client.get(url).content.decode()
    assert "第三十五条" in page and "2025年6月30日" in page and "三百余份档案" in page
    form = {
        "on": "2025-03-10",
        "body": client.get(url).context["form"].initial["body"],
        "remedies": "",
        "attachments": "政府信息公开申请表复印件\n送达回证",
        "action": "generate",
    }
    assert client.post(url, form).status_code == 302
    kept = app.letters.get()
    text = kept.value.text()
    assert "附件：1．政府信息公开申请表复印件" in text and "2．送达回证" in text
    assert "经办人：" in text and "联系电话：0551-63350000" in text
