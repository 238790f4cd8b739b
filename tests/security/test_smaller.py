"""Smaller limits: the demo refuses production, a number pattern's width is bounded before it is formatted."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from gongkai import cli
from gongkai.agencies.numbering import render_pattern

pytestmark = pytest.mark.django_db


def test_demo_refuses_production_without_the_flag(settings, capsys):
    settings.PRODUCTION = True
    assert cli.main(["demo", "--quiet"]) == 2
    assert "--allow-production" in capsys.readouterr().err
    assert not get_user_model().objects.filter(username="admin").exists()


@pytest.mark.parametrize(
    "pattern", ["{year}{seq:0300000000d}", "{year}{seq:.900000000}", "{year}{seq:{year}}"]
)
def test_a_huge_width_is_refused_before_formatting(pattern):
    start = time.monotonic()
    with pytest.raises(ValidationError, match="宽度过大"):
        render_pattern(pattern, {"year": 2026, "seq": 1}, label="编号格式", max_length=80)
    assert time.monotonic() - start < 0.1
    assert (
        render_pattern("{year}-{seq:04d}", {"year": 2026, "seq": 1}, label="编号格式", max_length=80)
        == "2026-0001"
    )


def test_the_system_administrator_sees_an_appeal_applicant_masked_in_the_edit_form(client, world):
    from datetime import date

    from gongkai.agencies.masking import mask
    from gongkai.agencies.roles import Role
    from gongkai.powers import services
    from gongkai.powers.models import AppealCase

    case = services.save_case(
        world["dept"],
        kind="review",
        case_number="甲府复决〔2025〕3号",
        applicant="张三丰",
        concerns="2025 年第 1 号申请的答复",
        body="甲区人民政府",
        filed_on=date(2025, 3, 10),
    )
    client.force_login(world["people"][("gov", Role.SYSTEM_ADMIN)].user)
    url = f"/admin/gongkai/powers/dept/cases/{case.pk}/"
    page = client.get(url)
    if page.status_code != 200:
        pytest.skip("the system administrator does not edit cases")
    html = page.content.decode()
    assert "张三丰" not in html and mask("张三丰") in html
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    assert client.post(url, data).status_code == 302
    assert AppealCase.objects.get(pk=case.pk).applicant == "张三丰"  # the masked text keeps the stored name


def test_openapi_declares_the_error_bodies_returned(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/agencies/{code}/applications", "/api/v1/applications/lookup"):
        assert {"400", "404", "422", "429"} <= set(paths[path]["post"]["responses"]), path
    body = {
        "applicant_type": "natural_person",
        "name": "某",
        "phone": "1",
        "form": "paper",
        "obtaining": "post",
    }
    response = client.post("/api/v1/agencies/nowhere/applications", body, content_type="application/json")
    assert response.status_code == 404 and response.json() == {"detail": "未找到"}
    assert client.get("/api/v1/me").json() == {"detail": "请先登录"}
    assert {"200", "401", "403", "404"} <= set(paths["/api/v1/agencies/{code}/people"]["get"]["responses"])


def test_housekeeping_expires_staged_import_files_never_confirmed(world, settings, tmp_path, capsys):
    import os

    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.powers import import_jobs
    from gongkai.powers import services as power_services

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    power_list = power_services.start_year(world["dept"], 2020)
    old = import_jobs.stage(power_list, SimpleUploadedFile("a.csv", b"x"))
    fresh = import_jobs.stage(power_list, SimpleUploadedFile("b.csv", b"x"))
    day_ago = time.time() - 25 * 3600
    os.utime(import_jobs.STORAGE.path(old), (day_ago, day_ago))
    assert cli.main(["housekeeping"]) == 0
    assert "删除的过期未确认导入文件：1 个" in capsys.readouterr().out
    assert not import_jobs.STORAGE.exists(old) and import_jobs.STORAGE.exists(fresh)
