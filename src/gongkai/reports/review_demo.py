"""Demo of review, publication and supervision, loaded after the assembly's demo reports.

- 经开区人社局 2020: published on 2021-01-27 with its files (HTML, DOCX, PDF, XLSX) stored; if the assembly's demo
  did not publish it, it goes through the whole chain (rsj-gkb → rsj-kezhang → rsj-baomi → rsj-juzhang).
- 经开区住建局 last year: submitted and checked, waiting at 保密审查 (a 科室负责人 account `zjj-kezhang` is added
  for the 复核 step, the demo agencies having none there).
- 经开区管委会 last year: the consolidated report, being written by gkb.

So the supervision page shows every state. Idempotent: what exists is left as it is.
"""

from __future__ import annotations

import logging
from datetime import date

from django.utils import timezone

from gongkai.agencies.models import Agency, Person
from gongkai.agencies.roles import Role
from gongkai.agencies.services import create_person

from . import assembly, publication, review
from .models import AnnualReportDraft, ReportStatus

logger = logging.getLogger(__name__)

PUBLISHED_AGENCY = "jingkai-rsj"
PUBLISHED_YEAR = 2020
PUBLISHED_ON = date(2021, 1, 27)
DEMO_PASSWORD = "gongkai-demo"


def _user(username: str):
    person = Person.objects.select_related("user").filter(user__username=username).first()
    return person.user if person else None


def _publish_rsj() -> None:
    agency = Agency.objects.filter(code=PUBLISHED_AGENCY).first()
    office = _user("rsj-gkb")
    if agency is None or office is None:
        return
    draft = assembly.get_or_start(agency, PUBLISHED_YEAR, office)
    if draft.status != ReportStatus.PUBLISHED:
        if draft.report_date is None:
            assembly.set_report_date(draft, PUBLISHED_ON, office)
        if review.current_step(draft) is None:
            review.submit(draft, office, "请审核 2020 年度报告")
        for username, conclusion in (
            ("rsj-kezhang", ""),
            ("rsj-baomi", review.DEFAULT_CONCLUSION),
            ("rsj-juzhang", ""),
        ):
            if review.current_step(draft) in review.CHAIN:
                review.approve(draft, _user(username), conclusion=conclusion)
        review.publish(draft, office, on=PUBLISHED_ON)
    elif not hasattr(draft, "publication") or not draft.publication.files.exists():
        publication.publish_files(draft, office)


def _zjj_in_confidentiality_review(year: int) -> None:
    agency = Agency.objects.filter(code="jingkai-zjj").first()
    office = _user("zjj-gkb")
    if (
        agency is None
        or office is None
        or AnnualReportDraft.objects.filter(agency=agency, year=year).exists()
    ):
        return
    checker = (
        _user("zjj-kezhang")
        or create_person(
            agency=agency,
            username="zjj-kezhang",
            name="郑凯",
            position="综合科副科长",
            roles=[Role.SECTION_HEAD],
            password=DEMO_PASSWORD,
        ).user
    )
    draft = assembly.get_or_start(agency, year, office)
    # the office corrects one figure by hand, with its reason: the reviewers see it as a `manual` finding
    assembly.set_override(
        draft,
        "proactive.penalty.decisions",
        3,
        "执法系统年底迁移，两件处罚决定未导入，按纸质案卷补计",
        office,
    )
    if assembly.blocking_errors(draft):
        logger.warning("demo: the %s report of jingkai-zjj has errors; left being written", year)
        return
    review.submit(draft, office, "请审核")
    review.approve(draft, checker, comment="数据已与办理台账核对")


def _government_drafting(year: int) -> None:
    agency = Agency.objects.filter(code="jingkai").first()
    office = _user("gkb")
    if agency is not None and office is not None:
        assembly.get_or_start(agency, year, office)


def load() -> None:
    last_year = timezone.localdate().year - 1
    _publish_rsj()
    _zjj_in_confidentiality_review(last_year)
    _government_drafting(last_year)
