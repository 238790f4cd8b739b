"""The sign-off of annual reports: the events of its chain, and what was published.

A report's status and the step it waits for are derived from its events, never set by hand
(`services.signoff`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.agencies.roles import SignoffStep


class ReportStep(models.TextChoices):
    """What a sign-off event of an annual report records: the submission, a step of the sign-off chain, the
    publication, or the supervising office sending it back."""

    SUBMIT = "submit", "提交审核"
    CHECK = SignoffStep.CHECK.value, SignoffStep.CHECK.label
    CONFIDENTIALITY = SignoffStep.CONFIDENTIALITY.value, SignoffStep.CONFIDENTIALITY.label
    APPROVE = SignoffStep.APPROVE.value, SignoffStep.APPROVE.label
    PUBLISH = "publish", "发布"
    SUPERVISION = "supervision", "主管部门监督"


class SignoffDecision(models.TextChoices):
    APPROVE = "approve", "通过"
    RETURN = "return", "退回修改"


class SignoffEvent(models.Model):
    """One step of an annual report's sign-off taken by one person: submitted, approved, returned or published."""

    report = models.ForeignKey(
        "reports.AgencyReport",
        verbose_name="年度报告",
        on_delete=models.CASCADE,
        related_name="signoff_events",
        db_column="draft_id",
    )
    step = models.CharField("环节", max_length=20, choices=ReportStep.choices)
    decision = models.CharField("意见", max_length=10, choices=SignoffDecision.choices)
    comment = models.TextField("说明", blank=True)
    conclusion = models.CharField("保密审查结论", max_length=300, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办理人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "年度报告审核记录"
        verbose_name_plural = "年度报告审核记录"
        db_table = "reports_reportreviewevent"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["report", "at"], name="reports_rep_draft_i_88ec23_idx")]

    def __str__(self) -> str:
        return f"{self.get_step_display()}：{self.get_decision_display()}"
