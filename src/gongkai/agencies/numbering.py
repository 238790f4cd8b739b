"""Gapless numbers per agency and year (application numbers, 索引号) and the check of the patterns that print them.

A counter row per (agency, year) holds the last number given. Taking numbers locks the row with select_for_update
inside the caller's transaction, so concurrent takers queue on the row and get consecutive numbers, and a rolled
back transaction gives its numbers back with the rest of it: no gaps, no duplicates.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from .models import Agency


class YearCounter(models.Model):
    """The last number given in an agency's year (abstract: each kind of number has its table)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"

    @classmethod
    def next_seqs(cls, agency: Agency, year: int, count: int = 1) -> int:
        """Take ``count`` consecutive numbers of ``agency``'s ``year``; return the first. Must run inside the
        transaction that uses them (transaction.atomic)."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("next_seqs must run inside transaction.atomic()")
        counter = cls.objects.select_for_update().filter(agency=agency, year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    cls.objects.create(agency=agency, year=year)
            except IntegrityError:
                pass  # another transaction created it first; lock it below
            counter = cls.objects.select_for_update().get(agency=agency, year=year)
        first = counter.last + 1
        counter.last += count
        counter.save(update_fields=["last"])
        return first


MAX_WIDTH = 200
"""The widest format width or precision a pattern may ask for when no length is given."""

LONGEST = {"year": 9999, "seq": 99999}
"""The widest year and sequence number a pattern must still fit with."""


def render_pattern(
    pattern: str,
    values: Mapping[str, Any],
    *,
    label: str,
    required: Iterable[str] = ("year", "seq"),
    max_length: int | None = None,
) -> str:
    """The number ``pattern`` gives with ``values``; ValidationError (its message in Chinese, naming the setting
    ``label``) if the pattern uses a field ``values`` lacks, lacks a ``required`` one, cannot be formatted, or
    would give a number longer than ``max_length`` with the widest year and sequence number."""
    try:
        fields = [
            (name, spec or "") for _, name, spec, _ in string.Formatter().parse(pattern) if name is not None
        ]
    except ValueError as exc:
        raise ValidationError(f"{label}中的花括号不成对（字面的花括号请写作 {{{{ 或 }}}}）") from exc
    names = {name for name, _ in fields}
    widest = max_length or MAX_WIDTH
    for name, spec in fields:  # before anything is formatted: "{seq:0300000000d}" would allocate 300 MB
        if "{" in spec or any(int(digits) > widest for digits in re.findall(r"\d+", spec)):
            raise ValidationError(f"{label}中的“{{{name}:{spec}}}”宽度过大（最多 {widest} 个字符）")
    if unknown := sorted(names - set(values)):
        allowed = "、".join("{" + n + "}" for n in values)
        shown = "、".join("{" + n + "}" if n else "{}" for n in unknown)
        raise ValidationError(f"{label}只能使用 {allowed}，不能使用 {shown}")
    missing = [f"{{{n}}}" for n in required if n not in names]
    if missing:
        raise ValidationError(f"{label}必须包含 {'和'.join(missing)}，否则编号会重复")
    try:
        number = pattern.format(**values)
        longest = pattern.format(**{**values, **{k: v for k, v in LONGEST.items() if k in values}})
    except (ValueError, TypeError, IndexError, KeyError) as exc:
        raise ValidationError(f"{label}无法生成编号，请检查 {{seq:04d}} 一类的写法") from exc
    if max_length is not None and len(longest) > max_length:
        raise ValidationError(f"按此{label}生成的编号超过 {max_length} 个字符，请缩短")
    return number
