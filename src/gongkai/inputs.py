"""Characters no field may hold, refused at the door: every request's path, query, form fields and JSON body.

A NUL byte cannot be stored by PostgreSQL (the query fails: a 500), and a lone surrogate (`"\\ud800"` in JSON)
cannot even be encoded: `RejectHostileInputMiddleware` answers a request carrying either anywhere with HTTP 400
and a Chinese message naming the field, before any view runs, so no view needs its own check. On the public side
(everything outside /admin/) the other control characters are refused too (`\\u000b` pasted into a name passes
the database but used to break the letters made from it); tab, line feed and carriage return stay allowed. Staff
pages keep them (text pasted from a word processor), and the renderers drop what XML cannot hold.

The path, the query and a JSON body are checked before the URL is resolved; form bodies once the view is known
(`process_view`, where Django's CSRF check reads them too), except the multipart body of a view exempt from that
check: such a view installs its upload limits before the body is read (`applications.attachments.limit_uploads`),
and its text fields go through `problem()` in the form's validation (`applications.validation`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from django.http import HttpResponse, JsonResponse
from django.utils.html import escape

# C0 controls except \t \n \r, DEL, C1 controls, UTF-16 surrogates (only lone ones reach a Python str), and the
# bidirectional embeddings and overrides (U+202E shows "gpj.exe" as "exe.jpg").
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
STAFF_PREFIX = "/admin/"


def _describe(char: str) -> str:
    code = ord(char)
    if code == 0:
        return "空字符 U+0000"
    if 0xD800 <= code <= 0xDFFF:
        return f"不成对的代理码位 U+{code:04X}"
    if code >= 0x2000:
        return f"文字方向控制字符 U+{code:04X}"
    return f"控制字符 U+{code:04X}"


def problem(text: str, *, controls: bool = True) -> str | None:
    """Why `text` may not be kept (its first forbidden character), or None; `controls=False` refuses only what
    no database can store (NUL, lone surrogates)."""
    match = (_FORBIDDEN if controls else _UNSTORABLE).search(text)
    return _describe(match.group()) if match else None


def _strings(value, name: str) -> Iterator[tuple[str, str]]:
    """(field name, text) of every key and string in parsed JSON; nested fields are named by their path."""
    if isinstance(value, str):
        yield name, value
    elif isinstance(value, dict):
        for key, item in value.items():
            path = f"{name}.{key}" if name else str(key)
            yield path, str(key)
            yield from _strings(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{name}[{index}]")


def _early_fields(request) -> Iterator[tuple[str, str]]:
    """The path, the query string and a JSON body."""
    yield "网址路径", request.path
    for key, values in request.GET.lists():
        yield key, key
        for value in values:
            yield key, value
    if request.method in ("POST", "PUT", "PATCH") and request.content_type == "application/json":
        try:
            data = json.loads(request.body)
        except ValueError:
            return  # the API answers malformed JSON itself
        yield from _strings(data, "")


def _form_fields(request, view_func) -> Iterator[tuple[str, str]]:
    """The fields of a form body (not a multipart body the view reads itself)."""
    if request.method != "POST":
        return
    if request.content_type == "multipart/form-data" and getattr(view_func, "csrf_exempt", False):
        return
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, values in request.POST.lists():
            yield key, key
            for value in values:
                yield key, value


def _first(request, fields) -> tuple[str, str] | None:
    controls = not request.path.startswith(STAFF_PREFIX)
    for name, text in fields:
        if reason := problem(text, controls=controls):
            return name, reason
    return None


def _refuse(request, name: str, reason: str) -> HttpResponse:
    message = f"“{name}”中含有不允许的字符（{reason}），请删除后重新提交"
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "errors": {name: message}}, status=400)
    body = f'<!doctype html><html lang="zh-hans"><title>请求有误</title><h1>请求有误</h1><p>{escape(message)}</p>'
    return HttpResponse(body, status=400, content_type="text/html; charset=utf-8")


class RejectHostileInputMiddleware:
    """HTTP 400 for a request carrying a forbidden character anywhere (JSON for the API, a short page elsewhere)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if found := _first(request, _early_fields(request)):
            return _refuse(request, *found)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if found := _first(request, _form_fields(request, view_func)):
            return _refuse(request, *found)
        return None
