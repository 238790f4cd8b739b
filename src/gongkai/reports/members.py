"""Whose records a report covers: an agency's own, and for a government those of the departments it consolidates."""

from __future__ import annotations

from gongkai.agencies.models import Agency, AgencyKind


def consolidates(agency: Agency) -> bool:
    """A government's report consolidates its departments' (条例第四十九条)."""
    return agency.kind == AgencyKind.GOVERNMENT


def departments(government: Agency) -> list[Agency]:
    """The agencies whose reports a government's report consolidates: those below it whose nearest government it
    is (a lower government publishes its own consolidated report)."""
    below = list(
        Agency.objects.filter(path__startswith=government.path).exclude(pk=government.pk).order_by("path")
    )
    lower = [a.path for a in below if a.kind == AgencyKind.GOVERNMENT]
    return [
        a for a in below if a.kind != AgencyKind.GOVERNMENT and not any(a.path.startswith(p) for p in lower)
    ]


def members(agency: Agency) -> list[Agency]:
    """The agencies whose records the report of ``agency`` counts: itself first, then the departments it
    consolidates."""
    return [agency, *departments(agency)] if consolidates(agency) else [agency]


def agency_kind(agency: Agency) -> str:
    """The agency's kind as the report checks name it (a government's report needs more content)."""
    return {AgencyKind.GOVERNMENT: "government", AgencyKind.DEPARTMENT: "department"}.get(
        agency.kind, "other"
    )
