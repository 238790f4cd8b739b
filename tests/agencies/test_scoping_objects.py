"""An object is scoped before it is loaded (scoping.get_or_404): another agency's object answers exactly like one
that does not exist — 404, the same page — so that ids cannot be probed; the agency's own office gets it."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.agencies.roles import Role

pytestmark = pytest.mark.django_db

MISSING = 999_999


def _application(agency) -> int:
    from gongkai.applications import services

    fields = {
        "applicant_type": "commercial",
        "name": "探测测试有限公司",
        "credit_code": agency.credit_code,
        "contact_person": "联系人",
        "phone": "0551-1234567",
        "info_name": "某文件",
        "form": "electronic",
        "obtaining": "online",
    }
    return services.intake(agency, fields, channel="in_person", arrived_on=date(2025, 3, 3))[0].pk


def _audit(agency) -> int:
    from gongkai.reports.services.audits import receive_batch

    user = agency.people.first().user
    batch = receive_batch(agency=agency, user=user, files=[("report.txt", "年度报告".encode())])
    return batch.audits.get().pk


def _feedback(agency) -> int:
    from gongkai.portal import feedback

    return feedback.submit(agency, kind="wrong", content="信息有误")[0].pk


OBJECT_URLS = [
    ("/admin/gongkai/applications/{}/", _application),
    ("/admin/gongkai/applications/{}/extend/", _application),
    ("/admin/gongkai/applications/{}/intake/split/", _application),
    ("/admin/gongkai/applications/assign/{}/", _application),
    ("/admin/gongkai/audits/{}/", _audit),
    ("/admin/gongkai/audits/{}/json/", _audit),
    ("/admin/gongkai/feedback/{}/", _feedback),
    ("/admin/gongkai/feedback/{}/reply/", _feedback),
]


@pytest.mark.parametrize("template,make", OBJECT_URLS, ids=[t for t, _ in OBJECT_URLS])
def test_another_agencys_object_answers_like_a_missing_one(client, world, template, make):
    own = world["people"][("dept", Role.DISCLOSURE_OFFICE)].user
    theirs = make(world["sibling"])
    client.force_login(own)
    missing = client.get(template.format(MISSING))
    probed = client.get(template.format(theirs))
    assert missing.status_code == probed.status_code == 404
    assert probed.content == missing.content
    assert client.get(template.format(make(world["dept"]))).status_code == 200
