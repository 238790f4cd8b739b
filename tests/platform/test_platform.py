"""Settings, logging, the CLI and the public API of the foundation."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest

from gongkai import cli, demo
from gongkai.logging import RedactPersonalData, redact


@pytest.mark.parametrize(
    "text,hidden",
    [
        ("申请人身份证 11010519491231002X 已核验", "11010519491231002X"),
        ("联系电话 13912345678", "13912345678"),
        ("邮箱 zhang.san@example.com", "zhang.san@example.com"),
    ],
)
def test_logs_never_carry_personal_data(text, hidden, caplog):
    assert hidden not in redact(text)
    logger = logging.getLogger("gongkai.test")
    logger.addFilter(RedactPersonalData())
    with caplog.at_level(logging.INFO, logger="gongkai.test"):
        logger.info("record: %s", text)
    assert hidden not in caplog.text


def test_production_settings_pass_deploy_check(tmp_path):
    env = {
        **os.environ,
        "GONGKAI_ENV": "production",
        "DJANGO_SECRET_KEY": "x" * 20 + "-production-secret-key-for-the-check-" + "y" * 20,
        "DJANGO_ALLOWED_HOSTS": "gongkai.example.gov.cn",
        "GONGKAI_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests of this session only
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret(tmp_path):
    env = {**os.environ, "GONGKAI_ENV": "production", "GONGKAI_VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as excinfo:
        cli.main(["--help"])
    assert excinfo.value.code == 0
    out = capsys.readouterr().out
    for name in ("demo", "serve"):
        assert name in out
    assert "Django" in out


def test_unknown_option_is_misuse(capsys):
    with pytest.raises(SystemExit) as excinfo:
        cli.main(["demo", "--no-such-option"])
    assert excinfo.value.code == 2
    assert "参数错误" in capsys.readouterr().err


def test_django_commands_are_reachable(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "help", "migrate"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "migrate" in result.stdout


@pytest.mark.django_db
def test_demo_is_idempotent():
    first = demo.load()
    from gongkai.agencies.models import Agency, Person

    counts = (Agency.objects.count(), Person.objects.count())
    second = demo.load()
    assert first == second
    assert (Agency.objects.count(), Person.objects.count()) == counts == (3, 13)
    # `gongkai demo` lists every account it made
    assert {username for username, _, _ in first} == set(
        Person.objects.values_list("user__username", flat=True)
    )
    assert set(Agency.objects.values_list("code", flat=True)) == {"jingkai", "jingkai-rsj", "jingkai-zjj"}


@pytest.mark.django_db
def test_public_api_and_openapi(client):
    demo.load()
    agencies = client.get("/api/v1/agencies").json()
    assert {a["code"] for a in agencies} == {"jingkai", "jingkai-rsj", "jingkai-zjj"}
    rsj = client.get("/api/v1/agencies/jingkai-rsj").json()
    assert rsj["parent"] == "jingkai" and rsj["kind"] == "department"
    assert client.get("/api/v1/agencies/nope").status_code == 404
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/agencies/{code}" in schema["paths"]
    assert client.get("/api/v1/agencies/jingkai-rsj/people").status_code == 401


@pytest.mark.django_db
def test_portal_and_admin_login_respond(client):
    demo.load()
    home = client.get("/")
    assert home.status_code == 200
    assert "经开区人力资源和社会保障局" in home.content.decode()
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert 'lang="zh-hans"' in login.content.decode()


def test_settings_defaults(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # the test database is in memory, where SQLite reports "memory"; a file database is WAL
    assert mode in ("wal", "memory")
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]


def test_openapi_is_json_serialisable():
    from gongkai.api.v1 import api

    json.dumps(api.get_openapi_schema())
