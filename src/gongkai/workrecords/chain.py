"""The sign-off chain configured for an agency's items (read from publishing, never changed here), and how a
rule's stated approvers compare with it.

The chain is the Wagtail workflow of the agency's 政府信息公开 column: its tasks in order, each taken by the roles
holding the task's permission (`roles.GRANTS`). A rule that says who takes a step (``Rule.approvals``) matches
when the roles it names are exactly the roles the configured step lets act."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm, Role, SignoffStep, roles_with
from gongkai.publishing.models import ConfidentialityReviewTask, DisclosureSectionPage, ScopedApprovalTask

_STEP_BY_LABEL = {step.label: step for step in SignoffStep}
_STEP_BY_PERM = {
    Perm.CHECK_INFORMATION: SignoffStep.CHECK,
    Perm.REVIEW_CONFIDENTIALITY: SignoffStep.CONFIDENTIALITY,
    Perm.APPROVE_INFORMATION: SignoffStep.APPROVE,
}


@dataclass(frozen=True)
class ConfiguredStep:
    step: SignoffStep
    name: str
    roles: frozenset[Role]

    @property
    def role_labels(self) -> str:
        return "、".join(r.label for r in Role if r in self.roles) or "（无）"


def configured_chain(agency: Agency) -> list[ConfiguredStep] | None:
    """The steps of the agency's configured chain in order, or None when the agency has no column or workflow."""
    section = DisclosureSectionPage.objects.filter(agency=agency).first()
    workflow = section.get_workflow() if section is not None else None
    if workflow is None:
        return None
    steps = []
    for task in workflow.tasks.filter(active=True).specific():
        if isinstance(task, ConfidentialityReviewTask):
            perm = Perm.REVIEW_CONFIDENTIALITY
        elif isinstance(task, ScopedApprovalTask):
            perm = Perm(task.permission)
        else:
            continue
        step = _STEP_BY_LABEL.get(task.name, _STEP_BY_PERM[perm])
        steps.append(ConfiguredStep(step, task.name, roles_with(perm)))
    return steps


@dataclass(frozen=True)
class Comparison:
    """One step a rule names: the roles it names, the configured step (None if the chain has no such step) and
    whether they match."""

    step: SignoffStep
    stated: frozenset[Role]
    configured: ConfiguredStep | None

    @property
    def matches(self) -> bool:
        return self.configured is not None and self.configured.roles == self.stated

    @property
    def stated_labels(self) -> str:
        return "、".join(r.label for r in Role if r in self.stated)

    @property
    def explanation(self) -> str:
        if self.configured is None:
            return f"制度规定由{self.stated_labels}{self.step.label}，但平台配置的审核流程中没有“{self.step.label}”环节"
        if self.matches:
            return f"与平台配置一致：{self.step.label}由{self.configured.role_labels}办理"
        return (
            f"不一致：制度规定由{self.stated_labels}{self.step.label}，"
            f"平台配置的“{self.configured.name}”环节由{self.configured.role_labels}办理"
        )


def compare(approvals: dict[str, list[str]], chain: list[ConfiguredStep] | None) -> list[Comparison]:
    """Each step the rule names, against the configured chain (empty when the rule names no approver)."""
    configured = {}
    for step in chain or []:
        configured.setdefault(step.step, step)
    return [
        Comparison(SignoffStep(key), frozenset(Role(r) for r in roles), configured.get(SignoffStep(key)))
        for key, roles in approvals.items()
        if roles
    ]
