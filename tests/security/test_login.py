"""Logging in to the admin: wrong passwords lock the account from that address, idle sessions end, and logging
out takes a POST. Security headers are on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from gongkai.agencies.roles import Role

from support import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def _login(client, username, password, addr="203.0.113.50"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=addr)


def test_wrong_passwords_lock_the_account_from_that_address(client, world, settings):
    user = world["people"][("dept", Role.STAFF)].user
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, user.username, "wrong-password").status_code == 200
    locked = _login(client, user.username, "wrong-password")
    assert locked.status_code == 429 and "登录失败次数过多" in locked.content.decode()
    refused = _login(client, user.username, PASSWORD)  # the right password, now
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    # the same account from another address, and another account from this one, still log in
    assert _login(client, user.username, PASSWORD, addr="198.51.100.9").status_code == 302
    other = world["people"][("dept", Role.SECTION_HEAD)].user
    client.logout()
    assert _login(client, other.username, PASSWORD).status_code == 302


def test_an_idle_session_ends_after_two_hours(client, world, settings):
    assert settings.SESSION_COOKIE_AGE == 2 * 3600 and settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=110), tick=False):
        assert client.get("/admin/").status_code == 200  # activity renews the session
    with time_machine.travel(start + timedelta(minutes=220), tick=False):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=220 + 121), tick=False):
        assert client.get("/admin/").status_code == 302


def test_get_does_not_log_out(client, world):
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    assert client.get("/admin/logout/").status_code == 405
    assert client.get("/admin/").status_code == 200
    assert client.post("/admin/logout/").status_code == 302
    assert client.get("/admin/").status_code == 302


def test_security_headers(client, world):
    public = client.get("/apply/dept/")
    policy = public["Content-Security-Policy"]
    assert (
        "script-src 'self';" in policy + ";"
        and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "object-src 'none'" in policy and "camera=()" in public["Permissions-Policy"]
    assert "<script>" not in public.content.decode()  # no inline script on our pages
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    admin = client.get("/admin/")
    assert "object-src 'none'" in admin["Content-Security-Policy"]


def test_large_font_cookie_is_secure_in_production(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    response = client.get("/large-font/", {"next": "/"})
    assert response.cookies["gongkai_large"]["secure"] is True
