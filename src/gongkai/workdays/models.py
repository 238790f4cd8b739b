from __future__ import annotations

from django.db import models


class Source(models.TextChoices):
    SEED = "seed", "chinesecalendar 初始数据"
    IMPORT = "import", "导入通知文本"
    ADMIN = "admin", "后台录入"


class CalendarYear(models.Model):
    """One year's 节假日安排 as the State Council notice gives it."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("通知名称", max_length=200, blank=True)
    source = models.CharField("来源", max_length=10, choices=Source.choices)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} 年节假日安排"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


class CalendarDay(models.Model):
    """A day off (holiday) or a weekend day worked (调休上班) of a year's notice."""

    year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    label = models.CharField("说明", max_length=60, blank=True)

    class Meta:
        verbose_name = "节假日或调休日"
        verbose_name_plural = "节假日或调休日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.label}"
