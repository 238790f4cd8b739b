"""/api/v1: the public and staff endpoints. Views are thin; scoping is `gongkai.agencies.scoping`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import django_auth

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404, person_of
from gongkai.api.applications import router as applications_router
from gongkai.api.errors import BAD_INPUT, STAFF_ERRORS, DetailOut

api = NinjaAPI(title="公开 Gongkai API", version="1", urls_namespace="api-v1")


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    """A body or parameter of the wrong shape or type: 422 with one Chinese message per field, like the others."""
    errors = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query", "path")]
        name = ".".join(loc) or "请求"
        errors.setdefault(name, "缺少此项" if error.get("type") == "missing" else "格式或类型不正确")
    return api.create_response(
        request, {"detail": "请求内容有误，请按提示修改", "errors": errors}, status=422
    )


@api.exception_handler(HttpError)
def _http_error(request, exc):
    """django-ninja's own refusals; its only 400 is a body it cannot parse, answered like other input errors."""
    if exc.status_code == 400:
        message = "请求内容不是有效的 JSON"
        return api.create_response(request, {"detail": message, "errors": {"请求": message}}, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(request, {"detail": "请先登录"}, status=401)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "未找到"}, status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": "无权访问"}, status=403)


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    parent: str | None
    credit_code: str
    disclosure_office: str
    office_address: str
    office_hours: str
    office_phone: str


class PersonOut(Schema):
    name: str
    position: str
    roles: list[str]


class MeOut(Schema):
    username: str
    name: str | None
    agency: str | None
    roles: list[str]


def _agency_out(agency: Agency) -> dict:
    return {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "parent": agency.parent.code if agency.parent else None,
        "credit_code": agency.credit_code,
        "disclosure_office": agency.disclosure_office,
        "office_address": agency.office_address,
        "office_hours": agency.office_hours,
        "office_phone": agency.office_phone,
    }


@api.get(
    "/agencies", response={200: list[AgencyOut], **BAD_INPUT}, tags=["agencies"], summary="公开：机关列表"
)
def list_agencies(request):
    return [_agency_out(a) for a in Agency.objects.select_related("parent")]


@api.get(
    "/agencies/{code}",
    response={200: AgencyOut, **BAD_INPUT, 404: DetailOut},
    tags=["agencies"],
    summary="公开：机关信息",
)
def get_agency(request, code: str):
    return _agency_out(get_object_or_404(Agency.objects.select_related("parent"), code=code))


@api.get(
    "/agencies/{code}/people",
    response={200: list[PersonOut], **STAFF_ERRORS},
    auth=django_auth,
    tags=["staff"],
    summary="人员与角色",
)
def list_people(request, code: str):
    agency = agency_or_404(request.user, code, Perm.VIEW_PEOPLE)
    return [
        {"name": p.name, "position": p.position, "roles": sorted(p.roles)}
        for p in agency.people.prefetch_related("role_assignments")
    ]


@api.get(
    "/me",
    response={200: MeOut, **BAD_INPUT, 401: DetailOut},
    auth=django_auth,
    tags=["staff"],
    summary="当前用户",
)
def me(request):
    person = person_of(request.user)
    return {
        "username": request.user.get_username(),
        "name": person.name if person else None,
        "agency": person.agency.code if person else None,
        "roles": sorted(person.roles) if person else [],
    }


api.add_router("", applications_router)
api.add_router("", "gongkai.api.reports.router")  # annual reports
