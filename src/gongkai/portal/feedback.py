"""Public feedback and complaints (条例第四十七、五十一条): submit, reply, close, look up.

Each state change is one transaction and one audit event. The submitter's contact data never goes into the
audit trail or the logs; submissions are limited per client address (hashed), lookups throttled like the
applications lookup.
"""

from __future__ import annotations

import hashlib
import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.applications import numbering

from .models import Feedback, FeedbackStatus

log = logging.getLogger(__name__)

SUBMIT_LIMIT = 5
SUBMIT_WINDOW_SECONDS = 60 * 60
LOOKUP_FAILURE_LIMIT = 5
LOOKUP_WINDOW_SECONDS = 15 * 60


class Throttled(Exception):
    """Too many submissions or wrong query codes from this client; try again later."""


class StepError(Exception):
    """A reply or closing that the report's state does not allow (message in Chinese)."""


def _key(kind: str, value: str) -> str:
    return f"gongkai:feedback:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:24]}"


def _count(key: str, window: int) -> None:
    if cache.add(key, 1, window):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)


def _over(key: str, limit: int) -> bool:
    return (cache.get(key) or 0) >= limit


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

    Reports from the public (`client_address` given) are limited per address: `Throttled` past the limit.
    """
    key = _key("submit", client_address) if client_address is not None else None
    if key and _over(key, SUBMIT_LIMIT):
        log.warning("feedback submission throttled")
        raise Throttled
    code, hashed = numbering.new_query_code()
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
    if key:
        _count(key, SUBMIT_WINDOW_SECONDS)
    log.info("feedback %s submitted to agency %s", feedback.pk, agency.code)
    return feedback, code


@transaction.atomic
def reply(feedback: Feedback, text: str, *, by) -> Feedback:
    """The office's reply (may be revised until the report is closed); visible to the submitter on lookup."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.status == FeedbackStatus.CLOSED:
        raise StepError("已办结的意见不能再答复")
    text = text.strip()
    if not text:
        raise StepError("请填写答复内容")
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
        raise StepError("该意见已办结")
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
    """The report with this number and query code, or None (counted); raises `Throttled` past the limit."""
    number = number.strip().upper()
    keys = [_key("lookup-client", client_address), _key("lookup-number", number)]
    if any(_over(key, LOOKUP_FAILURE_LIMIT) for key in keys):
        log.warning("feedback lookup throttled")
        raise Throttled
    feedback = Feedback.objects.select_related("agency").filter(number=number).first()
    if feedback is not None and numbering.query_code_matches(query_code, feedback.query_code_hash):
        return feedback
    for key in keys:
        _count(key, LOOKUP_WINDOW_SECONDS)
    return None
