"""The records behind table 二 (第二十条 figures): one agency's power list of a year, its items (权责事项), fee
items (行政事业性收费) and procurement items (政府集中采购), and the decisions (处理决定) counted for its items.

A year's list starts as a copy of the previous one (``services.start_year``): items keep their ``added_on`` date,
so 上一年项目数量 and 本年增/减 follow from one year's list alone (``figures``).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from gongkai.agencies.models import Agency

from ..categories import Category


class PowerList(models.Model):
    """The 权责清单 of one agency for one year. Its existence means the year's figures are counted."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="power_lists"
    )
    year = models.PositiveSmallIntegerField("年度")
    created_at = models.DateTimeField("建立时间", auto_now_add=True)

    class Meta:
        verbose_name = "权责清单"
        verbose_name_plural = "权责清单"
        ordering = ["agency__path", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="unique_power_list_per_year")]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.year}年权责清单"


class ListedEntry(models.Model):
    """An entry of a year's list that may be added or removed during the year.

    ``added_on`` is when it entered the list (blank: before the platform's records, i.e. before the year);
    ``removed_on`` when it left the list during this year (it stays on the year's list, and is not copied to
    the next). An entry counts in 上一年项目数量 when it was on the list before 1 January of the year.
    """

    power_list = models.ForeignKey(PowerList, verbose_name="清单", on_delete=models.CASCADE)
    code = models.CharField("编码", max_length=64)
    name = models.CharField("名称", max_length=300)
    legal_basis = models.TextField("设定依据", blank=True)
    added_on = models.DateField("纳入日期", null=True, blank=True, help_text="留空表示本年度以前已在清单中")
    removed_on = models.DateField("取消日期", null=True, blank=True, help_text="本年度内取消的填写取消日期")

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def year(self) -> int:
        return self.power_list.year

    @property
    def existed_before_year(self) -> bool:
        return self.added_on is None or self.added_on.year < self.year

    def clean(self) -> None:
        year = self.power_list.year
        if self.added_on and self.added_on > date(year, 12, 31):
            raise ValidationError({"added_on": f"纳入日期不能晚于 {year} 年"})
        if self.removed_on and self.removed_on.year != year:
            raise ValidationError({"removed_on": f"取消日期须在 {year} 年内"})
        if self.removed_on and self.added_on and self.removed_on < self.added_on:
            raise ValidationError({"removed_on": "取消日期不能早于纳入日期"})


class PowerItem(ListedEntry):
    """A 权责事项: its category decides which table 二 row it counts in (``categories.REPORT_ROWS``)."""

    power_list = models.ForeignKey(
        PowerList, verbose_name="清单", on_delete=models.CASCADE, related_name="items"
    )
    category = models.CharField("类别", max_length=20, choices=Category.choices)
    online = models.BooleanField("可网上办理", default=False)

    class Meta(ListedEntry.Meta):
        verbose_name = "权责事项"
        verbose_name_plural = "权责事项"
        constraints = [
            models.UniqueConstraint(
                fields=["power_list", "code"],
                name="unique_power_item_code",
                violation_error_message="本年度清单中已有该编码的事项",
            )
        ]


class FeeItem(ListedEntry):
    """A 行政事业性收费 item and the amount collected in the year (万元; blank = not yet known)."""

    power_list = models.ForeignKey(
        PowerList, verbose_name="清单", on_delete=models.CASCADE, related_name="fees"
    )
    amount = models.DecimalField(
        "本年收费金额（万元）",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta(ListedEntry.Meta):
        verbose_name = "行政事业性收费项目"
        verbose_name_plural = "行政事业性收费项目"
        constraints = [
            models.UniqueConstraint(
                fields=["power_list", "code"],
                name="unique_fee_item_code",
                violation_error_message="本年度清单中已有该编码的收费项目",
            )
        ]


class ProcurementItem(models.Model):
    """A 政府集中采购 item of the year and its amount (万元; blank = not yet known)."""

    power_list = models.ForeignKey(
        PowerList, verbose_name="清单", on_delete=models.CASCADE, related_name="procurements"
    )
    name = models.CharField("采购项目", max_length=300)
    reference = models.CharField("采购编号", max_length=64, blank=True)
    amount = models.DecimalField(
        "采购金额（万元）",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = "政府集中采购项目"
        verbose_name_plural = "政府集中采购项目"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class DecisionImport(models.Model):
    """One import of decisions from a 政务服务 export; it replaced the decisions of its period."""

    power_list = models.ForeignKey(
        PowerList, verbose_name="清单", on_delete=models.CASCADE, related_name="decision_imports"
    )
    period_start = models.DateField("起始日期")
    period_end = models.DateField("截止日期")
    filename = models.CharField("文件名", max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField("行数")
    decisions = models.PositiveIntegerField("处理决定数量")
    mapping = models.JSONField("列对应关系")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", null=True, on_delete=models.SET_NULL
    )
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "处理决定导入"
        verbose_name_plural = "处理决定导入"
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename}（{self.period_start}—{self.period_end}）"


class Decision(models.Model):
    """处理决定 of one item: an imported case (``decided_on`` set, ``count`` usually 1) or a count entered by
    hand for the whole year (``decided_on`` blank, ``batch`` blank). The item's figure is the sum of counts."""

    power_list = models.ForeignKey(PowerList, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        PowerItem, verbose_name="事项", on_delete=models.CASCADE, related_name="decisions"
    )
    decided_on = models.DateField("决定日期", null=True, blank=True)
    reference = models.CharField("办件编号", max_length=64, blank=True)
    count = models.PositiveIntegerField("数量", default=1)
    batch = models.ForeignKey(DecisionImport, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "处理决定"
        verbose_name_plural = "处理决定"
        indexes = [models.Index(fields=["power_list", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.item.code} {self.reference or '手工录入'} ×{self.count}"
