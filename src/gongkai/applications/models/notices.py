"""Notices to the applicant (e-mail and SMS) at receipt, 补正, 延期 and the reply, each recorded on the case."""

from __future__ import annotations

from django.db import models

from gongkai.agencies.masking import mask

from .application import Application, ApplicationEvent


class NoticeChannel(models.TextChoices):
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"


class NoticeStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"


class Notice(models.Model):
    """One notice to the applicant about one step of the case, by one channel, and how sending it went.

    Recorded in the step's transaction (so it exists exactly when the step does) and sent by a background task
    once that transaction has committed; `to` is the address it went to, shown masked to viewers without
    Perm.VIEW_PERSONAL_DATA (`shown_to`)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    event = models.ForeignKey(
        ApplicationEvent, on_delete=models.CASCADE, related_name="notices", verbose_name="办理步骤"
    )
    channel = models.CharField("方式", max_length=10, choices=NoticeChannel.choices)
    to = models.CharField("发送至", max_length=254)
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("内容", max_length=2000)
    status = models.CharField(
        "状态", max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.PENDING
    )
    error = models.CharField("失败原因", max_length=300, blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "申请人通知"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.channel} {self.status}"

    def shown_to(self, visible: bool) -> str:
        """The address as a viewer may see it: in full for the handling office, masked elsewhere."""
        return self.to if visible else mask(self.to)
