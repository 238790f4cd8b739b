"""The confidentiality review's conclusions, bound to the revisions they were made on, and the register of
withheld information (条例第十八条)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.agencies.models import Agency

from ..choices import Conclusion, Ground
from .pages import InformationItemPage


class ConfidentialityConclusion(models.Model):
    """One conclusion of the confidentiality review, bound to the revision it was made on."""

    item = models.ForeignKey(InformationItemPage, on_delete=models.CASCADE, related_name="conclusions")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    conclusion = models.CharField("审查结论", max_length=16, choices=Conclusion.choices)
    removed = models.TextField("删除或遮盖的内容", blank=True)
    ground = models.CharField("不予公开依据", max_length=32, choices=Ground.choices, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("审查时间", default=timezone.now)
    superseded_at = models.DateTimeField("因修改失效时间", null=True, blank=True)

    class Meta:
        verbose_name = "保密审查结论"
        verbose_name_plural = "保密审查结论"
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.item.title}：{self.get_conclusion_display()}"


class WithheldInformation(models.Model):
    """The register of information not published (条例第十八条: re-evaluated periodically)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        InformationItemPage,
        verbose_name="信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="withheld_entries",
    )
    title = models.CharField("信息名称", max_length=255)
    ground = models.CharField("不予公开依据", max_length=32, choices=Ground.choices)
    reason = models.TextField("说明", blank=True)
    decided_on = models.DateField("决定日期")
    reevaluate_on = models.DateField("下次评估日期", db_index=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审查人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released_on = models.DateField("解除日期", null=True, blank=True, help_text="经评估可以公开时填写")

    class Meta:
        verbose_name = "不予公开信息登记"
        verbose_name_plural = "不予公开信息登记"
        ordering = ["reevaluate_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Reevaluation(models.Model):
    """One 第十八条 re-evaluation of a register entry: kept, so the entry's history of evaluations stays readable
    after it is released."""

    entry = models.ForeignKey(
        WithheldInformation, verbose_name="登记", on_delete=models.CASCADE, related_name="reevaluations"
    )
    evaluated_on = models.DateField("评估日期", default=timezone.localdate)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评估人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released = models.BooleanField("解除登记", default=False)
    reason = models.TextField("评估意见", blank=True)
    next_on = models.DateField("下次评估日期", null=True, blank=True)

    class Meta:
        verbose_name = "不予公开信息评估"
        verbose_name_plural = "不予公开信息评估"
        ordering = ["-evaluated_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.entry.title}：{'解除登记' if self.released else '继续不予公开'}"
