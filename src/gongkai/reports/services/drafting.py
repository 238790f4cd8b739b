"""Writing an annual report: starting it, overriding a cell with a written reason, the prose of sections 一/五/六
and the date it bears. Each change is one transaction and one history entry; a report in sign-off or published
refuses changes (`Refused`, message in Chinese)."""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.core.errors import Refused
from gongkai.core.report import formats
from gongkai.core.report.model import format_number
from gongkai.core.report.tables import parse_key, parse_value, where

from .. import assembly, prose
from ..assembly import PROSE_SECTIONS
from ..models import AgencyReport

MIN_REASON = 4


def _user_name(user) -> str:
    return user.get_username() if user is not None else ""


@transaction.atomic
def get_or_start(agency: Agency, year: int, user) -> AgencyReport:
    """The agency's report for ``year``, started (with the drafted prose of 一、五、六) if there is none."""
    assembly.check_year(year)
    agency_report = AgencyReport.objects.select_for_update().filter(agency=agency, year=year).first()
    if agency_report is not None:
        return agency_report
    report = assembly.assembled(agency, year, None).report
    drafted = {key: prose.text_to_html(report.prose(key)) for key in PROSE_SECTIONS}
    agency_report = AgencyReport.objects.create(
        agency=agency,
        year=year,
        template=formats.template_for_year(year),
        prose=drafted,
        drafted=drafted,
    )
    history.record(agency_report, "wagtail.create", user, note=f"开始编写 {year} 年度报告")
    return agency_report


def _require_editable(agency_report: AgencyReport) -> None:
    if not agency_report.editable:
        raise Refused(f"报告{agency_report.get_status_display()}，不能修改；如需修改，请由审核人退回")


@transaction.atomic
def set_override(agency_report: AgencyReport, key: str, value, reason: str, user) -> AgencyReport:
    """Override one cell with a written reason (kept, shown as ``manual``, recorded in the history)."""
    _require_editable(agency_report)
    ref = parse_key(agency_report.template, key)
    number = parse_value(agency_report.template, ref, value)
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise Refused(f"修改统计数据必须写明理由（至少 {MIN_REASON} 个字）")
    before = agency_report.overrides.get(key, {}).get("value")
    if before is None:
        before = format_number(assembly.computed_value(agency_report.agency, agency_report.year, ref))
    stored = str(number) if isinstance(number, Decimal) else number
    agency_report.overrides = {
        **agency_report.overrides,
        key: {"value": stored, "reason": reason, "by": _user_name(user), "at": timezone.now().isoformat()},
    }
    agency_report.save(update_fields=["overrides", "updated_at"])
    history.record(
        agency_report,
        "wagtail.edit",
        user,
        changes={where(agency_report.template, ref): (before, format_number(number))},
        note=f"理由：{reason}",
    )
    return agency_report


@transaction.atomic
def clear_override(agency_report: AgencyReport, key: str, user) -> AgencyReport:
    """Go back to the figure computed from the records."""
    _require_editable(agency_report)
    ref = parse_key(agency_report.template, key)
    if key not in agency_report.overrides:
        return agency_report
    before = agency_report.overrides[key].get("value")
    agency_report.overrides = {k: v for k, v in agency_report.overrides.items() if k != key}
    agency_report.save(update_fields=["overrides", "updated_at"])
    history.record(
        agency_report,
        "wagtail.edit",
        user,
        changes={where(agency_report.template, ref): (before, "按记录统计")},
    )
    return agency_report


@transaction.atomic
def set_prose(agency_report: AgencyReport, section: str, html: str, user) -> AgencyReport:
    """Replace the text of section 一, 五 or 六 (the editor's HTML)."""
    _require_editable(agency_report)
    if section not in PROSE_SECTIONS:
        raise Refused("只有第一、五、六部分的文字可以编辑")
    before = agency_report.prose.get(section, "")
    if before == html:
        return agency_report
    agency_report.prose = {**agency_report.prose, section: html}
    agency_report.save(update_fields=["prose", "updated_at"])
    history.record(
        agency_report,
        "wagtail.edit",
        user,
        changes={formats.section(section).title: (prose.html_to_text(before), prose.html_to_text(html))},
    )
    return agency_report


@transaction.atomic
def set_report_date(agency_report: AgencyReport, day: date | None, user) -> AgencyReport:
    _require_editable(agency_report)
    before = agency_report.report_date
    agency_report.report_date = day
    agency_report.save(update_fields=["report_date", "updated_at"])
    history.record(agency_report, "wagtail.edit", user, changes={"成文日期": (before, day)})
    return agency_report


@dataclass(frozen=True)
class Redraft:
    """What redrafting a section would do: the text now, the fresh draft, the sentences removed and added, whether
    the text now is the office's own (not the platform's last draft), and a token naming this draft, so that what
    is confirmed is what is written."""

    section: str
    before: str
    after: str
    diff: tuple[tuple[str, str], ...]  # ("-" | "+" | " ", sentence)
    office_written: bool
    token: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；])|\n", text) if s.strip()]


def redraft_preview(agency_report: AgencyReport, section: str) -> Redraft:
    """The difference a fresh draft of ``section`` from the current records would make (nothing is changed)."""
    if section not in PROSE_SECTIONS:
        raise Refused("只有第一、五、六部分的文字可以重新起草")
    agency, year = agency_report.agency, agency_report.year
    report = assembly.assembled(agency, year, agency_report, texts=False).report
    after = assembly.drafted_prose(agency, year, report)[section]
    before = prose.html_to_text(agency_report.prose.get(section, ""))
    diff = tuple(
        (line[0], line[2:])
        for line in difflib.ndiff(_sentences(before), _sentences(after))
        if line[0] in "-+ "
    )
    token = hashlib.sha256(after.encode()).hexdigest()[:16]
    return Redraft(section, before, after, diff, agency_report.office_written(section), token)


@transaction.atomic
def redraft_prose(
    agency_report: AgencyReport, section: str, user, *, token: str | None = None
) -> AgencyReport:
    """Replace a section's text by a fresh draft from the current records (e.g. after late records). ``token`` is
    the one of the `redraft_preview` the user confirmed: when the records changed since, the draft would not be
    the one shown, and the redraft is refused."""
    _require_editable(agency_report)
    preview = redraft_preview(agency_report, section)
    if token is not None and token != preview.token:
        raise Refused("办理记录在确认后又有变化，重新起草的文字与确认时显示的不同，请重新核对差异")
    html = prose.text_to_html(preview.after)
    agency_report.drafted = {**agency_report.drafted, section: html}
    agency_report.save(update_fields=["drafted", "updated_at"])
    return set_prose(agency_report, section, html, user)
