"""Meetings and training on disclosure work: study meetings, training, forums, reports, special meetings, with
who took part and, for training, the hours each participant earned."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from gongkai.agencies.models import Agency, Person

from .files import storage, upload_path, validate_file


class MeetingKind(models.TextChoices):
    STUDY = "study", "业务学习"
    TRAINING = "training", "培训"
    FORUM = "forum", "座谈"
    BRIEFING = "briefing", "汇报"
    SPECIAL = "special", "专题会议"


class Meeting(models.Model):
    """A meeting or a training session. ``participant_count`` counts everyone present (outsiders included);
    ``participants`` are the platform's people among them; ``hours`` is what each participant is credited."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("日期")
    kind = models.CharField("类型", max_length=20, choices=MeetingKind.choices)
    title = models.CharField("名称", max_length=200)
    organiser = models.CharField("组织者", max_length=100)
    participant_count = models.PositiveIntegerField(
        "参加人数", validators=[MaxValueValidator(100000)], help_text="含非平台人员"
    )
    participants = models.ManyToManyField(
        Person, verbose_name="参加人员（平台人员）", blank=True, related_name="+"
    )
    topics = models.TextField("议题或内容", max_length=2000)
    minutes = models.TextField("纪要", max_length=10000, blank=True)
    hours = models.DecimalField(
        "培训学时（每人）",
        max_digits=5,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(200))],
    )
    attachment = models.FileField(
        "附件", storage=storage, upload_to=upload_path, max_length=200, blank=True, validators=[validate_file]
    )

    class Meta:
        verbose_name = "会议和培训"
        verbose_name_plural = "会议和培训"
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["agency", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()}：{self.title}"

    def clean(self) -> None:
        if self.hours and self.kind not in (MeetingKind.TRAINING, MeetingKind.STUDY):
            raise ValidationError({"hours": "只有培训和业务学习记录学时"})
