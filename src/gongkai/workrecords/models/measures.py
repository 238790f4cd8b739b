"""Measures a year's report announces — 五's 改进措施 and 六's next-year work — kept as records, so that the next
year's report says what became of each (`outcome`, entered by the 公开办 in the next year).

Why records and not the published text: workrecords may not read reports (reports reads workrecords), and a
measure parsed out of free prose cannot be told apart from a slogan. The drafted 五/六 of the announcing year state
these records, so the published text and the records say the same."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.models import Agency


class MeasureSection(models.TextChoices):
    PROBLEMS = "problems", "五、存在的主要问题及改进情况"
    OTHER = "other", "六、其他需要报告的事项"


class MeasureOutcome(models.TextChoices):
    DONE = "done", "已落实"
    PARTLY = "partly", "部分落实"
    NOT_DONE = "not_done", "未落实"
    DROPPED = "dropped", "不再实施"


class Measure(models.Model):
    """A measure announced in ``agency``'s report of ``year``; its ``outcome`` is what became of it in
    ``year + 1`` (blank until the office records it: the next year's report is flagged meanwhile)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="measures")
    year = models.PositiveSmallIntegerField("提出措施的报告年度")
    section = models.CharField("所在部分", max_length=20, choices=MeasureSection.choices)
    text = models.TextField("措施", max_length=1000)
    outcome = models.CharField("落实情况", max_length=20, choices=MeasureOutcome.choices, blank=True)
    outcome_note = models.TextField("落实情况说明", max_length=2000, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = "报告提出的措施"
        verbose_name_plural = "报告提出的措施"
        ordering = ["year", "section", "pk"]
        indexes = [models.Index(fields=["agency", "year"])]

    def __str__(self) -> str:
        return self.text[:40]

    def clean(self) -> None:
        if self.outcome and self.outcome != MeasureOutcome.DONE and len(self.outcome_note.strip()) < 4:
            raise ValidationError({"outcome_note": "未完全落实的措施须说明原因（至少 4 个字）"})
        if self.outcome_note.strip() and not self.outcome:
            raise ValidationError({"outcome": "请选择落实情况"})
