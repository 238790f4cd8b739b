"""What a locked-out login sees (django-axes calls `locked_out` once an account and address pair is locked)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.html import escape


def lockout_message() -> str:
    minutes = max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))
    return (
        f"登录失败次数过多：该账号在本网络地址已连续 {settings.AXES_FAILURE_LIMIT} 次密码错误，"
        f"请 {minutes} 分钟后再试；忘记密码请联系本机关的系统管理员。"
    )


def locked_out(request, credentials=None, *args, **kwargs) -> HttpResponse:
    """HTTP 429 with the reason in Chinese (no account name or address in it)."""
    body = (
        '<!doctype html><html lang="zh-hans"><meta charset="utf-8"><title>暂时无法登录</title>'
        f'<h1>暂时无法登录</h1><p>{escape(lockout_message())}</p><p><a href="/admin/login/">返回登录页</a></p>'
    )
    return HttpResponse(body, status=429, content_type="text/html; charset=utf-8")
