"""Making an application together with its attachments, online (rate-limited) or at the office's desk.

The application and its attachments are saved in one transaction: either both are kept or neither is. Online
submissions are limited per client address (`settings.GONGKAI_SUBMISSION_LIMIT` within
`settings.GONGKAI_SUBMISSION_WINDOW_SECONDS`, the portal form and the API together, `gongkai.throttle`). Two
counters: every attempt, refused ones included, counts against `GONGKAI_SUBMISSION_ATTEMPT_LIMIT` by `admit`,
which the callers run before any field or file is examined; a submission whose fields are valid counts against
`GONGKAI_SUBMISSION_LIMIT` (so a typo does not use up an applicant's submissions).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction

from gongkai import throttle
from gongkai.agencies.models import Agency

from . import attachments, services, validation
from .models import Application


def admit(client_address: str) -> None:
    """Count one attempt of this client; raises `throttle.Throttled` past the attempt limit. First thing a
    public submission does, before its fields or files are looked at."""
    limit, window = settings.GONGKAI_SUBMISSION_ATTEMPT_LIMIT, settings.GONGKAI_SUBMISSION_WINDOW_SECONDS
    if not throttle.hit([throttle.client_key("applications-attempt", client_address)], limit, window):
        minutes = max(1, window // 60)
        raise throttle.Throttled(
            f"提交过于频繁：同一网络地址 {minutes} 分钟内最多尝试提交 {limit} 次，请稍后再试。"
        )


def within_limit(client_address: str) -> None:
    """Count one submission with valid fields; raises `throttle.Throttled` past the submission limit."""
    limit, window = settings.GONGKAI_SUBMISSION_LIMIT, settings.GONGKAI_SUBMISSION_WINDOW_SECONDS
    if not throttle.hit([throttle.client_key("applications-submit", client_address)], limit, window):
        minutes = max(1, window // 60)
        raise throttle.Throttled(
            f"提交过于频繁：同一网络地址 {minutes} 分钟内最多提交 {limit} 件申请，请稍后再试。"
        )


def submit_online(
    agency: Agency, fields: dict, files: list[attachments.Checked], *, client_address: str
) -> tuple[Application, str]:
    """An application from the portal or the API (after `admit` and the files' checks); raises
    `throttle.Throttled` past the submission limit and ValidationError for fields that are refused (not counted)."""
    fields = validation.cleaned(fields)
    within_limit(client_address)
    with transaction.atomic():
        app, query_code = services.submit(agency, fields)
        attachments.attach(app, files)
    return app, query_code


def register(
    agency: Agency,
    fields: dict,
    files: list[attachments.Checked],
    *,
    channel: str,
    arrived_on: date,
    confirmed_on: date | None,
    by,
) -> tuple[Application, str]:
    """An application the office registers itself (services.intake), with the files it came with."""
    with transaction.atomic():
        app, query_code = services.intake(
            agency, fields, channel=channel, arrived_on=arrived_on, confirmed_on=confirmed_on, by=by
        )
        attachments.attach(app, files, by=by)
    return app, query_code
