"""Feedback and complaints from the public about an agency's disclosure (条例第四十七、五十一条)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency


class FeedbackKind(models.TextChoices):
    WRONG = "wrong", "信息有误"
    MISSING = "missing", "信息缺失"
    BROKEN_LINK = "broken_link", "链接失效"
    COMPLAINT = "complaint", "投诉"
    OTHER = "other", "其他"


class FeedbackStatus(models.TextChoices):
    OPEN = "open", "待处理"
    REPLIED = "replied", "已答复"
    CLOSED = "closed", "已办结"


class Feedback(models.Model):
    """A report from the public about an agency's disclosure: wrong or missing information, a dead link, a
    complaint (条例第四十七、五十一条). The office replies; the submitter reads the reply with the query code.

    The submitter's contact data is personal data: shown to the handling office only, never logged.
    """

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="feedback")
    number = models.CharField("编号", max_length=40, unique=True, editable=False)
    query_code_hash = models.CharField(max_length=64, editable=False)
    kind = models.CharField("类型", max_length=20, choices=FeedbackKind.choices)
    content = models.TextField("内容")
    contact_name = models.CharField("称呼", max_length=60, blank=True)
    contact = models.CharField("联系方式", max_length=120, blank=True)
    item = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="相关信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    item_title = models.CharField("相关信息标题", max_length=255, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.OPEN, editable=False
    )
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    reply = models.TextField("答复", blank=True, editable=False)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "公众意见与投诉"
        verbose_name_plural = "公众意见与投诉"
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["agency", "status"], name="portal_feedback_agency_status")]

    def __str__(self) -> str:
        return self.number
