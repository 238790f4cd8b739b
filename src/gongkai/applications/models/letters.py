"""Letters of a case: the agency's editable templates and the letters generated and kept with each case."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.core.letters import compose, defaults, placeholders
from gongkai.core.letters.model import Letter as LetterValue
from gongkai.core.letters.model import LetterKind
from gongkai.storage import PrivateStorage

from .application import Application, ApplicationEvent

KIND_CHOICES = [(kind.value, kind.label) for kind in LetterKind]


class LetterTemplate(models.Model):
    """An agency's own wording of a kind of letter (for a reply: of one outcome); absent → the built-in one."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="letter_templates", verbose_name="机关"
    )
    kind = models.CharField("告知书类型", max_length=40, choices=KIND_CHOICES)
    outcome = models.CharField("办理结果", max_length=60, blank=True)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文", help_text="每行一段；占位符如 {申请人}、{申请编号}")
    remedies = models.TextField("救济途径", blank=True, help_text="留空则不写救济途径")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="修改人"
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "告知书模板"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "outcome"], name="applications_letter_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.get_kind_display()} {self.outcome}".strip()

    def text(self) -> defaults.TemplateText:
        return defaults.TemplateText(self.title, self.body, self.remedies)

    def clean(self) -> None:
        try:
            compose.check_template(LetterKind(self.kind), self.text())
        except placeholders.TemplateError as exc:
            raise ValidationError(str(exc)) from exc


def _letter_path(instance: Letter, filename: str) -> str:
    """letters/<agency>/<year>/<random>.<ext>: nothing personal in the name, and nothing to guess."""
    suffix = PurePosixPath(filename).suffix
    app = instance.application
    return f"letters/{app.agency.code}/{app.year}/{uuid.uuid4().hex}{suffix}"


class Letter(models.Model):
    """A letter generated for a step of a case, kept with it: the text used and the DOCX and PDF files."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    event = models.ForeignKey(
        ApplicationEvent, on_delete=models.CASCADE, related_name="letters", verbose_name="办理步骤"
    )
    kind = models.CharField("告知书类型", max_length=40, choices=KIND_CHOICES)
    outcome = models.CharField("办理结果", max_length=60, blank=True)
    number = models.CharField("文号", max_length=100)
    on = models.DateField("落款日期")
    content = models.JSONField("告知书内容", default=dict)
    docx = models.FileField("DOCX 文件", storage=PrivateStorage(), upload_to=_letter_path, max_length=200)
    pdf = models.FileField("PDF 文件", storage=PrivateStorage(), upload_to=_letter_path, max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="生成人"
    )
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "告知书"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    @property
    def value(self) -> LetterValue:
        """The letter as the renderers see it."""
        return LetterValue.from_dict(self.content)


class SignoffStep(models.TextChoices):
    """The steps a reply letter takes after it is drafted (拟办, the letter's `created_by`), in order."""

    CHECK = "check", "科室负责人审核"
    ISSUE = "issue", "签发"


class LetterSignoff(models.Model):
    """One decision on a reply letter in its chain 拟办 → 科室负责人审核 → 签发: who, when, agreed or returned, the
    opinion. The letter's state is read from these (`applications.signoff.state_of`), never stored."""

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="signoffs", verbose_name="告知书"
    )
    step = models.CharField("环节", max_length=20, choices=SignoffStep.choices)
    approved = models.BooleanField("同意")
    opinion = models.TextField("意见", blank=True, max_length=1000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name="办理人"
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "告知书审核签发"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_step_display()} {'同意' if self.approved else '退回'}"
