"""The supervising office's evaluation of disclosure work (政务公开考核): a scheme of indicators with weights and
scoring rules for a year, each agency's score per indicator (computed from the records where the platform can
measure it, by hand with a note otherwise), and the simple records that feed the government's 五: social ratings
(社会评议) and accountability (责任追究)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.core.evaluation import Method

_PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class EvaluationScheme(models.Model):
    """The indicator scheme ``agency`` (the evaluating government) uses for ``year``."""

    agency = models.ForeignKey(
        Agency, verbose_name="考核机关", on_delete=models.PROTECT, related_name="evaluation_schemes"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名称", max_length=200)

    class Meta:
        verbose_name = "考核方案"
        verbose_name_plural = "考核方案"
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """An indicator worth ``points``. A measured one scores by its rule (`core.evaluation.score`): a share earns
    full points at ``full_at`` % and none at ``zero_at`` % (linear between); a count loses ``per_item`` points
    each."""

    agency = models.ForeignKey(Agency, verbose_name="考核机关", on_delete=models.PROTECT, related_name="+")
    scheme = models.ForeignKey(
        EvaluationScheme, verbose_name="考核方案", on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveSmallIntegerField("序号", default=1)
    name = models.CharField("指标", max_length=200)
    points = models.DecimalField(
        "分值", max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )
    method = models.CharField("评分方式", max_length=30, choices=[(m.value, m.label) for m in Method])
    full_at = models.DecimalField(
        "满分比例（%）", max_digits=5, decimal_places=1, default=Decimal(100), validators=_PERCENT
    )
    zero_at = models.DecimalField(
        "零分比例（%）", max_digits=5, decimal_places=1, default=Decimal(0), validators=_PERCENT
    )
    per_item = models.DecimalField(
        "每件扣分", max_digits=5, decimal_places=1, default=Decimal(1), validators=[MinValueValidator(0)]
    )
    rule = models.CharField("评分标准", max_length=500, blank=True)

    class Meta:
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"
        ordering = ["scheme", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.full_at is not None and self.zero_at is not None and self.zero_at >= self.full_at:
            raise ValidationError({"zero_at": "零分比例应低于满分比例"})


class Score(models.Model):
    """``agency``'s score on an indicator: ``measured`` is what the records gave (None for a hand-scored one)."""

    agency = models.ForeignKey(
        Agency, verbose_name="被考核机关", on_delete=models.PROTECT, related_name="scores"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name="指标", on_delete=models.CASCADE, related_name="scores"
    )
    points = models.DecimalField("得分", max_digits=5, decimal_places=1)
    measured = models.DecimalField("测得值", max_digits=9, decimal_places=2, null=True, blank=True)
    note = models.TextField("评分说明", max_length=2000)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评分人",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "考核得分"
        verbose_name_plural = "考核得分"
        constraints = [models.UniqueConstraint(fields=["indicator", "agency"], name="workrecords_one_score")]

    def __str__(self) -> str:
        return f"{self.indicator}：{self.points}"


class SocialRating(models.Model):
    """A social rating (社会评议) of ``agency``'s disclosure work in ``year``: who rated, how many took part and
    the share satisfied."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    source = models.CharField("评议方式", max_length=200, help_text="如：网上评议、满意度调查、第三方评估")
    participants = models.PositiveIntegerField("参与评议人数", validators=[MaxValueValidator(10**8)])
    satisfied = models.PositiveIntegerField("满意人数", validators=[MaxValueValidator(10**8)])
    summary = models.TextField("评议情况", max_length=2000, blank=True)

    class Meta:
        verbose_name = "社会评议"
        verbose_name_plural = "社会评议"
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return f"{self.year}年{self.source}"

    def clean(self) -> None:
        if (
            self.satisfied is not None
            and self.participants is not None
            and self.satisfied > self.participants
        ):
            raise ValidationError({"satisfied": "满意人数不能多于参与评议人数"})


class Accountability(models.Model):
    """A case of accountability (责任追究) for disclosure work in ``year``: what happened and the outcome."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    decided_on = models.DateField("决定日期")
    matter = models.TextField("事由", max_length=2000)
    outcome = models.CharField("处理结果", max_length=300, help_text="如：约谈、通报批评、诫勉")
    persons = models.PositiveSmallIntegerField("追究人数", default=1, validators=[MaxValueValidator(1000)])

    class Meta:
        verbose_name = "责任追究"
        verbose_name_plural = "责任追究"
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.decided_on} {self.outcome}"

    def clean(self) -> None:
        if self.decided_on and self.year and self.decided_on.year != self.year:
            raise ValidationError({"decided_on": "决定日期应在所填年度内"})
