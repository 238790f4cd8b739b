"""The records behind table 四: the 行政复议 and 行政诉讼 cases brought over the agency's disclosure work."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.applications.choices import ReviewOrder


class AppealKind(models.TextChoices):
    """The three groups of table 四, with its keys."""

    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


class AppealResult(models.TextChoices):
    """The columns of table 四 (without 总计), with its keys."""

    UPHELD = "upheld", "维持"
    CORRECTED = "corrected", "纠正"
    OTHER = "other", "其他"
    PENDING = "pending", "尚未审结"


class AppealCase(models.Model):
    """A 行政复议 or 行政诉讼 case brought over the agency's disclosure work.

    ``applicant`` is personal data: shown to those who may see applicants' data, masked elsewhere, never
    logged. ``concerns`` names the application or published item the case is about (a reference, in text);
    ``application`` links the agency's application when the case is about one, so that a result of 纠正
    re-opens it (``services.save_case``).
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="appeal_cases"
    )
    kind = models.CharField("类型", max_length=30, choices=AppealKind.choices)
    case_number = models.CharField("案号", max_length=100, blank=True)
    applicant = models.CharField("申请人/原告", max_length=200)
    concerns = models.CharField("涉及的申请或公开事项", max_length=300)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="涉及的申请",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeal_cases",
        help_text="结果为“纠正”且责令重新答复或责令履行时，该申请将重新办理",
    )
    body = models.CharField("复议机关/受理法院", max_length=200)
    filed_on = models.DateField("申请或起诉日期")
    result = models.CharField(
        "结果", max_length=20, choices=AppealResult.choices, default=AppealResult.PENDING
    )
    result_known_on = models.DateField("结果知悉日期", null=True, blank=True)
    order = models.CharField(
        "纠正的方式",
        max_length=20,
        choices=ReviewOrder.choices,
        blank=True,
        help_text="结果为“纠正”时填写；只有撤销并责令重新答复、责令履行的，涉及的申请重新办理",
    )
    decision_number = models.CharField("复议决定书或判决书文号", max_length=100, blank=True)
    order_days = models.PositiveIntegerField(
        "决定确定的答复期限（工作日）", null=True, blank=True, help_text="未确定的留空，按 20 个工作日"
    )
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼案件"
        verbose_name_plural = "行政复议、行政诉讼案件"
        ordering = ["-filed_on", "-pk"]
        indexes = [models.Index(fields=["agency", "filed_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.pk}"

    def clean(self) -> None:
        if self.application_id and self.application.agency_id != self.agency_id:
            raise ValidationError({"application": "只能关联本机关的申请"})
        if self.result == AppealResult.PENDING:
            if self.result_known_on:
                raise ValidationError({"result_known_on": "尚未审结的案件不填写结果知悉日期"})
            return
        if not self.result_known_on:
            raise ValidationError({"result_known_on": "请填写知悉结果的日期"})
        if self.result == AppealResult.CORRECTED and self.application_id and not self.order:
            raise ValidationError({"order": "结果为纠正且关联了申请的，请选择纠正的方式（是否责令重新答复）"})
        if self.result != AppealResult.CORRECTED and self.order:
            raise ValidationError({"order": "只有结果为纠正的才填写纠正的方式"})
        if self.filed_on and self.result_known_on < self.filed_on:
            raise ValidationError({"result_known_on": "结果知悉日期不能早于申请或起诉日期"})
