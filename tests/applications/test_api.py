"""The public API: submit (201 with number and query code; 422 with a message per field) and look up."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from django.core.cache import cache

from gongkai.api.v1 import api
from gongkai.applications import services, validation
from gongkai.applications.choices import FORM_FIELDS
from gongkai.applications.models import Application

from .conftest import org_fields, person_fields

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _submit(client, code, payload):
    return client.post(f"/api/v1/agencies/{code}/applications", payload, content_type="application/json")


def _lookup(client, number, query_code, **extra):
    return client.post(
        "/api/v1/applications/lookup",
        {"number": number, "query_code": query_code},
        content_type="application/json",
        **extra,
    )


def test_submit_and_look_up(client, world, office, caplog):
    fields = person_fields()
    with caplog.at_level(logging.DEBUG):
        response = _submit(client, "dept", fields)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "submitted" and body["number"].startswith("甲区人社局依申〔")
    for value in (fields["name"], fields["id_number"], fields["phone"], fields["email"]):
        assert value not in caplog.text

    response = _lookup(client, body["number"], body["query_code"])
    assert response.status_code == 200
    assert response.json() == {
        "number": body["number"],
        "status": "submitted",
        "status_label": "待确认",
        "received_on": None,
        "due": None,
        "provisional": False,
    }
    app = Application.objects.get()
    services.confirm_receipt(app, on=date.today(), by=office)
    progress = _lookup(client, body["number"], body["query_code"].lower()).json()
    assert progress["status"] == "processing" and progress["received_on"] == date.today().isoformat()
    assert progress["due"] is not None


def test_organisation_submission(client, world):
    response = _submit(client, "dept", org_fields(applicant_type="legal_services"))
    assert response.status_code == 201
    assert Application.objects.get().applicant_type == "legal_services"


def test_invalid_input_gives_a_message_per_field(client, world):
    bad = person_fields(id_number="110105199003070011", email="not-an-email", form="", info_name="")
    response = _submit(client, "dept", bad)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["id_number"] == "居民身份证号码校验位不正确"
    assert errors["email"] == "电子邮箱格式不正确"
    assert errors["form"] == "请选择信息形式"
    assert "特征描述" in errors["info_name"]
    org = _submit(client, "dept", org_fields(credit_code="91340100MA2N0000X0"))
    assert org.status_code == 422 and org.json()["errors"]["credit_code"].startswith("统一社会信用代码")
    robot = _submit(client, "dept", person_fields(applicant_type="robot"))
    assert robot.json()["errors"]["applicant_type"] == "请选择申请人类型"
    missing = _submit(client, "dept", {"info_name": "某文件"})
    assert missing.status_code == 422
    assert missing.json()["errors"] == dict.fromkeys(validation.ALWAYS_REQUIRED, "缺少此项")
    assert not Application.objects.exists()


@pytest.mark.parametrize("field", FORM_FIELDS)
def test_the_schema_requires_what_every_application_needs(field):
    """`ALWAYS_REQUIRED` (the schema's required list) is exactly the fields whose blank fails any applicant."""
    blank_fails_both = all(
        field in validation.errors({**fields, field: ""}) for fields in (person_fields(), org_fields())
    )
    assert blank_fails_both == (field in validation.ALWAYS_REQUIRED)
    required = api.get_openapi_schema()["components"]["schemas"]["ApplicationIn"]["required"]
    assert set(required) == set(validation.ALWAYS_REQUIRED)


def test_unknown_agency_is_404(client, world):
    assert _submit(client, "nowhere", person_fields()).status_code == 404


def test_wrong_code_is_404_and_repeated_wrong_codes_are_throttled(client, world):
    body = _submit(client, "dept", person_fields()).json()
    for _ in range(5):
        assert _lookup(client, body["number"], "WRONGCODE2").status_code == 404
    refused = _lookup(client, body["number"], body["query_code"])
    assert refused.status_code == 429 and "分钟后再试" in refused.json()["detail"]
    # a stranger's wrong codes do not lock the real applicant out
    assert _lookup(client, body["number"], body["query_code"], REMOTE_ADDR="10.0.0.9").status_code == 200
    assert _lookup(client, "不存在的编号", "X").status_code == 429  # the first client stays throttled
    # but a number guessed at from many addresses is refused to everyone
    other = _submit(client, "dept", person_fields()).json()
    for n in range(5 * 10):
        _lookup(client, other["number"], "WRONGCODE2", REMOTE_ADDR=f"10.1.{n // 250}.{n % 250}")
    assert _lookup(client, other["number"], other["query_code"], REMOTE_ADDR="10.0.0.8").status_code == 429
