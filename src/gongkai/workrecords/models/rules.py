"""The agency's written rules (制度) for its disclosure work: each with its document, 文号, dates, the steps it
governs, the roles it makes responsible and, where it says who approves, the roles it names for each step of the
sign-off chain (compared with the configured chain by `chain.compare`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Role, SignoffStep

from .files import storage, upload_path, validate_file
from .organisation import _check_dates


class RuleStep(models.TextChoices):
    """The steps of the disclosure work a rule can govern."""

    PUBLISHING = "publishing", "信息发布"
    SIGNOFF = "signoff", "审核"
    SUPERVISION = "supervision", "监督"
    COMPLAINTS = "complaints", "投诉"
    MAINTENANCE = "maintenance", "维护清理"
    CONFIDENTIALITY = "confidentiality", "保密审查"
    APPLICATIONS = "applications", "依申请公开"
    ANNUAL_REPORT = "annual_report", "年报"


def _choice_list(values, choices, field: str) -> None:
    allowed = {value for value, _ in choices}
    if not isinstance(values, list) or any(v not in allowed for v in values):
        raise ValidationError({field: "选项无效"})


class Rule(models.Model):
    """A written rule of the agency. ``approvals`` maps a sign-off step (`SignoffStep` value) to the roles the
    rule says take it (e.g. {"approve": ["principal_leader"]}: 主要领导审核)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="rules")
    title = models.CharField("名称", max_length=200)
    number = models.CharField("文号", max_length=100, blank=True)
    effective_on = models.DateField("施行日期")
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    steps = models.JSONField("规范的环节", default=list, blank=True)
    responsible_roles = models.JSONField("明确责任的角色", default=list, blank=True)
    approvals = models.JSONField("规定的审批人", default=dict, blank=True)
    summary = models.TextField("主要内容", max_length=2000, blank=True)
    document = models.FileField(
        "制度文件",
        storage=storage,
        upload_to=upload_path,
        max_length=200,
        blank=True,
        validators=[validate_file],
    )

    class Meta:
        verbose_name = "工作制度"
        verbose_name_plural = "工作制度"
        ordering = ["effective_on", "pk"]

    def __str__(self) -> str:
        return f"《{self.title}》" + (f"（{self.number}）" if self.number else "")

    def clean(self) -> None:
        _check_dates(self.effective_on, self.repealed_on, "repealed_on")
        _choice_list(self.steps, RuleStep.choices, "steps")
        _choice_list(self.responsible_roles, Role.choices, "responsible_roles")
        if not isinstance(self.approvals, dict) or set(self.approvals) - set(SignoffStep.values):
            raise ValidationError({"approvals": "审批环节无效"})
        for roles in self.approvals.values():
            _choice_list(roles, Role.choices, "approvals")

    def step_labels(self) -> list[str]:
        return [RuleStep(s).label for s in self.steps]

    def role_labels(self) -> list[str]:
        return [Role(r).label for r in self.responsible_roles]

    def in_force_in(self, year: int) -> bool:
        return self.effective_on.year <= year and (self.repealed_on is None or self.repealed_on.year >= year)
