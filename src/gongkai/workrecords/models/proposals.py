"""The 人大代表建议 and 政协委员提案 the agency handled in a year, and how many of their results it published
(a government's report states them in 六)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models

from gongkai.agencies.models import Agency


class ProposalKind(models.TextChoices):
    DEPUTIES = "deputies", "人大代表建议"
    MEMBERS = "members", "政协委员提案"


class ProposalCount(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="proposal_counts"
    )
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("类型", max_length=20, choices=ProposalKind.choices)
    handled = models.PositiveIntegerField("办理件数", validators=[MaxValueValidator(100000)])
    published = models.PositiveIntegerField("公开办理结果件数", validators=[MaxValueValidator(100000)])

    class Meta:
        verbose_name = "建议提案办理"
        verbose_name_plural = "建议提案办理"
        ordering = ["year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind"], name="workrecords_one_count_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.get_kind_display()}"

    def clean(self) -> None:
        if self.published is not None and self.handled is not None and self.published > self.handled:
            raise ValidationError({"published": "公开办理结果的件数不能多于办理件数"})
