"""Public endpoints for applications: submit one, and look up its progress with number + query code.

No personal data goes into URLs (everything is in the JSON body) or logs. Wrong query codes are throttled by
`applications.progress`, shared with the portal's lookup page (HTTP 429 while refused). Submissions are limited
per client by `applications.intake_services` (shared with the portal form, HTTP 429; `gongkai.throttle`);
attachments come Base64-encoded in the JSON and are checked by content like the form's (`applications.attachments`),
only after the attempt was counted and the fields passed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from gongkai import throttle
from gongkai.agencies.models import Agency
from gongkai.api.errors import DetailOut, ErrorsOut
from gongkai.applications import attachments, intake_services, progress, validation
from gongkai.applications.choices import ApplicantType, IdType, InfoForm, Obtaining
from gongkai.applications.choices import Status as CaseStatus
from gongkai.clients import client_address

router = Router(tags=["applications"])


class AttachmentIn(Schema):
    name: str = Field(description=f"文件名（{attachments.ACCEPTED_TEXT}）")
    content_base64: str = Field(description="文件内容，Base64 编码")


def _declared(name: str, *, choices: type | None = None) -> Any:
    """A text field declared with its column's limit and its choices, required if every application needs it.

    Beyond presence and type, the run-time check is `applications.validation` (one Chinese message per field,
    422); the schema states the same limits without letting pydantic answer first with a generic message.
    """
    required = name in validation.ALWAYS_REQUIRED
    extra: dict[str, Any] = {"maxLength": validation.max_length(name)}
    if choices is not None:
        extra["enum"] = list(choices.values) if required else ["", *choices.values]
    return Field(... if required else "", description=validation.label(name), json_schema_extra=extra)


class ApplicationIn(Schema):
    """An application (条例第二十九条). Required as stated; which identity fields apply depends on applicant_type:
    a natural person gives id_type and id_number, an organisation credit_code and contact_person."""

    applicant_type: str = _declared("applicant_type", choices=ApplicantType)
    name: str = _declared("name")
    id_type: str = _declared("id_type", choices=IdType)
    id_number: str = _declared("id_number")
    credit_code: str = _declared("credit_code")
    legal_representative: str = _declared("legal_representative")
    contact_person: str = _declared("contact_person")
    phone: str = _declared("phone")
    address: str = _declared("address")
    email: str = _declared("email")
    info_name: str = _declared("info_name")
    info_document_number: str = _declared("info_document_number")
    info_description: str = _declared("info_description")
    purpose: str = _declared("purpose")
    form: str = _declared("form", choices=InfoForm)
    obtaining: str = _declared("obtaining", choices=Obtaining)
    attachments: list[AttachmentIn] = []


def _status() -> Any:
    return Field(description="办理状态", json_schema_extra={"enum": list(CaseStatus.values)})


class ReceiptOut(Schema):
    number: str
    query_code: str
    status: str = _status()
    status_label: str


class LookupIn(Schema):
    number: str
    query_code: str


class ProgressOut(Schema):
    number: str
    status: str = _status()
    status_label: str
    received_on: date | None
    due: date | None
    provisional: bool


@router.post(
    "/agencies/{code}/applications",
    response={201: ReceiptOut, 400: ErrorsOut, 404: DetailOut, 422: ErrorsOut, 429: DetailOut},
    summary="公开：提交政府信息公开申请",
)
def submit_application(request, code: str, payload: ApplicationIn):
    agency = get_object_or_404(Agency, code=code)
    try:
        intake_services.admit(client_address(request))
    except throttle.Throttled as exc:
        return Status(429, {"detail": str(exc)})
    fields = payload.dict(exclude={"attachments"})
    if errors := validation.errors(fields):
        return Status(422, {"detail": "申请内容有误，请按提示修改", "errors": errors})
    files, problems = attachments.check_encoded([(a.name, a.content_base64) for a in payload.attachments])
    if problems:
        return Status(
            422, {"detail": "申请内容有误，请按提示修改", "errors": {"attachments": "；".join(problems)}}
        )
    try:
        app, query_code = intake_services.submit_online(
            agency, fields, files, client_address=client_address(request)
        )
    except throttle.Throttled as exc:
        return Status(429, {"detail": str(exc)})
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


@router.post(
    "/applications/lookup",
    response={200: ProgressOut, 400: ErrorsOut, 404: DetailOut, 422: ErrorsOut, 429: DetailOut},
    summary="公开：凭申请编号和查询码查询办理进度",
)
def lookup(request, payload: LookupIn):
    try:
        app = progress.lookup(payload.number, payload.query_code, client_address(request))
    except throttle.Throttled as exc:
        return Status(429, {"detail": str(exc)})
    if app is None:
        return Status(404, {"detail": "申请编号或查询码不正确"})
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
