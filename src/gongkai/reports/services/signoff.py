"""The sign-off chain of an annual report: submit → 复核 → 保密审查 → 审核 → publish, and sending back.

The same chain as proactive publishing (`agencies.roles.SIGNOFF_CHAIN`): 复核 by a section head or division
leader (Perm.CHECK_INFORMATION), 保密审查 by the confidentiality reviewer, who records a conclusion
(Perm.REVIEW_CONFIDENTIALITY), 审核 by the principal leader (Perm.APPROVE_INFORMATION); then the office publishes
(Perm.EDIT_REPORTS, or the approver). Each step is one `SignoffEvent` and one history entry, in one transaction.
The report's status is a cache of its events, refreshed from them by every step (`_refresh`) and never set
otherwise; the step a report waits for is derived from its events since the last submission. Anyone at the
current step, and the supervising office (Perm.SUPERVISE), may send a report back to the office with a comment.
A refused step raises `Refused` (message in Chinese) and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from gongkai.agencies import history
from gongkai.agencies.roles import SIGNOFF_CHAIN, Perm
from gongkai.agencies.scoping import can
from gongkai.core.errors import Refused

from .. import assembly, tasks
from ..models import AgencyReport, ReportPublication, ReportStatus, ReportStep, SignoffDecision, SignoffEvent
from . import publication

logger = logging.getLogger(__name__)

CHAIN: tuple[ReportStep, ...] = tuple(ReportStep(step.value) for step, _ in SIGNOFF_CHAIN)
"""The sign-off steps, in order; after the last one the report waits to be published."""

STEP_PERMS: dict[ReportStep, tuple[Perm, ...]] = {
    ReportStep.SUBMIT: (Perm.EDIT_REPORTS,),
    **{ReportStep(step.value): (perm,) for step, perm in SIGNOFF_CHAIN},
    ReportStep.PUBLISH: (Perm.EDIT_REPORTS, Perm.APPROVE_INFORMATION),
}

DEFAULT_CONCLUSION = "经审查，报告不涉及国家秘密、工作秘密和个人隐私，同意公开。"


def status_of(events: Iterable[SignoffEvent]) -> ReportStatus:
    """A report's status from its sign-off events, oldest first: a submission puts it in sign-off, a return sends
    it back, a publication publishes it; approvals move it along the chain without changing its status."""
    status = ReportStatus.DRAFTING
    for event in events:
        if event.step == ReportStep.PUBLISH:
            status = ReportStatus.PUBLISHED
        elif event.decision == SignoffDecision.RETURN:
            status = ReportStatus.RETURNED
        elif event.step == ReportStep.SUBMIT:
            status = ReportStatus.IN_SIGNOFF
    return status


def _lock(agency_report: AgencyReport) -> AgencyReport:
    """Re-read the report under a row lock, so that two people cannot take the same step at once."""
    return AgencyReport.objects.select_for_update().select_related("agency").get(pk=agency_report.pk)


def _events_since_submission(agency_report: AgencyReport) -> list[SignoffEvent]:
    events = list(agency_report.signoff_events.order_by("at", "pk"))
    last_submit = max((i for i, e in enumerate(events) if e.step == ReportStep.SUBMIT), default=None)
    return [] if last_submit is None else events[last_submit + 1 :]


def current_step(agency_report: AgencyReport) -> ReportStep | None:
    """The step a report in sign-off waits for (复核, 保密审查, 审核 or 发布); None when it is not in sign-off."""
    if agency_report.status != ReportStatus.IN_SIGNOFF:
        return None
    done = {e.step for e in _events_since_submission(agency_report) if e.decision == SignoffDecision.APPROVE}
    return next((step for step in CHAIN if step not in done), ReportStep.PUBLISH)


def may_take(user, agency_report: AgencyReport, step: ReportStep) -> bool:
    return can(user, STEP_PERMS[step], agency_report.agency)


def _require_step(user, agency_report: AgencyReport, step: ReportStep) -> None:
    if not may_take(user, agency_report, step):
        raise PermissionDenied(f"{step.label}：您没有在该机关办理这一环节的权限")


def _record(
    agency_report: AgencyReport,
    user,
    step: ReportStep,
    decision: SignoffDecision,
    *,
    comment: str = "",
    conclusion: str = "",
) -> SignoffEvent:
    """Append one event, refresh the status from all events, record one history entry (in the caller's
    transaction, on the locked report)."""
    event = SignoffEvent.objects.create(
        report=agency_report,
        step=step,
        decision=decision,
        comment=comment,
        conclusion=conclusion,
        person=user,
    )
    before = agency_report.status
    agency_report.status = status_of(agency_report.signoff_events.order_by("at", "pk"))
    agency_report.save(update_fields=["status", "updated_at"])
    note = f"{step.label}：{decision.label}"
    if conclusion:
        note += f"。结论：{conclusion}"
    if comment:
        note += f"。意见：{comment}"
    changes = None
    if before != agency_report.status:
        changes = {"状态": [ReportStatus(before).label, ReportStatus(agency_report.status).label]}
    history.record(agency_report, "wagtail.edit", user, changes=changes, note=note)
    logger.info("annual report %s: %s %s", agency_report.pk, step.value, decision.value)
    return event


def _copy_back(locked: AgencyReport, agency_report: AgencyReport) -> None:
    """Give the caller's object what the step changed on the locked copy."""
    for name in ("status", "published_at", "report_date", "published_report", "updated_at"):
        setattr(agency_report, name, getattr(locked, name))


def submit(agency_report: AgencyReport, user, comment: str = "") -> SignoffEvent:
    """The office submits the report to the sign-off chain; refused while an error finding remains."""
    _require_step(user, agency_report, ReportStep.SUBMIT)
    with transaction.atomic():
        locked = _lock(agency_report)
        if not locked.editable:
            raise Refused("该报告已提交审核或已发布，不能重复提交")
        errors = assembly.blocking_errors(locked)
        if errors:
            raise Refused(assembly.describe_errors(errors, "提交审核"))
        event = _record(locked, user, ReportStep.SUBMIT, SignoffDecision.APPROVE, comment=comment.strip())
    _copy_back(locked, agency_report)
    return event


def approve(agency_report: AgencyReport, user, *, comment: str = "", conclusion: str = "") -> SignoffEvent:
    """Approve the step the report is at (复核, 保密审查 with its conclusion, or 审核).

    Each step of one submission is taken by a different person (separation of duties).
    """
    with transaction.atomic():
        locked = _lock(agency_report)
        step = current_step(locked)
        if step is None or step == ReportStep.PUBLISH:
            raise Refused("该报告当前没有待审核的环节")
        _require_step(user, locked, step)
        conclusion = conclusion.strip()
        if step == ReportStep.CONFIDENTIALITY and not conclusion:
            raise Refused("保密审查须填写审查结论")
        earlier = _events_since_submission(locked)
        if any(e.person_id == user.pk and e.step in CHAIN for e in earlier):
            raise Refused("同一人不能办理同一报告的两个审核环节，请由其他人员办理")
        event = _record(
            locked,
            user,
            step,
            SignoffDecision.APPROVE,
            comment=comment.strip(),
            conclusion=conclusion if step == ReportStep.CONFIDENTIALITY else "",
        )
    _copy_back(locked, agency_report)
    return event


def send_back(agency_report: AgencyReport, user, comment: str) -> SignoffEvent:
    """Return the report to the office with a comment: by whoever may take the current step, or by the
    supervising office (a report in sign-off or being written). A published report is not sent back."""
    comment = comment.strip()
    if not comment:
        raise Refused("退回修改须写明意见")
    with transaction.atomic():
        locked = _lock(agency_report)
        supervises = can(user, Perm.SUPERVISE, locked.agency)
        if not supervises and not any(may_take(user, locked, s) for s in CHAIN):
            raise PermissionDenied("退回修改：您不是该报告的审核人，也不是其主管部门")
        if locked.status == ReportStatus.PUBLISHED:
            raise Refused("已发布的报告不能退回")
        if locked.status == ReportStatus.RETURNED:
            raise Refused("该报告已退回，正在修改")
        step = current_step(locked)
        if supervises:
            acting = ReportStep.SUPERVISION
        elif step is not None and may_take(user, locked, step):
            acting = step
        else:
            raise PermissionDenied(
                "退回修改：报告当前在“{}”环节，不由您办理".format(step.label if step else "编写")
            )
        event = _record(locked, user, acting, SignoffDecision.RETURN, comment=comment)
    _copy_back(locked, agency_report)
    return event


def _moment(on: date | None) -> datetime:
    if on is None:
        return timezone.now()
    return timezone.make_aware(datetime.combine(on, time(9, 0)))


def _keep(agency_report: AgencyReport, files: dict[str, bytes]) -> ReportPublication:
    """Store the files rendered before the transaction and enqueue the PDF, in the caller's transaction: the task
    exists exactly when the publication does (an immediate task backend, in the tests, has rendered the PDF on
    return)."""
    stored = publication.store(agency_report, files)
    tasks.render_pdf.enqueue(stored.pk)
    stored.refresh_from_db()
    return stored


def publish(agency_report: AgencyReport, user, on: date | None = None) -> ReportPublication:
    """Publish a report that passed 审核: render HTML, DOCX and XLSX, store them with the report as assembled now
    (frozen, findings included), enqueue the PDF's rendering, and set the publication time and (if empty) the
    report's date.

    `on` is the day of publication (default today). Rendering happens before the transaction.
    """
    if current_step(agency_report) != ReportStep.PUBLISH:
        raise Refused("该报告尚未通过审核，不能发布")
    _require_step(user, agency_report, ReportStep.PUBLISH)
    errors = assembly.blocking_errors(agency_report)
    if errors:
        raise Refused(assembly.describe_errors(errors, "发布"))
    when = _moment(on)
    if agency_report.report_date is None:
        agency_report.report_date = timezone.localdate(when)
    files = publication.render_files(publication.published_report(agency_report))
    with transaction.atomic():
        locked = _lock(agency_report)
        if current_step(locked) != ReportStep.PUBLISH:
            raise Refused("该报告的状态已经改变，请刷新后重试")
        locked.published_at = when
        locked.report_date = locked.report_date or agency_report.report_date
        locked.save(update_fields=["published_at", "report_date", "updated_at"])
        _record(locked, user, ReportStep.PUBLISH, SignoffDecision.APPROVE)
        freeze(locked)
        stored = _keep(locked, files)
    _copy_back(locked, agency_report)
    return stored


def freeze(agency_report: AgencyReport) -> None:
    """Keep the report as it is published, findings included (a late publication's ``late`` among them): later
    records no longer change its figures."""
    report = assembly.checked(agency_report.agency, agency_report.year, agency_report=agency_report)
    agency_report.published_report = report.to_dict(extended=True)
    agency_report.save(update_fields=["published_report", "updated_at"])


def regenerate_files(agency_report: AgencyReport, user) -> ReportPublication:
    """Render the files of a published report again from its frozen text, e.g. the PDF once a Chinese font is
    installed, or a report published before files were kept. The report itself does not change; the publication
    keeps its time."""
    if agency_report.status != ReportStatus.PUBLISHED:
        raise Refused("只有已发布的报告可以重新生成文件")
    _require_step(user, agency_report, ReportStep.PUBLISH)
    files = publication.render_files(publication.published_report(agency_report))
    with transaction.atomic():
        stored = _keep(agency_report, files)
        history.record(agency_report, "wagtail.edit", user, note="重新生成已发布报告的文件")
    return stored


@dataclass(frozen=True)
class Actions:
    """What `user` may do with a report now: the buttons of its sign-off page."""

    submit: bool
    approve: ReportStep | None
    send_back: bool
    publish: bool
    regenerate: bool


def actions_for(user, agency_report: AgencyReport) -> Actions:
    step = current_step(agency_report)
    supervises = can(user, Perm.SUPERVISE, agency_report.agency)
    return Actions(
        submit=agency_report.editable and may_take(user, agency_report, ReportStep.SUBMIT),
        approve=step if step in CHAIN and may_take(user, agency_report, step) else None,
        send_back=(step is not None and may_take(user, agency_report, step))
        or (supervises and agency_report.status in (ReportStatus.DRAFTING, ReportStatus.IN_SIGNOFF)),
        publish=step == ReportStep.PUBLISH and may_take(user, agency_report, ReportStep.PUBLISH),
        regenerate=agency_report.published and may_take(user, agency_report, ReportStep.PUBLISH),
    )


def last_return(agency_report: AgencyReport) -> SignoffEvent | None:
    """The latest sending back (with its comment), for the office's screens."""
    return agency_report.signoff_events.filter(decision=SignoffDecision.RETURN).order_by("-at", "-pk").first()
