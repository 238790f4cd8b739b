"""The review chain of an annual report: submit → 复核 → 保密审查 → 审核 → publish, and sending back.

The same chain as proactive publishing: 复核 by a section head or division leader (Perm.CHECK_INFORMATION),
保密审查 by the confidentiality reviewer, who records a conclusion (Perm.REVIEW_CONFIDENTIALITY), 审核 by the
principal leader (Perm.APPROVE_INFORMATION); then the office publishes (Perm.EDIT_REPORTS, or the approver).
Each step is one `ReportReviewEvent` and one history entry, in one transaction. The step a report is at is
derived from its events since the last submission. Anyone at the current step, and the supervising office
(Perm.SUPERVISE), may send a report back to the office with a comment.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies import history
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import can, require

from . import assembly, publication
from .models import AnnualReportDraft, ReportStatus
from .review_models import ReportReviewEvent, ReviewDecision, ReviewStep

logger = logging.getLogger(__name__)

CHAIN: tuple[ReviewStep, ...] = (ReviewStep.CHECK, ReviewStep.CONFIDENTIALITY, ReviewStep.APPROVE)
"""The review steps, in order; after the last one the report waits to be published."""

STEP_PERMS: dict[ReviewStep, tuple[Perm, ...]] = {
    ReviewStep.SUBMIT: (Perm.EDIT_REPORTS,),
    ReviewStep.CHECK: (Perm.CHECK_INFORMATION,),
    ReviewStep.CONFIDENTIALITY: (Perm.REVIEW_CONFIDENTIALITY,),
    ReviewStep.APPROVE: (Perm.APPROVE_INFORMATION,),
    ReviewStep.PUBLISH: (Perm.EDIT_REPORTS, Perm.APPROVE_INFORMATION),
}

DEFAULT_CONCLUSION = "经审查，报告不涉及国家秘密、工作秘密和个人隐私，同意公开。"


def _lock(draft: AnnualReportDraft) -> AnnualReportDraft:
    """Re-read the draft under a row lock, so that two reviewers cannot take the same step at once."""
    locked = AnnualReportDraft.objects.select_for_update().get(pk=draft.pk)
    draft.status = locked.status
    return locked


def _events_since_submission(draft: AnnualReportDraft) -> list[ReportReviewEvent]:
    events = list(draft.review_events.order_by("at", "pk"))
    last_submit = max((i for i, e in enumerate(events) if e.step == ReviewStep.SUBMIT), default=None)
    return [] if last_submit is None else events[last_submit + 1 :]


def current_step(draft: AnnualReportDraft) -> ReviewStep | None:
    """The step a report in review waits for (复核, 保密审查, 审核 or 发布); None when it is not in review."""
    if draft.status != ReportStatus.IN_REVIEW:
        return None
    done = {e.step for e in _events_since_submission(draft) if e.decision == ReviewDecision.APPROVE}
    return next((step for step in CHAIN if step not in done), ReviewStep.PUBLISH)


def may_take(user, draft: AnnualReportDraft, step: ReviewStep) -> bool:
    return any(can(user, perm, draft.agency) for perm in STEP_PERMS[step])


def _require_step(user, draft: AnnualReportDraft, step: ReviewStep) -> None:
    if not may_take(user, draft, step):
        raise PermissionDenied(f"{step.label}：您没有在该机关办理这一环节的权限")


def _record(
    draft: AnnualReportDraft,
    user,
    step: ReviewStep,
    decision: ReviewDecision,
    before: str,
    *,
    comment: str = "",
    conclusion: str = "",
) -> ReportReviewEvent:
    event = ReportReviewEvent.objects.create(
        draft=draft, step=step, decision=decision, comment=comment, conclusion=conclusion, person=user
    )
    note = f"{step.label}：{decision.label}"
    if conclusion:
        note += f"。结论：{conclusion}"
    if comment:
        note += f"。意见：{comment}"
    changes = None
    if before != draft.status:
        changes = {"状态": [ReportStatus(before).label, ReportStatus(draft.status).label]}
    history.record(draft, "wagtail.edit", user, changes=changes, note=note)
    logger.info("annual report %s: %s %s", draft.pk, step.value, decision.value)
    return event


def describe_errors(errors) -> str:
    listed = "；".join(f"{f.where}：{f.message}" for f in errors[:10])
    more = f"；另有 {len(errors) - 10} 项" if len(errors) > 10 else ""
    return f"报告还有 {len(errors)} 项错误，改正后才能提交审核：{listed}{more}"


def submit(draft: AnnualReportDraft, user, comment: str = "") -> ReportReviewEvent:
    """The office submits the report for review; refused while an error finding remains."""
    _require_step(user, draft, ReviewStep.SUBMIT)
    with transaction.atomic():
        locked = _lock(draft)
        if locked.status not in (ReportStatus.DRAFTING, ReportStatus.RETURNED):
            raise ValidationError("该报告已提交审核或已发布，不能重复提交")
        errors = assembly.blocking_errors(locked)
        if errors:
            raise ValidationError(describe_errors(errors))
        before = locked.status
        locked.status = ReportStatus.IN_REVIEW
        locked.save(update_fields=["status", "updated_at"])
        draft.status = locked.status
        return _record(
            locked, user, ReviewStep.SUBMIT, ReviewDecision.APPROVE, before, comment=comment.strip()
        )


def approve(draft: AnnualReportDraft, user, *, comment: str = "", conclusion: str = "") -> ReportReviewEvent:
    """Approve the step the report is at (复核, 保密审查 with its conclusion, or 审核).

    Each review step of one submission is taken by a different person.
    """
    with transaction.atomic():
        locked = _lock(draft)
        step = current_step(locked)
        if step is None or step == ReviewStep.PUBLISH:
            raise ValidationError("该报告当前没有待审核的环节")
        _require_step(user, locked, step)
        conclusion = conclusion.strip()
        if step == ReviewStep.CONFIDENTIALITY and not conclusion:
            raise ValidationError("保密审查须填写审查结论")
        earlier = _events_since_submission(locked)
        if any(e.person_id == user.pk and e.step in CHAIN for e in earlier):
            raise ValidationError("同一人不能办理同一报告的两个审核环节，请由其他人员办理")
        event = _record(
            locked,
            user,
            step,
            ReviewDecision.APPROVE,
            locked.status,
            comment=comment.strip(),
            conclusion=conclusion if step == ReviewStep.CONFIDENTIALITY else "",
        )
    return event


def send_back(draft: AnnualReportDraft, user, comment: str) -> ReportReviewEvent:
    """Return the report to the office with a comment: by whoever may take the current review step, or by the
    supervising office (a report in review or being written). A published report is not sent back."""
    comment = comment.strip()
    if not comment:
        raise ValidationError("退回修改须写明意见")
    with transaction.atomic():
        locked = _lock(draft)
        supervises = can(user, Perm.SUPERVISE, locked.agency)
        if not supervises and not any(may_take(user, locked, s) for s in CHAIN):
            raise PermissionDenied("退回修改：您不是该报告的审核人，也不是其主管部门")
        if locked.status == ReportStatus.PUBLISHED:
            raise ValidationError("已发布的报告不能退回")
        if locked.status == ReportStatus.RETURNED:
            raise ValidationError("该报告已退回，正在修改")
        step = current_step(locked)
        if supervises:
            acting = ReviewStep.SUPERVISION
        elif step is not None and may_take(user, locked, step):
            acting = step
        else:
            raise PermissionDenied(
                "退回修改：报告当前在“{}”环节，不由您办理".format(step.label if step else "编写")
            )
        before = locked.status
        locked.status = ReportStatus.RETURNED
        locked.save(update_fields=["status", "updated_at"])
        draft.status = locked.status
        return _record(locked, user, acting, ReviewDecision.RETURN, before, comment=comment)


def _moment(on: date | None) -> datetime:
    if on is None:
        return timezone.now()
    return timezone.make_aware(datetime.combine(on, time(9, 0)))


def publish(draft: AnnualReportDraft, user, on: date | None = None) -> publication.ReportPublication:
    """Publish a report that passed 审核: render HTML, DOCX and XLSX, store them with the report as
    assembled now, enqueue the PDF's rendering, and set the status, the publication time and (if empty) the
    report's date.

    `on` is the day of publication (default today). Rendering happens before the transaction; a missing
    Chinese font leaves the PDF out with the reason kept (`pdf_error`), the other formats are published.
    """
    if current_step(draft) != ReviewStep.PUBLISH:
        raise ValidationError("该报告尚未通过审核，不能发布")
    _require_step(user, draft, ReviewStep.PUBLISH)
    errors = assembly.blocking_errors(draft)
    if errors:
        raise ValidationError(describe_errors(errors).replace("提交审核", "发布"))
    when = _moment(on)
    if draft.report_date is None:
        draft.report_date = timezone.localdate(when)
    report = assembly.assemble(draft.agency, draft.year, draft=draft)
    rendered = publication.render_files(report)
    with transaction.atomic():
        locked = _lock(draft)
        if current_step(locked) != ReviewStep.PUBLISH:
            raise ValidationError("该报告的状态已经改变，请刷新后重试")
        before = locked.status
        locked.status = ReportStatus.PUBLISHED
        locked.published_at = when
        locked.report_date = locked.report_date or draft.report_date
        locked.save(update_fields=["status", "published_at", "report_date", "updated_at"])
        assembly.freeze(locked)
        stored = publication.store(locked, user, when, rendered)
        _record(locked, user, ReviewStep.PUBLISH, ReviewDecision.APPROVE, before)
    for name in ("status", "published_at", "report_date", "published_report"):
        setattr(draft, name, getattr(locked, name))
    return stored


def regenerate_files(draft: AnnualReportDraft, user) -> publication.ReportPublication:
    """Render the files of a published report again from its frozen text, e.g. the PDF once a Chinese font is
    installed. The report itself does not change."""
    if draft.status != ReportStatus.PUBLISHED:
        raise ValidationError("只有已发布的报告可以重新生成文件")
    _require_step(user, draft, ReviewStep.PUBLISH)
    stored = publication.publish_files(draft, user)
    history.record(draft, "wagtail.edit", user, note="重新生成已发布报告的文件")
    return stored


@dataclass(frozen=True)
class Actions:
    """What `user` may do with a report now: the buttons of its review page."""

    submit: bool
    approve: ReviewStep | None
    send_back: bool
    publish: bool
    regenerate: bool


def actions_for(user, draft: AnnualReportDraft) -> Actions:
    step = current_step(draft)
    editable = draft.status in (ReportStatus.DRAFTING, ReportStatus.RETURNED)
    supervises = can(user, Perm.SUPERVISE, draft.agency)
    return Actions(
        submit=editable and may_take(user, draft, ReviewStep.SUBMIT),
        approve=step if step in CHAIN and may_take(user, draft, step) else None,
        send_back=(step is not None and may_take(user, draft, step))
        or (supervises and draft.status in (ReportStatus.DRAFTING, ReportStatus.IN_REVIEW)),
        publish=step == ReviewStep.PUBLISH and may_take(user, draft, ReviewStep.PUBLISH),
        regenerate=draft.status == ReportStatus.PUBLISHED and may_take(user, draft, ReviewStep.PUBLISH),
    )


def last_return(draft: AnnualReportDraft) -> ReportReviewEvent | None:
    """The latest sending back (with its comment), for the office's screens."""
    return draft.review_events.filter(decision=ReviewDecision.RETURN).order_by("-at", "-pk").first()


def require_view(user, draft: AnnualReportDraft) -> None:
    """Who may open a report's review page: its agency's report staff and its supervisors."""
    if not (can(user, Perm.VIEW_REPORTS, draft.agency) or can(user, Perm.SUPERVISE, draft.agency)):
        require(user, Perm.VIEW_REPORTS, draft.agency)
