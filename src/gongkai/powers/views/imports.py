"""The staff pages that import decisions: upload, then choose the columns with a preview, then the job's
page with its progress bar and, at the end, what was imported or the errors of every row.

The uploaded file is staged in private storage (``import_jobs.stage``) under a random token kept in the
session between the upload and the confirmation; confirming hands it to a background job. The upload form
sends the file with XHR where scripts run, to show the bytes going up; it then answers JSON (the next page
or the errors) instead of a page. Without scripts the same form posts normally and the job page refreshes
itself.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404

from .. import import_jobs, importing
from ..forms import MappingForm, UploadForm
from ..models import ImportJob, PowerList


def _session_key(token: str) -> str:
    return f"powers-import-{token}"


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _list(request, code: str, year: int) -> PowerList:
    agency = agency_or_404(request.user, code, Perm.EDIT_POWERS)
    return get_object_or_404(PowerList.objects.select_related("agency"), agency=agency, year=year)


def _context(power_list: PowerList, **extra) -> dict:
    return {"agency": power_list.agency, "year": power_list.year, **extra}


def import_decisions(request, code: str, year: int):
    """Step one (the upload) and, with ``?token=`` or a posted token, step two (the columns)."""
    power_list = _list(request, code, year)
    token = request.POST.get("token") or request.GET.get("token")
    if token:
        return _mapping_step(request, power_list, token)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"period_start": f"{year}-01-01", "period_end": f"{year}-12-31"},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        stored = import_jobs.stage(power_list, upload)
        try:
            with import_jobs.STORAGE.open(stored, "rb") as fileobj:
                importing.preview(fileobj, upload.name, rows=0)
        except importing.ImportRefused as refused:
            import_jobs.discard(stored)
            form.add_error("file", refused.errors)
        else:
            token = uuid.uuid4().hex
            request.session[_session_key(token)] = {
                "name": stored,
                "filename": upload.name,
                "list": power_list.pk,
                "period_start": form.cleaned_data["period_start"].isoformat(),
                "period_end": form.cleaned_data["period_end"].isoformat(),
            }
            url = f"{request.path}?token={token}"
            return JsonResponse({"next": url}) if _wants_json(request) else redirect(url)
    if request.method == "POST" and _wants_json(request):
        errors = [str(e) for errors in form.errors.values() for e in errors]
        return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
    recent = power_list.import_jobs.select_related("batch")[:5]
    return TemplateResponse(request, "powers/import.html", _context(power_list, form=form, jobs=recent))


def _mapping_step(request, power_list: PowerList, token: str):
    stored = request.session.get(_session_key(token))
    if not stored or stored["list"] != power_list.pk:
        messages.error(request, "上传的文件已失效，请重新上传")
        return redirect("powers:import", code=power_list.agency.code, year=power_list.year)
    with import_jobs.STORAGE.open(stored["name"], "rb") as fileobj:
        preview = importing.preview(fileobj, stored["filename"])
    period = {"period_start": stored["period_start"], "period_end": stored["period_end"]}
    if request.method == "POST":
        form = MappingForm(request.POST, headers=preview.headers)
    else:
        form = MappingForm(initial={"token": token, **period, **preview.mapping}, headers=preview.headers)
    if request.method == "POST" and form.is_valid():
        job = import_jobs.submit(
            power_list,
            stored=stored["name"],
            filename=stored["filename"],
            mapping=form.mapping(),
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            by=request.user,
        )
        del request.session[_session_key(token)]
        return redirect("powers:import_job", code=power_list.agency.code, year=power_list.year, pk=job.pk)
    context = _context(power_list, preview=preview, form=form, filename=stored["filename"])
    return TemplateResponse(request, "powers/import_map.html", context)


def _job(request, code: str, year: int, pk: int) -> ImportJob:
    power_list = _list(request, code, year)
    return get_object_or_404(
        ImportJob.objects.select_related("batch", "power_list__agency"), power_list=power_list, pk=pk
    )


def import_job(request, code: str, year: int, pk: int):
    """The job's page: the progress bar while it runs, then the result or every row's error."""
    job = _job(request, code, year, pk)
    status_url = reverse("powers:import_status", kwargs={"code": code, "year": year, "pk": pk})
    context = _context(job.power_list, job=job, state=import_jobs.state(job), status_url=status_url)
    return TemplateResponse(request, "powers/import_job.html", context)


def import_status(request, code: str, year: int, pk: int):
    """The job's progress as JSON, polled by the progress bar."""
    job = _job(request, code, year, pk)
    return JsonResponse(import_jobs.state(job), json_dumps_params={"ensure_ascii": False})
