"""The one scoping helper: what each person may see and do, in which agencies.

Every query for agency data goes through `scope()` or `agencies_for()`, every object a view loads by id through
`get_or_404()` (scoped before it is loaded: another agency's object answers 404 like a missing one, so ids cannot
be probed), every agency a view names by its code through `agency_or_404()`, and every permission check through
`can()` / `require()`. Wherever a permission is asked for, a tuple of permissions means "any of these". A role's
permissions (roles.GRANTS) reach:

- 系统管理员 (and Django superusers): every agency;
- 主管部门: its government (the nearest government at or above the person's agency) and every
  agency below it;
- every other role: the person's own agency only.

Personal data of applicants is a permission like any other, so the same rules mask it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Agency, Person
from .roles import Perm, Role, roles_with

_NOTHING = Q(pk__in=[])

Perms = Perm | tuple[Perm, ...]
"""One permission, or several of which any will do."""


def _each(perms: Perms) -> tuple[Perm, ...]:
    return (perms,) if isinstance(perms, Perm) else tuple(perms)


def _label(perms: Perms) -> str:
    return "或".join(p.label for p in _each(perms))


def person_of(user) -> Person | None:
    """The staff record of a logged-in user (cached on the user object), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_gongkai_person"):
        user._gongkai_person = Person.objects.select_related("agency").filter(user=user).first()
    return user._gongkai_person


def _roles(user) -> frozenset[Role]:
    """The user's roles; a Django superuser counts as 系统管理员 (and only as that)."""
    if not getattr(user, "is_active", False):
        return frozenset()
    person = person_of(user)
    roles = person.roles if person else frozenset()
    return roles | {Role.SYSTEM_ADMIN} if user.is_superuser else roles


def _reach(person: Person | None, role: Role) -> Q:
    if role == Role.SYSTEM_ADMIN:
        return Q()
    if role == Role.SUPERVISING_OFFICE:
        government = person.agency.government()
        if government is not None:
            return Q(path__startswith=government.path)
    return Q(pk=person.agency_id)


def _reaches(person: Person | None, role: Role, agency: Agency) -> bool:
    """`_reach` decided for one loaded agency from its path, without a query (`can` is asked on every page)."""
    if role == Role.SYSTEM_ADMIN:
        return True
    if role == Role.SUPERVISING_OFFICE:
        government = person.agency.government()
        if government is not None:
            return agency.path.startswith(government.path)
    return agency.pk == person.agency_id


def agency_filter(user, perms: Perms) -> Q:
    """A Q over Agency selecting the agencies where `user` holds `perms` (any of them).

    Superusers are system administrators, not above the rules: permissions the role lacks (handling
    applications, seeing applicants' personal data) stay with the agency's own office.
    """
    person = person_of(user)
    condition = _NOTHING
    roles = _roles(user)
    for perm in _each(perms):
        for role in roles & roles_with(perm):
            reach = _reach(person, role)
            if not reach:
                return Q()
            condition |= reach
    return condition


def agencies_for(user, perms: Perms) -> QuerySet[Agency]:
    return Agency.objects.filter(agency_filter(user, perms))


def scope(queryset: QuerySet, user, perms: Perms, field: str = "agency") -> QuerySet:
    """Restrict a queryset of agency data to the agencies where `user` holds `perms`."""
    condition = agency_filter(user, perms)
    if not condition:
        return queryset
    return queryset.filter(**{f"{field}__in": Agency.objects.filter(condition).values("pk")})


def get_or_404(queryset: QuerySet, user, perms: Perms, *, field: str = "agency", **lookup):
    """The object of ``queryset`` matching ``lookup`` among those of the agencies where `user` holds `perms`
    (``field`` leads to its agency); Http404 when there is none, whether it is missing or another agency's."""
    return get_object_or_404(scope(queryset, user, perms, field), **lookup)


def agency_or_404(user, code: str, perms: Perms) -> Agency:
    """The agency with ``code`` (Http404 if there is none), if `user` holds `perms` there (PermissionDenied if
    not: agencies and their codes are public, so saying that one exists tells nothing)."""
    agency = get_object_or_404(Agency, code=code)
    require(user, perms, agency)
    return agency


def can(user, perms: Perms, agency: Agency) -> bool:
    """Whether `user` holds `perms` (any of them) in `agency`: what `agency_filter` selects, for one agency."""
    person = person_of(user)
    roles = _roles(user)
    return any(_reaches(person, role, agency) for perm in _each(perms) for role in roles & roles_with(perm))


def require(user, perms: Perms, agency: Agency) -> None:
    if not can(user, perms, agency):
        raise PermissionDenied(f"{_label(perms)}：无权访问该机关")


def roles_reaching(user, perm: Perm, agency: Agency) -> frozenset[Role]:
    """Which of the user's roles hold `perm` and reach `agency` (for rules that depend on the role, like grants)."""
    person = person_of(user)
    return frozenset(role for role in _roles(user) & roles_with(perm) if _reaches(person, role, agency))


def has_any(user, perms: Perms) -> bool:
    """Whether `user` holds `perms` (any of them) anywhere (for menus and model-level checks)."""
    return any(_roles(user) & roles_with(perm) for perm in _each(perms))


def require_any(user, perms: Perms) -> None:
    """For platform-wide functions that belong to no agency (e.g. the working-day calendar)."""
    if not has_any(user, perms):
        raise PermissionDenied(f"{_label(perms)}：无此权限")
