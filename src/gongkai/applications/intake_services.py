"""Making an application together with its attachments, online (rate-limited) or at the office's desk.

The application and its attachments are saved in one transaction: either both are kept or neither is.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.agencies.models import Agency

from . import attachments, ratelimit, services
from .models import Application


def submit_online(
    agency: Agency, fields: dict, files: list[attachments.Checked], *, client_address: str
) -> tuple[Application, str]:
    """An application from the portal or the API; raises ratelimit.SubmissionThrottled past the limit."""
    ratelimit.check_submission(client_address)
    with transaction.atomic():
        app, query_code = services.submit(agency, fields)
        attachments.attach(app, files)
    ratelimit.count_submission(client_address)
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
