"""The steps the desk offers: for each, its form, its service function and the event it records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import lifecycle, services
from .choices import EventKind, Status
from .forms import steps as step_forms

K = EventKind


@dataclass(frozen=True)
class Step:
    """A step of the desk; its label is its event's (`EventKind`) unless the button says it otherwise."""

    key: str
    kind: EventKind
    form: type[step_forms.StepForm]
    run: Callable
    button: str = ""

    @property
    def label(self) -> str:
        return self.button or self.kind.label


STEPS = {
    s.key: s
    for s in (
        Step(
            "confirm",
            K.RECEIVED,
            step_forms.StepForm,
            services.confirm_receipt,
            button="确认收到（双方确认）",
        ),
        Step("correction", K.CORRECTION_REQUESTED, step_forms.CorrectionForm, services.request_correction),
        Step("corrected", K.CORRECTION_RECEIVED, step_forms.StepForm, services.receive_correction),
        Step("abandon", K.ABANDONED, step_forms.StepForm, services.abandon, button="逾期未补正"),
        Step("consult", K.CONSULTATION_SENT, step_forms.ConsultationForm, services.send_consultation),
        Step("answer", K.CONSULTATION_ANSWERED, step_forms.AnswerForm, services.answer_consultation),
        Step("extend", K.EXTENDED, step_forms.ExtensionForm, services.extend),
        Step("fee", K.FEE_NOTICE, step_forms.FeeForm, services.send_fee_notice),
        Step("paid", K.FEE_PAID, step_forms.StepForm, services.record_fee_paid, button="已缴费"),
        Step("unpaid", K.FEE_UNPAID, step_forms.StepForm, services.record_fee_unpaid, button="逾期未缴费"),
        Step("period", K.REASONABLE_PERIOD, step_forms.PeriodForm, services.set_reasonable_period),
        Step("decide", K.DECIDED, step_forms.DecisionForm, services.decide),
        Step("reply", K.REPLIED, step_forms.StepForm, services.reply),
        Step("deliver", K.DELIVERED, step_forms.DeliveryForm, services.deliver),
        Step("close", K.CLOSED, step_forms.StepForm, services.close),
        Step("withdraw", K.WITHDRAWN, step_forms.WithdrawalForm, services.withdraw),
        Step("reopen", K.REOPENED, step_forms.ReopenForm, services.reopen),
    )
}


def available(status: str) -> list[Step]:
    """The steps the case's status allows now."""
    return [s for s in STEPS.values() if Status(status) in lifecycle.TRANSITIONS[s.kind][0]]
