"""Public feedback and complaints (条例第四十七、五十一条): submit, reply, close, look up.

Each state change is one transaction and one audit event; a step the report's state does not allow raises
`Refused` (message in Chinese). The submitter's contact data never goes into the audit trail or the logs;
submissions are limited per client address (`settings.GONGKAI_FEEDBACK_LIMIT` within
`settings.GONGKAI_FEEDBACK_WINDOW_SECONDS`) and lookups throttled like the applications lookup (`gongkai.throttle`).
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai import throttle
from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.core.errors import Refused
from gongkai.core.evaluation import FeedbackEntry

from .models import Feedback, FeedbackKind, FeedbackStatus

log = logging.getLogger(__name__)


def _within_limit(client_address: str) -> None:
    limit, window = settings.GONGKAI_FEEDBACK_LIMIT, settings.GONGKAI_FEEDBACK_WINDOW_SECONDS
    if not throttle.hit([throttle.client_key("feedback-submit", client_address)], limit, window):
        log.warning("feedback submission throttled")
        raise throttle.Throttled(
            f"提交次数过多，请 {max(1, window // 60)} 分钟后再试；急事请直接致电机关的政府信息公开工作机构。"
        )


@transaction.atomic
def submit(
    agency: Agency,
    *,
    kind: str,
    content: str,
    contact_name: str = "",
    contact: str = "",
    item=None,
    client_address: str | None = None,
) -> tuple[Feedback, str]:
    """Record a report; returns it with its query code (shown once).

    Reports from the public (`client_address` given) are limited per address: `throttle.Throttled` past the
    limit (refused attempts count too).
    """
    if client_address is not None:
        _within_limit(client_address)
    code, hashed = throttle.new_query_code()
    feedback = Feedback.objects.create(
        agency=agency,
        number=f"pending-{uuid.uuid4().hex}",
        query_code_hash=hashed,
        kind=kind,
        content=content,
        contact_name=contact_name,
        contact=contact,
        item=item,
        item_title=item.title if item is not None else "",
    )
    feedback.number = f"YJ{timezone.localdate().year}{feedback.pk:06d}"
    feedback.save(update_fields=["number"])
    history.record(
        feedback,
        "wagtail.create",
        changes={"类型": [None, feedback.get_kind_display()]},
        note=feedback.number,
    )
    log.info("feedback %s submitted to agency %s", feedback.pk, agency.code)
    return feedback, code


@transaction.atomic
def reply(feedback: Feedback, text: str, *, by) -> Feedback:
    """The office's reply (may be revised until the report is closed); visible to the submitter on lookup."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.status == FeedbackStatus.CLOSED:
        raise Refused("已办结的意见不能再答复")
    text = text.strip()
    if not text:
        raise Refused("请填写答复内容")
    before = {"答复": feedback.reply, "状态": feedback.get_status_display()}
    feedback.reply = text
    feedback.replied_at = timezone.now()
    feedback.replied_by = by
    feedback.status = FeedbackStatus.REPLIED
    feedback.save(update_fields=["reply", "replied_at", "replied_by", "status"])
    after = {"答复": feedback.reply, "状态": feedback.get_status_display()}
    history.record(feedback, "wagtail.edit", by, changes=history.diff(before, after), note="答复")
    return feedback


@transaction.atomic
def close(feedback: Feedback, *, by, note: str = "") -> Feedback:
    """Close the report (办结); a report not replied to can be closed with a note, e.g. as a duplicate."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.status == FeedbackStatus.CLOSED:
        raise Refused("该意见已办结")
    before = feedback.get_status_display()
    feedback.status = FeedbackStatus.CLOSED
    feedback.closed_at = timezone.now()
    feedback.save(update_fields=["status", "closed_at"])
    history.record(
        feedback,
        "wagtail.edit",
        by,
        changes={"状态": [before, feedback.get_status_display()]},
        note=f"办结 {note.strip()}".strip(),
    )
    return feedback


def lookup(number: str, query_code: str, client_address: str) -> Feedback | None:
    """The report with this number and query code, or None (counted); raises `throttle.Throttled` past the limit."""
    return throttle.lookup(
        "feedback",
        number.strip().upper(),
        query_code,
        client_address,
        lambda n: Feedback.objects.select_related("agency").filter(number=n)[:1],
        limit=settings.GONGKAI_LOOKUP_FAILURE_LIMIT,
        window=settings.GONGKAI_LOOKUP_WINDOW_SECONDS,
        refused=f"查询码错误次数过多，请 {max(1, settings.GONGKAI_LOOKUP_WINDOW_SECONDS // 60)} 分钟后再试。",
    )


def year_entries(agencies: list[Agency], year: int) -> list[FeedbackEntry]:
    """The feedback submitted to ``agencies`` in ``year``, as the report's 社会评议 counts it (named by
    `settings.GONGKAI_FEEDBACK_ENTRIES`: workrecords may not import the portal). No contact data leaves."""
    rows = Feedback.objects.filter(agency__in=agencies, submitted_at__year=year).order_by(
        "submitted_at", "pk"
    )
    return [
        FeedbackEntry(f.pk, f.number, f.kind == FeedbackKind.COMPLAINT, f.status != FeedbackStatus.OPEN)
        for f in rows.only("pk", "number", "kind", "status")
    ]
