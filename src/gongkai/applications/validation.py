"""Checking an application's fields before it is saved: one message per field, in Chinese.

Shared by the API and the staff intake form, so both refuse the same things for the same reasons. Before the
rules of the law, every field is checked as text: a string (the API may send a number or a list), no longer than
its column (`Application`'s max_length; the free-text fields by `TEXT_LIMITS`), and free of control characters
(`gongkai.inputs.problem`), so that nothing the database or the letters cannot hold is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from gongkai import inputs
from gongkai.core.identifiers import resident_id_error, uscc_error

from .choices import FORM_FIELDS, ApplicantType, IdType, InfoForm, Obtaining
from .models import Application

ALWAYS_REQUIRED = ("applicant_type", "name", "phone", "form", "obtaining")
"""The fields every application needs whoever applies (the others depend on the applicant type and the way of
obtaining); the API's schema declares them required, and a test holds this list to `errors()`."""

TEXT_LIMITS = {"info_description": 4000, "purpose": 2000}
"""Characters of the free-text fields (TextField columns, no limit of their own)."""


def max_length(name: str) -> int:
    return TEXT_LIMITS.get(name) or Application._meta.get_field(name).max_length


def label(name: str) -> str:
    return str(Application._meta.get_field(name).verbose_name)


def text_errors(fields: Mapping[str, Any]) -> dict[str, str]:
    """Fields that are not text, are too long, or hold a control character, by field name."""
    out = {}
    for name in FORM_FIELDS:
        value = fields.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            out[name] = f"{label(name)}应为文字"
        elif len(value) > max_length(name):
            out[name] = f"{label(name)}最多 {max_length(name)} 个字，现为 {len(value)} 个"
        elif reason := inputs.problem(value):
            out[name] = f"{label(name)}中含有不允许的字符（{reason}），请删除后重新填写"
    return out


def _choice(value: Any, choices: type, label: str) -> str | None:
    return None if value in choices.values else f"请选择{label}"


def errors(fields: Mapping[str, Any]) -> dict[str, str]:
    """The problems of an application's fields, by field name; empty if it may be submitted."""
    out = text_errors(fields)
    if out:
        return out

    def get(key: str) -> str:
        return (fields.get(key) or "").strip()

    if msg := _choice(fields.get("applicant_type"), ApplicantType, "申请人类型"):
        out["applicant_type"] = msg
    if not get("name"):
        out["name"] = "请填写申请人姓名或名称"
    if not get("phone"):
        out["phone"] = "请填写联系电话"
    if fields.get("applicant_type") == ApplicantType.NATURAL_PERSON:
        if msg := _choice(fields.get("id_type"), IdType, "证件类型"):
            out["id_type"] = msg
        if not get("id_number"):
            out["id_number"] = "请填写证件号码"
        elif fields.get("id_type") == IdType.RESIDENT_ID and (msg := resident_id_error(get("id_number"))):
            out["id_number"] = msg
    elif "applicant_type" not in out:
        if not get("credit_code"):
            out["credit_code"] = "请填写统一社会信用代码"
        elif msg := uscc_error(get("credit_code")):
            out["credit_code"] = msg
        if not get("contact_person"):
            out["contact_person"] = "请填写联系人"
    if get("email"):
        try:
            validate_email(get("email"))
        except ValidationError:
            out["email"] = "电子邮箱格式不正确"
    if not (get("info_name") or get("info_document_number") or get("info_description")):
        out["info_name"] = "请填写所需信息的名称、文号或便于查询的特征描述（至少一项）"
    if msg := _choice(fields.get("form"), InfoForm, "信息形式"):
        out["form"] = msg
    if msg := _choice(fields.get("obtaining"), Obtaining, "获取方式"):
        out["obtaining"] = msg
    if fields.get("obtaining") == Obtaining.EMAIL and not get("email"):
        out.setdefault("email", "选择电子邮件获取的，请填写电子邮箱")
    if fields.get("obtaining") == Obtaining.POST and not get("address"):
        out["address"] = "选择邮寄的，请填写通信地址"
    return out


def cleaned(fields: Mapping[str, Any]) -> dict[str, str]:
    """The applicant fields, stripped, identifiers upper-cased; raises ValidationError(dict) if invalid."""
    problems = errors(fields)
    if problems:
        raise ValidationError({k: [v] for k, v in problems.items()})
    out = {k: (fields.get(k) or "").strip() for k in FORM_FIELDS}
    out["id_number"] = out["id_number"].upper()
    out["credit_code"] = out["credit_code"].upper()
    if out["applicant_type"] == ApplicantType.NATURAL_PERSON:
        out["credit_code"] = out["legal_representative"] = out["contact_person"] = ""
    else:
        out["id_type"] = out["id_number"] = ""
    return out


def applicant_of(cleaned_data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of an application form (`choices.FORM_FIELDS`) from a form's cleaned data."""
    return {name: cleaned_data.get(name, "") for name in FORM_FIELDS}
