"""The portal's error pages: 400, 403 (and a failed CSRF check), 404 and 500 are Chinese pages in the site's
frame, with no Django or English text and nothing of the failure; the 500 page renders without a database."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("portal.error_urls")]

ENGLISH = (
    "Not Found",
    "Server Error",
    "Forbidden",
    "Bad Request",
    "CSRF",
    "Django",
    "Traceback",
    "RuntimeError",
)


def _branded(response, status: int, heading: str) -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="zh-CN">' in html and 'class="site-header"' in html and "<footer" in html
    assert f"{heading}（{status}）" in html and 'href="/">返回首页' in html
    assert [word for word in ENGLISH if word in html] == []
    return html


def test_a_missing_page_is_a_chinese_404(client, world):
    _branded(client.get("/no-such-page/"), 404, "页面不存在")


def test_permission_denied_is_a_chinese_403(client, world):
    _branded(client.get("/forbidden/"), 403, "无权访问")


def test_a_failed_csrf_check_is_a_chinese_403(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/feedback/dept/", {"kind": "other", "content": "内容"})
    _branded(response, 403, "页面已过期，请重新提交")


def test_a_bad_host_is_a_chinese_400(world):
    client = Client(raise_request_exception=False)
    _branded(client.get("/", HTTP_HOST="evil.example"), 400, "请求有误")


def test_a_failure_is_a_chinese_500_without_details(world):
    client = Client(raise_request_exception=False)
    html = _branded(client.get("/boom/"), 500, "系统暂时无法处理您的请求")
    assert "a failure the visitor must not see" not in html
