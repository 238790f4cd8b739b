"""The portal's application form, its receipt, and the progress lookup page."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from applications.conftest import org_fields, person_fields
from django.core.cache import cache

from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.portal import demo as portal_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(world):
    """The disclosure office user of `dept`, who confirms receipt."""
    from gongkai.agencies.roles import Role

    return world["people"][("dept", Role.DISCLOSURE_OFFICE)].user


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _apply(client, fields, code="dept"):
    return client.post(f"/apply/{code}/", {k: v for k, v in fields.items() if v is not None})


def _submitted(client, fields=None):
    """Apply, follow to the receipt, and return (application, query code)."""
    response = _apply(client, fields or person_fields(), code="dept")
    assert response.status_code == 302 and response["Location"] == "/apply/receipt/"
    receipt = client.get("/apply/receipt/").context["receipt"]
    return Application.objects.get(number=receipt["number"]), receipt["query_code"]


def _lookup(client, number, query_code, **extra):
    return client.post("/apply/lookup/", {"number": number, "query_code": query_code}, **extra)


def test_form_is_accessible_and_lists_the_report_columns(client, world):
    response = client.get("/apply/dept/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "甲区人社局" in html and "csrfmiddlewaretoken" in html
    for label in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"):
        assert f" {label}</label>" in html
    assert '<label for="id_id_number">' in html and "<legend>申请人类型" in html
    assert client.get("/apply/nowhere/").status_code == 404


def test_success_creates_a_submitted_application_with_a_receipt_shown_once(client, world, caplog):
    fields = person_fields()
    with caplog.at_level(logging.DEBUG):
        app, query_code = _submitted(client, fields)
    assert app.status == "submitted" and app.channel == "online" and app.agency == world["dept"]
    assert app.received_on is None and app.name == fields["name"]
    for value in (fields["name"], fields["id_number"], fields["phone"], fields["email"]):
        assert value not in caplog.text
    assert query_code and len(query_code) >= 6
    again = client.get("/apply/receipt/")
    assert again.context["receipt"] is None and query_code not in again.content.decode()


def test_organisation_application(client, world):
    app, _ = _submitted(client, org_fields(applicant_type="research"))
    assert app.applicant_type == "research" and app.id_number == ""


def test_bad_id_checksum_keeps_what_was_typed(client, world):
    response = _apply(client, person_fields(id_number="110105199003070011", address="繁华大道 9 号"))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["form"].errors["id_number"] == ["居民身份证号码校验位不正确"]
    assert 'id="id_id_number-error"' in html and 'aria-describedby="id_id_number-error"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="110105199003070011"' in html and 'value="繁华大道 9 号"' in html
    assert not Application.objects.exists()


def test_bad_credit_code_and_missing_fields(client, world):
    response = _apply(client, org_fields(credit_code="91340100MA2N0000X0", contact_person=""))
    errors = response.context["form"].errors
    assert errors["credit_code"][0].startswith("统一社会信用代码") and errors["contact_person"] == [
        "请填写联系人"
    ]
    empty = _apply(client, {}).context["form"].errors
    assert set(empty) >= {"applicant_type", "name", "phone", "info_name", "form", "obtaining"}
    assert empty["applicant_type"] == ["请选择申请人类型"]
    assert "申请内容有误" in _apply(client, {}).content.decode()
    assert not Application.objects.exists()


def test_lookup_right_and_wrong(client, world, office):
    app, query_code = _submitted(client)
    response = _lookup(client, app.number, query_code)
    assert response.status_code == 200 and response.context["progress"].app == app
    assert "待确认" in response.content.decode() and "待机关确认" in response.content.decode()
    services.confirm_receipt(app, on=date.today(), by=office)
    html = _lookup(client, app.number, query_code.lower()).content.decode()
    assert "办理中" in html and "答复期限" in html
    wrong = _lookup(client, app.number, "WRONGCODE2")
    assert wrong.status_code == 200 and wrong.context["progress"] is None
    assert "申请编号或查询码不正确" in wrong.content.decode()
    assert "请填写查询码" in _lookup(client, app.number, "").content.decode()


def test_provisional_due_date_is_marked(client, world, office):
    app, query_code = _submitted(client)
    services.confirm_receipt(app, on=date.today(), by=office)
    Application.objects.filter(pk=app.pk).update(due_provisional=True)
    assert "暂定" in _lookup(client, app.number, query_code).content.decode()


def test_lookup_is_throttled_with_the_api(client, world):
    app, query_code = _submitted(client)
    for _ in range(5):
        assert _lookup(client, app.number, "WRONGCODE2").status_code == 200
    refused = _lookup(client, app.number, query_code)
    assert refused.status_code == 429 and "分钟后再试" in refused.content.decode()
    assert refused.context["progress"] is None

    # one implementation: the API refuses the same client too; another client (the applicant) gets through
    def api(addr):
        return client.post(
            "/api/v1/applications/lookup",
            {"number": app.number, "query_code": query_code},
            content_type="application/json",
            REMOTE_ADDR=addr,
        ).status_code

    assert api("127.0.0.1") == 429 and api("10.0.0.9") == 200


def test_home_page_links_to_the_forms_and_the_lookup(client, world):
    portal_demo.load()
    html = client.get("/").content.decode()
    assert 'href="/apply/dept/"' in html and 'href="/apply/lookup/"' in html
    assert "申请政府信息公开" in html
