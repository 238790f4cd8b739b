"""Demo annual reports, loaded after the other apps (they are assembled from their demo records). Idempotent:
a report that exists is left as it is.

- 经开区人社局 2020 (2019 template): assembled from the powers and applications demo records, which reproduce the
  sample report's figures (shared/samples/README.md): table 二 行政许可 1/+6/26, 其他对外管理服务事项 22/+13/100290,
  行政处罚 24/+8/32, everything else 0, tables 三 and 四 all 0 — with the totals filled, the six sections, no
  template text, dated 2021-01-27; published on that day through the sign-off chain (rsj-gkb → rsj-kezhang →
  rsj-baomi → rsj-juzhang), with its files (HTML, DOCX, PDF, XLSX) kept.
- 经开区人社局 2025 (2021 template): being written, from the applications demo's cases of that year.
- 经开区住建局 last year: submitted and checked by its 科室负责人 `zjj-kezhang`, waiting at 保密审查.
- 经开区管委会 last year: the consolidated report, being written by gkb.

So the supervision page shows every state.
"""

from __future__ import annotations

import logging
from datetime import date

from django.utils import timezone

from gongkai.agencies.models import Agency, Person
from gongkai.agencies.roles import Role
from gongkai.agencies.services import create_person
from gongkai.powers import services as powers
from gongkai.powers.models import PowerList

from . import assembly
from .models import AgencyReport
from .services import drafting, signoff

logger = logging.getLogger(__name__)

PUBLISHED_AGENCY = "jingkai-rsj"
PUBLISHED_YEAR = 2020
PUBLISHED_ON = date(2021, 1, 27)
DRAFTING_YEAR = 2025
DEMO_PASSWORD = "gongkai-demo"


def _user(username: str):
    person = Person.objects.select_related("user").filter(user__username=username).first()
    return person.user if person else None


def _publish_rsj() -> None:
    agency = Agency.objects.filter(code=PUBLISHED_AGENCY).first()
    office = _user("rsj-gkb")
    if agency is None or office is None:
        return
    kept = assembly.stored(agency, PUBLISHED_YEAR)
    if kept is not None and kept.published:
        if not hasattr(kept, "publication") or not kept.publication.files.exists():
            signoff.regenerate_files(kept, office)
        return
    agency_report = drafting.get_or_start(agency, PUBLISHED_YEAR, office)
    if agency_report.report_date is None:
        drafting.set_report_date(agency_report, PUBLISHED_ON, office)
    if signoff.current_step(agency_report) is None:
        signoff.submit(agency_report, office, "请审核 2020 年度报告")
    for username, conclusion in (
        ("rsj-kezhang", ""),
        ("rsj-baomi", signoff.DEFAULT_CONCLUSION),
        ("rsj-juzhang", ""),
    ):
        if signoff.current_step(agency_report) in signoff.CHAIN:
            signoff.approve(agency_report, _user(username), conclusion=conclusion)
    signoff.publish(agency_report, office, on=PUBLISHED_ON)


def _rsj_drafting() -> None:
    agency = Agency.objects.filter(code=PUBLISHED_AGENCY).first()
    office = _user("rsj-gkb")
    if agency is not None and office is not None:
        drafting.get_or_start(agency, DRAFTING_YEAR, office)


def _zjj_in_confidentiality_review(year: int) -> None:
    agency = Agency.objects.filter(code="jingkai-zjj").first()
    office = _user("zjj-gkb")
    if agency is None or office is None or AgencyReport.objects.filter(agency=agency, year=year).exists():
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
    # 住建局 keeps its power list on the platform too (none of its entries has a decision that year): table 二
    # counts zeros instead of leaving the cells blank
    if not PowerList.objects.filter(agency=agency, year=year).exists():
        powers.start_year(agency, year, by=office)
    agency_report = drafting.get_or_start(agency, year, office)
    # the office corrects one figure by hand, with its reason: the sign-off sees it as a `manual` finding
    drafting.set_override(
        agency_report,
        "proactive.penalty.decisions",
        3,
        "执法系统年底迁移，两件处罚决定未导入，按纸质案卷补计",
        office,
    )
    # the drafted overview still states the counted figure: the office redrafts it (the page asks to confirm)
    drafting.redraft_prose(agency_report, "overview", office)
    if assembly.blocking_errors(agency_report):
        logger.warning("demo: the %s report of jingkai-zjj has errors; left being written", year)
        return
    signoff.submit(agency_report, office, "请审核")
    signoff.approve(agency_report, checker, comment="数据已与办理台账核对")


def _government_drafting(year: int) -> None:
    agency = Agency.objects.filter(code="jingkai").first()
    office = _user("gkb")
    if agency is not None and office is not None:
        drafting.get_or_start(agency, year, office)


def load() -> None:
    last_year = timezone.localdate().year - 1
    _publish_rsj()
    _rsj_drafting()
    _zjj_in_confidentiality_review(last_year)
    _government_drafting(last_year)
