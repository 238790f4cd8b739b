"""Whose records a report covers and whose reports it consolidates: an agency's own; for a government, every agency
below it, consolidated level by level (a tree of any depth).

A government's report consolidates the reports of its **direct members** (`consolidated`): its departments (the
agencies below it whose nearest government it is) and the next lower governments, each of which consolidates its
own members in turn — so a city's report sums its departments' reports and its districts' consolidated reports,
and counts the records of every agency of the tree exactly once (`members`).
"""

from __future__ import annotations

from gongkai.agencies.models import Agency, AgencyKind


def consolidates(agency: Agency) -> bool:
    """A government's report consolidates its departments' (条例第四十九条)."""
    return agency.kind == AgencyKind.GOVERNMENT


def _below(government: Agency) -> list[Agency]:
    return list(
        Agency.objects.filter(path__startswith=government.path).exclude(pk=government.pk).order_by("path")
    )


def _nearest(below: list[Agency]) -> tuple[list[Agency], list[Agency]]:
    """Of the agencies below a government: its departments, and the next lower governments."""
    governments = [a for a in below if a.kind == AgencyKind.GOVERNMENT]
    lower = [g for g in governments if not any(g.path.startswith(o.path) and g != o for o in governments)]
    under_lower = tuple(g.path for g in lower)
    departments = [
        a for a in below if a.kind != AgencyKind.GOVERNMENT and not a.path.startswith(under_lower or ("\0",))
    ]
    return departments, lower


def departments(government: Agency) -> list[Agency]:
    """The agencies below a government whose nearest government it is (a lower government consolidates its own)."""
    return _nearest(_below(government))[0]


def lower_governments(government: Agency) -> list[Agency]:
    """The next lower governments below a government (a district below a city; not the towns below the district)."""
    return _nearest(_below(government))[1]


def consolidated(agency: Agency) -> list[Agency]:
    """The reports a government's report sums: its departments' and its next lower governments' (tree order)."""
    if not consolidates(agency):
        return []
    found, lower = _nearest(_below(agency))
    return sorted([*found, *lower], key=lambda a: a.path)


def direct_members(covered: list[Agency]) -> dict[int, list[Agency]]:
    """`consolidated` of every government among ``covered`` — agencies in tree order that hold the whole subtree
    of each government asked about — found in one pass over them instead of a query per government (a province
    has hundreds): an agency is a direct member of the nearest government above it."""
    by_path = {a.path: a for a in covered}
    found: dict[int, list[Agency]] = {a.pk: [] for a in covered if consolidates(a)}
    for agency in covered:
        path = agency.path
        end = path.rfind("/", 0, len(path) - 1)
        while end > 0:
            above = by_path.get(path[: end + 1])
            if above is not None and consolidates(above):
                found[above.pk].append(agency)
                break
            end = path.rfind("/", 0, end)
    return found


def members(agency: Agency) -> list[Agency]:
    """The agencies whose records the report of ``agency`` counts: itself first, then, for a government, every
    agency below it (its departments and, level by level, the lower governments with theirs)."""
    return [agency, *_below(agency)] if consolidates(agency) else [agency]


def agency_kind(agency: Agency) -> str:
    """The agency's kind as the report checks name it (a government's report needs more content)."""
    return {AgencyKind.GOVERNMENT: "government", AgencyKind.DEPARTMENT: "department"}.get(
        agency.kind, "other"
    )
