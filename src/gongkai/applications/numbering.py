"""Application numbers: per agency per year, gapless (`agencies.numbering`), in the agency's pattern, which the
disclosure office sets on its numbering screen."""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies import history
from gongkai.agencies.models import Agency
from gongkai.agencies.numbering import render_pattern

from .models import DEFAULT_NUMBER_PATTERN, ApplicationSettings, NumberCounter

PATTERN_LABEL = "编号格式"
MAX_LENGTH = 80  # Application.number
SAMPLE_YEAR, SAMPLE_SEQ = 2026, 1
_FIELDS = ("number_prefix", "number_pattern")


def next_seq(agency: Agency, year: int) -> int:
    """Take the next number of `agency`'s `year`; must run inside a transaction (atomic)."""
    return NumberCounter.next_seqs(agency, year)


def number_of(pattern: str, prefix: str, *, year: int = SAMPLE_YEAR, seq: int = SAMPLE_SEQ) -> str:
    """The number `pattern` gives (`{prefix}`, `{year}`, `{seq}`); ValidationError with a Chinese message if it
    cannot be used, or would give numbers longer than the field holds."""
    values = {"prefix": prefix, "year": year, "seq": seq}
    return render_pattern(pattern, values, label=PATTERN_LABEL, max_length=MAX_LENGTH)


def format_number(agency: Agency, year: int, seq: int) -> str:
    """The number in the agency's pattern, e.g. 经开人社依申〔2026〕0001号."""
    conf = ApplicationSettings.objects.filter(agency=agency).first()
    pattern = conf.number_pattern if conf else DEFAULT_NUMBER_PATTERN
    return pattern.format(prefix=prefix_of(agency, conf), year=year, seq=seq)


def prefix_of(agency: Agency, conf: ApplicationSettings | None) -> str:
    return (conf.number_prefix if conf else "") or agency.short_name or agency.name


def save_number_pattern(agency: Agency, prefix: str, pattern: str, by=None) -> ApplicationSettings:
    """Set the agency's prefix and pattern (already validated), recording the change; numbers given stay."""
    with transaction.atomic():
        conf, created = ApplicationSettings.objects.select_for_update().get_or_create(agency=agency)
        before = history.snapshot(conf, list(_FIELDS))
        if created:
            before = dict.fromkeys(before)
        conf.number_prefix, conf.number_pattern = prefix, pattern
        conf.save()
        changes = history.diff(before, history.snapshot(conf, list(_FIELDS)))
        if changes:
            history.record(conf, "wagtail.edit", by, changes=changes, note="修改申请编号格式")
    return conf
