"""Staff pages of the power lists: a year's list with its table 二 and 四 figures and their records, starting a
year, editing its entries, its history. Thin: scope, call a service, render. The figures shown are those of
``figures`` (the same the annual report gets)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agencies_for, agency_or_404, can
from gongkai.core.errors import Refused
from gongkai.core.report import formats
from gongkai.core.report.formats import FIRST_YEAR

from .. import figures, services
from ..forms import FeeForm, ItemForm, ProcurementForm
from ..models import DecisionImport, FeeItem, PowerItem, PowerList, ProcurementItem

ENTRY_KINDS = {
    "items": ("权责事项", ItemForm, "items", services.save_item),
    "fees": ("行政事业性收费项目", FeeForm, "fees", services.save_fee),
    "procurement": ("政府集中采购项目", ProcurementForm, "procurements", services.save_procurement),
}


def check_year(year: int) -> None:
    """Years with a national template (2019 on) up to next year; others have no table 二 to show."""
    if year < FIRST_YEAR or year > timezone.localdate().year + 1:
        raise Http404("没有该年度的报告格式")


def index(request):
    agencies = agencies_for(request.user, Perm.VIEW_POWERS).prefetch_related("power_lists")
    context = {"agencies": agencies, "current_year": timezone.localdate().year}
    return TemplateResponse(request, "powers/index.html", context)


def _labelled(spec_cells, values, sources):
    return [
        {"cell": cell, "value": values.get(cell.key), "sources": sources.get(cell.key, [])}
        for cell in spec_cells
    ]


def year_detail(request, code: str, year: int):
    check_year(year)
    agency = agency_or_404(request.user, code, Perm.VIEW_POWERS)
    power_list = PowerList.objects.filter(agency=agency, year=year).first()
    table_two = figures.proactive(agency, year)
    table_four = figures.appeals(agency, year)
    context = {
        "agency": agency,
        "year": year,
        "power_list": power_list,
        "template": table_two.template,
        "can_edit": can(request.user, Perm.EDIT_POWERS, agency),
        "can_history": can(request.user, Perm.VIEW_HISTORY, agency),
        "proactive": _labelled(
            formats.get_template(table_two.template).proactive_cells, table_two.values, table_two.sources
        ),
        "appeals": _labelled(formats.APPEAL_CELLS, table_four.values, table_four.sources),
    }
    if power_list is not None:
        context["items"] = power_list.items.annotate(decision_count=Sum("decisions__count"))
        context["fees"] = power_list.fees.all()
        context["procurements"] = power_list.procurements.all()
        context["imports"] = power_list.decision_imports.select_related("imported_by")
    return TemplateResponse(request, "powers/year.html", context)


def start_year(request, code: str, year: int):
    check_year(year)
    agency = agency_or_404(request.user, code, Perm.EDIT_POWERS)
    exists = PowerList.objects.filter(agency=agency, year=year).exists()
    if request.method == "POST" and not exists:
        services.start_year(agency, year, by=request.user)
        messages.success(request, f"{year} 年权责清单已建立")
        return redirect("powers:year", code=code, year=year)
    previous = PowerList.objects.filter(agency=agency, year__lt=year).order_by("-year").first()
    context = {"agency": agency, "year": year, "exists": exists, "previous": previous}
    return TemplateResponse(request, "powers/start.html", context)


def entry_edit(request, code: str, year: int, kind: str, pk: int | None = None):
    if kind not in ENTRY_KINDS:
        raise Http404
    agency = agency_or_404(request.user, code, Perm.EDIT_POWERS)
    power_list = get_object_or_404(PowerList, agency=agency, year=year)
    title, form_class, related, save = ENTRY_KINDS[kind]
    instance = get_object_or_404(getattr(power_list, related), pk=pk) if pk else None
    initial = {}
    if kind == "items" and instance is not None:
        manual = instance.decisions.filter(batch__isnull=True, decided_on__isnull=True).aggregate(
            n=Sum("count")
        )
        initial["manual_decisions"] = manual["n"]
    form = form_class(
        request.POST or None,
        instance=instance or form_class._meta.model(power_list=power_list),
        initial=initial,
    )
    if request.method == "POST" and instance is not None and "delete" in request.POST:
        try:
            services.delete_entry(instance, by=request.user)
        except Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, f"{title}已删除")
        return redirect("powers:year", code=code, year=year)
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form._meta.fields}
        try:
            entry = save(power_list, instance, by=request.user, **values)
        except ValidationError as error:
            form.add_error(None, error.messages)
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            if kind == "items" and form.cleaned_data["manual_decisions"] != initial.get("manual_decisions"):
                services.enter_decisions(entry, form.cleaned_data["manual_decisions"], by=request.user)
            messages.success(request, f"{title}已保存")
            return redirect("powers:year", code=code, year=year)
    context = {"agency": agency, "year": year, "title": title, "form": form, "instance": instance}
    return TemplateResponse(request, "powers/edit.html", context)


def list_history(request, code: str, year: int):
    """The audit trail of a year's list: the list (which records deletions), its entries and its imports."""
    agency = agency_or_404(request.user, code, Perm.VIEW_HISTORY)
    power_list = get_object_or_404(PowerList, agency=agency, year=year)
    related = [
        (PowerList, [power_list.pk]),
        (PowerItem, power_list.items.values_list("pk", flat=True)),
        (FeeItem, power_list.fees.values_list("pk", flat=True)),
        (ProcurementItem, power_list.procurements.values_list("pk", flat=True)),
        (DecisionImport, power_list.decision_imports.values_list("pk", flat=True)),
    ]
    condition = Q(pk__in=[])
    for model, pks in related:
        content_type = ContentType.objects.get_for_model(model)
        condition |= Q(content_type=content_type, object_id__in=[str(pk) for pk in pks])
    entries = ModelLogEntry.objects.filter(condition).select_related("user").order_by("-timestamp", "-pk")
    context = {"object": power_list, "entries": entries[:500]}
    return TemplateResponse(request, "agencies/history.html", context)
