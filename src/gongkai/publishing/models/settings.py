"""An agency's choices for proactive disclosure, the 索引号 counter and rules, and the time limit of 第二十六条."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.agencies.numbering import YearCounter, render_pattern
from gongkai.core.calendar import Calendar
from gongkai.workdays.services import current_calendar

from ..choices import ARTICLE20_NUMBER

DEFAULT_INDEX_PATTERN = "{agency_code}/{year}-{seq:05d}"
"""The national catalogue guide's 索引号: the agency's code / the year - a 5-digit sequence."""

INDEX_FIELDS = {"agency_code": "jingkai-rsj", "category": "rules", "category_no": 1, "year": 2026, "seq": 1}
INDEX_NUMBER_MAX = 64  # InformationItemPage.index_number

TIME_LIMIT_WORKDAYS = 20
"""条例第二十六条: published within 20 working days of being formed or changed."""


def validate_index_pattern(value: str) -> None:
    """The agency's 索引号 rule: the fields of `INDEX_FIELDS`, with the year and the sequence number."""
    render_pattern(value, INDEX_FIELDS, label="索引号规则", max_length=INDEX_NUMBER_MAX)


def format_index(pattern: str, agency: Agency, category: str, year: int, seq: int) -> str:
    return pattern.format(
        agency_code=agency.code,
        category=category,
        category_no=ARTICLE20_NUMBER.get(category, 0),
        year=year,
        seq=seq,
    )


def item_slug(year: int, seq: int) -> str:
    return f"{year}-{seq:05d}"


def due_date(start: datetime.date, calendar: Calendar | None = None) -> datetime.date:
    """The last day to publish: 20 working days from the day after ``start`` (条例第二十六条)."""
    return (calendar or current_calendar()).add_workdays(start, TIME_LIMIT_WORKDAYS)


class PublishingSettings(models.Model):
    """An agency's choices for proactive disclosure (open points of the law, with the defaults of the spec)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="publishing_settings")
    index_pattern = models.CharField(
        "索引号规则",
        max_length=100,
        default=DEFAULT_INDEX_PATTERN,
        validators=[validate_index_pattern],
        help_text="可用 {agency_code}、{category}（第二十条类别代码）、{category_no}、{year}、{seq:05d}；"
        "索引号一经生成不再改变",
    )
    reevaluation_months = models.PositiveSmallIntegerField(
        "不予公开信息复评周期（月）",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="条例第十八条要求定期评估审查，周期由本机关确定，默认 12 个月",
    )

    class Meta:
        verbose_name = "主动公开设置"
        verbose_name_plural = "主动公开设置"

    def __str__(self) -> str:
        return f"{self.agency}：主动公开设置"

    @classmethod
    def of(cls, agency: Agency) -> PublishingSettings:
        """The agency's settings, or the defaults if it has chosen none."""
        return cls.objects.filter(agency=agency).first() or cls(agency=agency)

    def reevaluation_date(self, decided_on: datetime.date) -> datetime.date:
        """The next re-evaluation of a withheld entry decided on ``decided_on`` (条例第十八条)."""
        month = decided_on.month - 1 + self.reevaluation_months
        year, month = decided_on.year + month // 12, month % 12 + 1
        return datetime.date(year, month, min(decided_on.day, 28))


class IndexCounter(YearCounter):
    """The last sequence number of index numbers issued per agency per year (`YearCounter.next_seqs`)."""

    year = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="publishing_unique_counter")]
