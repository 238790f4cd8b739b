"""Staff views for agencies and people, inside the Wagtail admin. Thin: scope, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from . import grants, history, services
from .forms import AgencyForm, NewAgencyForm, NewPersonForm, RolesForm
from .models import Agency, Person
from .roles import Perm, Role
from .scoping import agencies_for, agency_or_404, can, get_or_404


def agency_index(request):
    agencies = agencies_for(request.user, Perm.VIEW_AGENCY).select_related("parent")
    return TemplateResponse(request, "agencies/index.html", {"agencies": agencies})


def agency_detail(request, code: str):
    agency = agency_or_404(request.user, code, Perm.VIEW_AGENCY)
    people = None
    if can(request.user, Perm.VIEW_PEOPLE, agency):
        people = agency.people.select_related("user").prefetch_related("role_assignments")
    context = {
        "agency": agency,
        "people": people,
        "children": agencies_for(request.user, Perm.VIEW_AGENCY).filter(parent=agency),
        "can_manage": can(request.user, Perm.MANAGE_AGENCY, agency),
        "can_grant": can(request.user, Perm.GRANT_ROLES, agency),
        "can_history": can(request.user, Perm.VIEW_HISTORY, agency),
    }
    return TemplateResponse(request, "agencies/detail.html", context)


def agency_edit(request, code: str):
    agency = agency_or_404(request.user, code, Perm.MANAGE_AGENCY)
    form = AgencyForm(request.POST or None, instance=Agency.objects.get(pk=agency.pk))
    if request.method == "POST" and form.is_valid():
        services.update_agency(agency, by=request.user, **{f: form.cleaned_data[f] for f in form.Meta.fields})
        messages.success(request, "机关信息已保存")
        return redirect("agencies:detail", code=agency.code)
    return TemplateResponse(request, "agencies/edit.html", {"agency": agency, "form": form})


def agency_history(request, code: str):
    agency = agency_or_404(request.user, code, Perm.VIEW_HISTORY)
    return TemplateResponse(
        request, "agencies/history.html", {"object": agency, "entries": history.entries_for(agency)}
    )


def person_roles(request, code: str, person_id: int):
    """Roles of one person: the editor changes only the roles `grants` lets them grant, never their own."""
    person = get_or_404(
        Person.objects.select_related("agency", "user"),
        request.user,
        Perm.GRANT_ROLES,
        pk=person_id,
        agency__code=code,
    )
    if person.user_id == request.user.pk:
        raise PermissionDenied("不能调整本人的角色，请由其他有权限的人员办理")
    grantable = grants.grantable_roles(request.user, person.agency, person)
    data = request.POST if request.method == "POST" else None  # no role ticked is a valid answer
    form = RolesForm(data, grantable=grantable, current=person.roles)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_roles(person, form.new_roles(), by=request.user)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{person.name} 的角色已保存")
            return redirect("agencies:detail", code=code)
    context = {"person": person, "form": form, "kept": [role for role in Role if role in form.kept]}
    return TemplateResponse(request, "agencies/roles.html", context)


def person_history(request, code: str, person_id: int):
    person = get_or_404(
        Person.objects.select_related("agency"),
        request.user,
        Perm.VIEW_HISTORY,
        pk=person_id,
        agency__code=code,
    )
    return TemplateResponse(
        request, "agencies/history.html", {"object": person, "entries": history.entries_for(person)}
    )


def agency_new(request, code: str):
    """A subordinate agency, created by whoever may manage the agency above it."""
    parent = agency_or_404(request.user, code, Perm.MANAGE_AGENCY)
    form = NewAgencyForm(request.POST or None, initial={"kind": "department"})
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.create_agency(by=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已添加下级机关 {agency.name}")
            return redirect("agencies:detail", code=agency.code)
    return TemplateResponse(
        request, "agencies/edit.html", {"agency": parent, "form": form, "title": "添加下级机关"}
    )


def person_new(request, code: str):
    agency = agency_or_404(request.user, code, Perm.MANAGE_AGENCY)
    form = NewPersonForm(request.POST or None, grantable=grants.grantable_roles(request.user, agency))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(agency=agency, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, f"已添加人员 {person.name}")
            return redirect("agencies:detail", code=agency.code)
    return TemplateResponse(
        request, "agencies/edit.html", {"agency": agency, "form": form, "title": "添加人员"}
    )
