"""Hostile values in every public form and API field and in the staff lists' filters: never a 5xx, never stored.

Each value of `HOSTILE` goes into each field alone (the rest of the submission valid), through the real URLs: the
API (JSON), the portal's application form (multipart, as a browser sends it with files), the feedback form, both
lookups, the search box and the staff lists' `?q=`. Paths with a NUL byte and out-of-range years answer 4xx.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from applications.conftest import person_fields
from django.core.cache import cache

from gongkai.agencies.roles import Role
from gongkai.applications.choices import FORM_FIELDS
from gongkai.applications.models import Application
from gongkai.portal.models import Feedback

pytestmark = pytest.mark.django_db

HOSTILE = {
    "nul": "张\x00三",
    "surrogate": "张\ud800三",
    "vertical tab": "张\u000b三",
    "escape": "\x1b[31m张三",
    "c1 control": "张\x85三",
    "rtl override": "张三\u202egpj.exe",
    "megabyte": "张" * (1024 * 1024),
    "over column": "张" * 301,
}
# A form or URL cannot carry a lone surrogate (UTF-8 has none; Django decodes the bytes of one as U+FFFD).
IN_FORMS = {label: value for label, value in HOSTILE.items() if label != "surrogate"}
WRONG_TYPES = [123, 1.5, True, ["张三"], {"a": "b"}]


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.GONGKAI_SUBMISSION_ATTEMPT_LIMIT = 10_000
    cache.clear()
    yield
    cache.clear()


def _refused(response) -> None:
    assert 400 <= response.status_code < 500, response.status_code


def _text_fields():
    # choice fields get hostile values too: they must be refused as an invalid choice
    return [name for name in FORM_FIELDS]


def test_api_refuses_hostile_values_in_every_field(client, world):
    url = "/api/v1/agencies/dept/applications"
    for field in _text_fields():
        for label, value in HOSTILE.items():
            if label == "over column" and field in ("info_description", "purpose"):
                value = "张" * 5000
            response = client.post(url, {**person_fields(), field: value}, content_type="application/json")
            _refused(response)
            body = response.json()
            assert field in body["errors"] or any(k.startswith(field) for k in body["errors"]), (field, label)
        for value in WRONG_TYPES:
            _refused(client.post(url, {**person_fields(), field: value}, content_type="application/json"))
    for value in ("x", 1, None, [{"name": 1}], [{"name": "a\x00", "content_base64": ""}]):
        _refused(client.post(url, {**person_fields(), "attachments": value}, content_type="application/json"))
    assert not Application.objects.exists()
    assert client.post(url, person_fields(), content_type="application/json").status_code == 201


def test_api_messages_are_chinese_and_name_the_field(client, world):
    url = "/api/v1/agencies/dept/applications"
    body = client.post(url, {**person_fields(), "name": "张" * 201}, content_type="application/json").json()
    assert body["errors"]["name"] == "申请人姓名或名称最多 200 个字，现为 201 个"
    body = client.post(url, {**person_fields(), "phone": "1\x0023"}, content_type="application/json").json()
    assert "phone" in body["errors"] and "空字符" in body["detail"]
    body = client.post(url, {**person_fields(), "name": ["a"]}, content_type="application/json").json()
    assert body["errors"] == {"name": "格式或类型不正确"}


def test_portal_form_refuses_hostile_values_in_every_field(client, world):
    for field in _text_fields():
        for label, value in IN_FORMS.items():
            if label == "over column" and field in ("info_description", "purpose"):
                value = "张" * 5000
            response = client.post("/apply/dept/", {**person_fields(), field: value})  # multipart
            assert response.status_code in (200, 400), (field, label, response.status_code)
    assert not Application.objects.exists()


def test_feedback_and_lookups_refuse_hostile_values(client, world):
    report = {"kind": "error", "content": "内容有误", "contact": "13800000000"}
    for field in ("kind", "content", "contact_name", "contact", "website"):
        for value in IN_FORMS.values():
            response = client.post("/feedback/dept/", {**report, field: value})
            assert response.status_code in (200, 400, 429), (field, response.status_code)
    assert not Feedback.objects.exists()
    for url in ("/apply/lookup/", "/feedback/lookup/", "/api/v1/applications/lookup"):
        for field in ("number", "query_code"):
            for value in (HOSTILE if url.startswith("/api/") else IN_FORMS).values():
                data = {"number": "A1", "query_code": "X", field: value}
                if url.startswith("/api/"):
                    response = client.post(url, data, content_type="application/json")
                else:
                    response = client.post(
                        url, urlencode(data), content_type="application/x-www-form-urlencoded"
                    )
                assert response.status_code < 500, (url, field, response.status_code)


def test_query_strings_and_paths(client, world):
    for value in ("\x00", "a\x00b"):
        _refused(client.get("/", {"q": value}))
    assert client.get("/?q=%ED%A0%80").status_code < 500
    _refused(client.get("/apply/de%00pt/"))
    _refused(client.get("/%00/"))
    client.force_login(world["people"][("dept", Role.SYSTEM_ADMIN)].user)
    for url in ("/admin/gongkai/applications/", "/admin/gongkai/feedback/"):
        for value in ("\x00", "a\x00"):
            _refused(client.get(url, {"q": value}))
        for value in ("张\u000b三", "张" * 100_000, "%"):
            assert client.get(url, {"q": value}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/gongkai/agencies/dept/applications/statistics/0/",
        "/admin/gongkai/agencies/dept/applications/statistics/10000/",
        "/admin/gongkai/agencies/dept/applications/figures/0000/",
        "/admin/gongkai/reports/supervision/gov/9999/",
        "/admin/gongkai/reports/supervision/gov/2018/",
        "/admin/gongkai/reports/supervision/gov/2018/xlsx/",
        "/admin/gongkai/reports/supervision/gov/2010/xlsx/",
        "/admin/gongkai/calendar/0001/",
    ],
)
def test_out_of_range_years_answer_404(client, world, url):
    client.force_login(world["people"][("gov", Role.SYSTEM_ADMIN)].user)
    assert client.get(url).status_code == 404
