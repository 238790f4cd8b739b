"""Models of intake: attachments kept privately, split applications (一事一申请), the daily due notices."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.storage import PrivateStorage

from .application import Application


class AttachmentKind(models.TextChoices):
    """What the content turned out to be (never what the name says)."""

    PDF = "pdf", "PDF 文件"
    JPEG = "jpeg", "JPEG 图片"
    PNG = "png", "PNG 图片"


def _attachment_path(instance: Attachment, filename: str) -> str:
    """A random name under the agency's directory: no applicant's name or number in paths."""
    return f"applications/{instance.application.agency_id}/{uuid.uuid4().hex}.{instance.kind}"


class Attachment(models.Model):
    """A file the applicant gave with the application (a copy of an ID, a business licence …)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", storage=PrivateStorage(), upload_to=_attachment_path, max_length=200)
    kind = models.CharField("文件类型", max_length=10, choices=AttachmentKind.choices)
    original_name = models.CharField("原文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="上传人"
    )

    class Meta:
        verbose_name = verbose_name_plural = "申请附件"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.pk}"


class Split(models.Model):
    """One part split off an application (一事一申请): the part is a case of its own, linked to its parent."""

    parent = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="split_parts", verbose_name="原申请"
    )
    part = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="split_from", verbose_name="拆分出的申请"
    )
    on = models.DateField("拆分日期")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="经办人"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "拆分记录"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.parent_id} → {self.part_id}"


class DueNotice(models.Model):
    """The daily notice of due-soon and overdue cases sent to one person of one agency: at most one a day."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField("日期")
    due_soon = models.PositiveIntegerField("即将到期")
    overdue = models.PositiveIntegerField("已逾期")
    unconfirmed = models.PositiveIntegerField("待确认", default=0)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "到期提醒"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "recipient", "day"], name="applications_due_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.recipient_id}/{self.day}"
