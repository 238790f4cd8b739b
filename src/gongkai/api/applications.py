"""Public endpoints for applications: submit one, and look up its progress with number + query code.

No personal data goes into URLs (everything is in the JSON body) or logs. Wrong query codes are counted in
Django's cache per client and per number; past the limit, lookups are refused for a while (HTTP 429).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from gongkai.agencies.models import Agency
from gongkai.applications import numbering, services
from gongkai.applications.models import Application

log = logging.getLogger(__name__)
router = Router(tags=["applications"])

LOOKUP_FAILURE_LIMIT = 5
LOOKUP_WINDOW_SECONDS = 15 * 60


class ApplicationIn(Schema):
    applicant_type: str = ""
    name: str = ""
    id_type: str = ""
    id_number: str = ""
    credit_code: str = ""
    legal_representative: str = ""
    contact_person: str = ""
    phone: str = ""
    address: str = ""
    email: str = ""
    info_name: str = ""
    info_document_number: str = ""
    info_description: str = ""
    purpose: str = ""
    form: str = ""
    obtaining: str = ""


class ReceiptOut(Schema):
    number: str
    query_code: str
    status: str
    status_label: str


class LookupIn(Schema):
    number: str
    query_code: str


class ProgressOut(Schema):
    number: str
    status: str
    status_label: str
    received_on: date | None
    due: date | None
    provisional: bool


class ErrorsOut(Schema):
    detail: str
    errors: dict[str, str]


class DetailOut(Schema):
    detail: str


@router.post(
    "/agencies/{code}/applications",
    response={201: ReceiptOut, 422: ErrorsOut},
    summary="公开：提交政府信息公开申请",
)
def submit_application(request, code: str, payload: ApplicationIn):
    agency = get_object_or_404(Agency, code=code)
    try:
        app, query_code = services.submit(agency, payload.dict())
    except ValidationError as exc:
        errors = {field: "；".join(msgs) for field, msgs in exc.message_dict.items()}
        return Status(422, {"detail": "申请内容有误，请按提示修改", "errors": errors})
    return Status(
        201,
        {
            "number": app.number,
            "query_code": query_code,
            "status": app.status,
            "status_label": app.get_status_display(),
        },
    )


def _client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(address.encode()).hexdigest()[:24]


def _failure_keys(request, number: str) -> list[str]:
    number_key = hashlib.sha256(number.encode()).hexdigest()[:24]
    return [f"gongkai:lookup-fail:client:{_client_key(request)}", f"gongkai:lookup-fail:number:{number_key}"]


def _count_failure(keys: list[str]) -> None:
    for key in keys:
        if cache.add(key, 1, LOOKUP_WINDOW_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, LOOKUP_WINDOW_SECONDS)


@router.post(
    "/applications/lookup",
    response={200: ProgressOut, 404: DetailOut, 429: DetailOut},
    summary="公开：凭申请编号和查询码查询办理进度",
)
def lookup(request, payload: LookupIn):
    number = payload.number.strip()
    keys = _failure_keys(request, number)
    if any((cache.get(key) or 0) >= LOOKUP_FAILURE_LIMIT for key in keys):
        log.warning("application lookup throttled")
        return Status(429, {"detail": "查询码错误次数过多，请稍后再试"})
    for app in Application.objects.filter(number=number):
        if numbering.query_code_matches(payload.query_code, app.query_code_hash):
            return Status(
                200,
                {
                    "number": app.number,
                    "status": app.status,
                    "status_label": app.get_status_display(),
                    "received_on": app.received_on,
                    "due": app.due,
                    "provisional": app.due_provisional,
                },
            )
    _count_failure(keys)
    return Status(404, {"detail": "申请编号或查询码不正确"})
