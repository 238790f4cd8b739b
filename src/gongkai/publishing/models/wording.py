"""The 错敏词 list: wrong or sensitive expressions (outdated agency names, wrong titles of leaders, banned words)
with their correction and the reason, for the whole platform (no agency) or for one agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency


class WordingRule(models.Model):
    agency = models.ForeignKey(
        Agency,
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="wording_rules",
        help_text="留空则全平台适用",
    )
    expression = models.CharField("错敏词", max_length=100)
    correction = models.CharField("应改为", max_length=200, blank=True)
    reason = models.CharField(
        "理由", max_length=200, blank=True, help_text="如：机构已更名、领导职务已变更、禁用词"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="添加人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        verbose_name = "错敏词"
        verbose_name_plural = "错敏词"
        constraints = [
            models.UniqueConstraint(fields=["agency", "expression"], name="publishing_unique_wording_rule")
        ]

    def __str__(self) -> str:
        return self.expression
