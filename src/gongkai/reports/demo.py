"""Demo annual reports: the sample agency's 2020 report as it should have been published, and a later year.

2020 (2019 template) is assembled from the powers and applications demo records, which reproduce the sample
report's figures (shared/samples/README.md): table 二 行政许可 1/+6/26, 其他对外管理服务事项 22/+13/100290,
行政处罚 24/+8/32, everything else 0, tables 三 and 四 all 0 — with the totals filled, the six sections, no
template text, dated 2021-01-27. It is published through the review chain (复核 → 保密审查 → 审核 → 发布, with its
files stored) by ``review_demo``, loaded right after this module. 2025 (2021 template) is left being written, from the applications demo's cases of that year.
Loaded after the other apps (it reads their demo records). Idempotent: a report that exists is left as it is.
"""

from __future__ import annotations

from datetime import date

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Role

from . import assembly
from .models import AnnualReportDraft

AGENCY = "jingkai-rsj"
PUBLISHED_YEAR = 2020
PUBLISHED_ON = date(2021, 1, 27)
DRAFTING_YEAR = 2025


def _office_user(agency: Agency):
    person = (
        agency.people.filter(role_assignments__role=Role.DISCLOSURE_OFFICE).select_related("user").first()
    )
    return person.user if person else None


def load() -> list[AnnualReportDraft]:
    """Create the demo reports where missing; return those created."""
    agency = Agency.objects.filter(code=AGENCY).first()
    if agency is None:
        return []
    user = _office_user(agency)
    created = []
    if not AnnualReportDraft.objects.filter(agency=agency, year=PUBLISHED_YEAR).exists():
        draft = assembly.get_or_start(agency, PUBLISHED_YEAR, user)
        assembly.set_report_date(draft, PUBLISHED_ON, user)
        created.append(draft)
    if not AnnualReportDraft.objects.filter(agency=agency, year=DRAFTING_YEAR).exists():
        created.append(assembly.get_or_start(agency, DRAFTING_YEAR, user))
    return created
