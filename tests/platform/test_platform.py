"""Settings, logging, the CLI and the public API of the foundation."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from gongkai import cli, demo
from gongkai.logging import redact

PERSONAL = {
    "11010519491231002X": "[身份证号已隐去]",
    "13912345678": "[手机号已隐去]",
    "zhang.san@example.com": "[邮箱已隐去]",
}

LOG_PROBE = """
import logging, django
django.setup()
logging.getLogger("gongkai.applications.services").warning("申请人 %s，电话 %s，邮箱 %s", *{values!r})
logging.getLogger("django.server").info('"GET /lookup/?id=%s HTTP/1.1" 200 512', {values!r}[0])
"""


def test_configured_logging_never_writes_personal_data(tmp_path):
    """The handlers of settings.LOGGING (an application's log and the server's access log) mask ID numbers,
    phones and e-mail addresses: the records are written, with the personal data replaced."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings", "GONGKAI_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", LOG_PROBE.format(values=list(PERSONAL))],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    written = result.stderr
    assert "gongkai.applications.services: 申请人" in written and "django.server" in written
    for hidden, mask in PERSONAL.items():
        assert hidden not in written
        assert mask in written


@pytest.mark.parametrize("text,hidden", [(f"记录 {value}", value) for value in PERSONAL])
def test_redact_masks_personal_data(text, hidden):
    assert hidden not in redact(text)


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


def test_demo_is_idempotent(demo_site):
    """Loading the demo again over a loaded one (the process's snapshot of a real load) changes nothing."""
    first = demo_site
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


def test_public_api_and_openapi(client, demo_site):
    agencies = client.get("/api/v1/agencies").json()
    assert {a["code"] for a in agencies} == {"jingkai", "jingkai-rsj", "jingkai-zjj"}
    rsj = client.get("/api/v1/agencies/jingkai-rsj").json()
    assert rsj["parent"] == "jingkai" and rsj["kind"] == "department"
    assert client.get("/api/v1/agencies/nope").status_code == 404
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/agencies/{code}" in schema["paths"]
    assert client.get("/api/v1/agencies/jingkai-rsj/people").status_code == 401


def test_portal_and_admin_login_respond(client, demo_site):
    home = client.get("/")
    assert home.status_code == 200
    assert "经开区人力资源和社会保障局" in home.content.decode()
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert 'lang="zh-hans"' in login.content.decode()


def test_settings_defaults(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"


def test_sqlite_database_files_run_in_wal_mode(settings, tmp_path, django_db_blocker):
    """A database file opened with the configured options is in WAL mode (the in-memory test database cannot be:
    SQLite keeps its journal in memory), so readers never wait for a writer."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    configured = settings.DATABASES["default"]
    if not configured["ENGINE"].endswith("sqlite3"):
        pytest.skip("SQLite only")
    wrapper = DatabaseWrapper({**configured, "NAME": str(tmp_path / "wal.sqlite3")}, alias="wal-probe")
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 5000
    finally:
        wrapper.close()


def test_openapi_is_json_serialisable():
    from gongkai.api.v1 import api

    json.dumps(api.get_openapi_schema())
