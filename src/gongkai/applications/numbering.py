"""Application numbers: per agency per year, gapless, unique under concurrent submissions.

The counter row of (agency, year) is locked with select_for_update inside the caller's transaction, so two
submissions at once queue on the row and get consecutive numbers; a rolled-back submission gives its number
back with the rest of its transaction, so there are no gaps.
"""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.utils.crypto import constant_time_compare, salted_hmac

from gongkai.agencies.models import Agency

from .models import DEFAULT_NUMBER_PATTERN, ApplicationSettings, NumberCounter

# No 0/O, 1/I/L: a code read out over the phone or copied from paper.
_QUERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 10


def next_seq(agency: Agency, year: int) -> int:
    """Take the next number of `agency`'s `year`; must run inside a transaction (atomic)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_seq must run inside transaction.atomic()")
    counter = NumberCounter.objects.select_for_update().filter(agency=agency, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                NumberCounter.objects.create(agency=agency, year=year)
        except IntegrityError:
            pass  # another submission created it first; lock it below
        counter = NumberCounter.objects.select_for_update().get(agency=agency, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def format_number(agency: Agency, year: int, seq: int) -> str:
    """The number in the agency's pattern, e.g. 经开人社依申〔2026〕0001号."""
    conf = ApplicationSettings.objects.filter(agency=agency).first()
    pattern = conf.number_pattern if conf else DEFAULT_NUMBER_PATTERN
    prefix = (conf.number_prefix if conf else "") or agency.short_name or agency.name
    return pattern.format(prefix=prefix, year=year, seq=seq)


def _digest(code: str) -> str:
    """Keyed hash of a query code.

    The code is random (10 characters of 31, about 49 bits) rather than chosen by a person, so a slow
    password hash buys nothing; an HMAC keyed with SECRET_KEY keeps a leaked table useless without the key
    and keeps each submission and lookup cheap (a lookup endpoint must not be a CPU sink).
    """
    return salted_hmac(
        "gongkai.applications.query-code", code.strip().upper(), algorithm="sha256"
    ).hexdigest()


def new_query_code() -> tuple[str, str]:
    """A fresh query code and its stored hash (the code itself is shown once, on the receipt)."""
    code = "".join(secrets.choice(_QUERY_ALPHABET) for _ in range(QUERY_CODE_LENGTH))
    return code, _digest(code)


def query_code_matches(code: str, hashed: str) -> bool:
    return constant_time_compare(_digest(code), hashed)
