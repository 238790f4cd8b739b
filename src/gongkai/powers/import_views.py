"""The staff page that imports decisions: upload, then choose the columns with a preview, then import.

The uploaded file waits in the default storage under a random token kept in the session between the steps,
and is deleted after a successful import.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import PurePath

from django.contrib import messages
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.agencies.roles import Perm

from . import importing
from .forms import MappingForm, UploadForm
from .models import PowerList
from .views import agency_or_404

STORE = "power-imports"


def _session_key(token: str) -> str:
    return f"powers-import-{token}"


def _store(request, power_list: PowerList, upload) -> str:
    token = uuid.uuid4().hex
    name = default_storage.save(f"{STORE}/{token}{PurePath(upload.name).suffix.lower()}", upload)
    request.session[_session_key(token)] = {"name": name, "filename": upload.name, "list": power_list.pk}
    return token


def _mapping_page(request, context: dict, stored: dict, form: MappingForm | None = None, errors=()):
    with default_storage.open(stored["name"], "rb") as fileobj:
        preview = importing.preview(fileobj, stored["filename"])
    if form is None:
        form = MappingForm(initial={**context.pop("initial"), **preview.mapping}, headers=preview.headers)
    context.update({"preview": preview, "form": form, "errors": errors, "filename": stored["filename"]})
    return TemplateResponse(request, "powers/import_map.html", context)


def import_decisions(request, code: str, year: int):
    agency = agency_or_404(request, code, Perm.EDIT_POWERS)
    power_list = get_object_or_404(PowerList, agency=agency, year=year)
    context = {"agency": agency, "year": year}
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, power_list, context)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"period_start": date(year, 1, 1), "period_end": date(year, 12, 31)},
    )
    if request.method == "POST" and form.is_valid():
        token = _store(request, power_list, form.cleaned_data["file"])
        stored = request.session[_session_key(token)]
        context["initial"] = {
            "token": token,
            "period_start": form.cleaned_data["period_start"],
            "period_end": form.cleaned_data["period_end"],
        }
        try:
            return _mapping_page(request, context, stored)
        except importing.ImportRefused as refused:
            default_storage.delete(stored["name"])
            form.add_error("file", refused.errors)
    return TemplateResponse(request, "powers/import.html", {**context, "form": form})


def _confirm(request, power_list: PowerList, context: dict):
    stored = request.session.get(_session_key(request.POST["token"]))
    if not stored or stored["list"] != power_list.pk:
        messages.error(request, "上传的文件已失效，请重新上传")
        return redirect("gongkai_powers_import", code=context["agency"].code, year=power_list.year)
    with default_storage.open(stored["name"], "rb") as fileobj:
        headers = importing.preview(fileobj, stored["filename"], rows=0).headers
    form = MappingForm(request.POST, headers=headers)
    if not form.is_valid():
        return _mapping_page(request, context, stored, form)
    try:
        with default_storage.open(stored["name"], "rb") as fileobj:
            batch = importing.import_decisions(
                power_list,
                fileobj,
                stored["filename"],
                mapping=form.mapping(),
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                by=request.user,
            )
    except importing.ImportRefused as refused:
        return _mapping_page(request, context, stored, form, refused.errors)
    default_storage.delete(stored["name"])
    del request.session[_session_key(request.POST["token"])]
    messages.success(
        request, f"已导入 {batch.rows} 行，处理决定 {batch.decisions} 件，替换了该期间原有的导入数据"
    )
    return redirect("gongkai_powers_year", code=power_list.agency.code, year=power_list.year)
