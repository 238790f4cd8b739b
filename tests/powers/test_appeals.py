"""Appeal cases linked to an application: a result of 纠正 re-opens it with a new deadline, in one transaction."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies import history
from gongkai.agencies.roles import Role
from gongkai.applications import services as applications
from gongkai.applications.choices import EventKind, Status
from gongkai.core.errors import Refused
from gongkai.powers import services
from gongkai.powers.forms import CaseForm
from gongkai.powers.models import AppealCase

from support import credit_code

pytestmark = pytest.mark.django_db

D = date
CASE = {
    "kind": "review",
    "case_number": "甲府复决〔2025〕3号",
    "applicant": "某某有限公司",
    "concerns": "2025 年第 1 号申请的答复",
    "body": "甲区人民政府",
    "filed_on": D(2025, 3, 10),
}


def _received(agency, n: int = 1, on: date = date(2025, 1, 24)):
    fields = {
        "applicant_type": "commercial",
        "name": f"某某有限公司{n}",
        "credit_code": credit_code(200 + n),
        "legal_representative": "李四",
        "contact_person": "王五",
        "phone": "0551-12345678",
        "info_description": "本单位 2025 年社保缴费基数核定文件",
        "form": "paper",
        "obtaining": "pickup",
    }
    return applications.intake(agency, fields, channel="in_person", arrived_on=on)[0]


def _answered(agency, n: int = 1):
    app = _received(agency, n)
    app = applications.decide(
        app, on=D(2025, 2, 20), outcome="unavailable.not_held", basis="第三十六条第（四）项"
    )
    return applications.reply(app, on=D(2025, 2, 20))


def test_a_corrected_result_reopens_the_linked_application(dept, world):
    office = world["people"][("dept", Role.DISCLOSURE_OFFICE)].user
    app = _answered(dept)
    case = services.save_case(dept, by=office, application=app, **CASE)
    app.refresh_from_db()
    assert app.status == Status.REPLIED  # registering the case changes nothing

    case = services.save_case(
        dept,
        case,
        by=office,
        result="corrected",
        result_known_on=D(2025, 6, 3),
        order="redo",
        decision_number="甲府复决〔2025〕3号",
    )
    assert case.reopened
    app.refresh_from_db()
    assert app.status == Status.PROCESSING and app.due == D(2025, 7, 1)
    assert app.counted_outcome == "unavailable.not_held" and app.outcome == ""
    reopened = app.events.get(kind=EventKind.REOPENED)
    assert reopened.on == D(2025, 6, 3) and reopened.person == office
    assert reopened.data == {
        "reference": "甲府复决〔2025〕3号",
        "case": "行政复议，甲区人民政府，甲府复决〔2025〕3号",
        "order": "redo",
        "days": 20,
    }
    assert history.entries_for(app).first().data["note"].endswith("依复议决定或判决重新办理")

    services.save_case(dept, case, by=office, note="已重新办理")  # saving again does not re-open again
    assert app.events.filter(kind=EventKind.REOPENED).count() == 1


@pytest.mark.parametrize(
    "result,order", [("upheld", ""), ("other", ""), ("corrected", "unlawful"), ("corrected", "other")]
)
def test_other_results_leave_the_application_alone(dept, result, order):
    app = _answered(dept)
    case = services.save_case(
        dept, application=app, result=result, result_known_on=D(2025, 6, 3), order=order, **CASE
    )
    assert not case.reopened
    app.refresh_from_db()
    assert app.status == Status.REPLIED and not app.events.filter(kind=EventKind.REOPENED).exists()


def test_a_case_without_a_link_is_corrected_as_before(dept):
    case = services.save_case(dept, result="corrected", result_known_on=D(2025, 6, 3), **CASE)
    assert case.result == "corrected" and case.application is None


def test_an_application_that_cannot_be_reopened_leaves_the_case_unsaved(dept):
    app = _received(dept, on=D(2025, 5, 6))  # still processing
    case = services.save_case(dept, application=app, **CASE)
    with pytest.raises(Refused, match="不能重新办理"):
        services.save_case(dept, case, result="corrected", result_known_on=D(2025, 6, 3), order="perform")
    case.refresh_from_db()
    assert case.result == "pending" and not app.events.filter(kind=EventKind.REOPENED).exists()


def test_only_the_agencys_own_applications_can_be_linked(dept, world):
    mine, theirs = _answered(dept), _answered(world["sibling"], 2)
    form = CaseForm(instance=AppealCase(agency=dept))
    assert list(form.fields["application"].queryset) == [mine]
    with pytest.raises(ValidationError, match="只能关联本机关的申请"):
        services.save_case(dept, application=theirs, **CASE)


def test_the_case_page_links_and_corrects(client, dept, world):
    app = _answered(dept)
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    fields = {**CASE, "filed_on": "2025-03-10", "application": app.pk, "result": "pending"}
    assert client.post("/admin/gongkai/powers/dept/cases/new/", fields).status_code == 302
    case = AppealCase.objects.get()
    assert case.application == app
    corrected = {**fields, "result": "corrected", "result_known_on": "2025-06-03"}
    response = client.post(f"/admin/gongkai/powers/dept/cases/{case.pk}/", corrected)
    assert "请选择纠正的方式" in response.content.decode()  # linked: say whether a new reply is ordered
    unlawful = {**corrected, "order": "unlawful", "decision_number": "甲府复决〔2025〕3号"}
    response = client.post(f"/admin/gongkai/powers/dept/cases/{case.pk}/", unlawful, follow=True)
    assert "未责令重新答复，申请不重新办理" in response.content.decode()
    app.refresh_from_db()
    assert app.status == Status.REPLIED
    redo = {**unlawful, "order": "redo", "order_days": 15}
    response = client.post(f"/admin/gongkai/powers/dept/cases/{case.pk}/", redo, follow=True)
    assert "已重新办理" in response.content.decode()
    app.refresh_from_db()
    # 15 working days from the day after 2025-06-03: 06-04 … 06-24
    assert app.status == Status.PROCESSING and app.due == D(2025, 6, 24)
    page = client.get(f"/admin/gongkai/applications/{app.pk}/").content.decode()
    assert "重新答复，自决定送达之日的次日起算 15 个工作日" in page and "甲府复决〔2025〕3号" in page
    assert "本案已依复议决定或判决重新办理" in page
    assert "邮寄，机关签收之日" not in page
