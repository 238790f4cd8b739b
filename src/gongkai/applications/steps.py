"""The steps the desk offers: for each, its form, its service function and the event it records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import lifecycle, services, signoff
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
        # the reply goes out only with its letter 签发 (拟办 → 科室负责人审核 → 签发)
        Step("reply", K.REPLIED, step_forms.StepForm, signoff.reply),
        Step("deliver", K.DELIVERED, step_forms.DeliveryForm, services.deliver),
        Step("close", K.CLOSED, step_forms.StepForm, services.close),
        Step("withdraw", K.WITHDRAWN, step_forms.WithdrawalForm, services.withdraw),
        Step("reopen", K.REOPENED, step_forms.ReopenForm, services.reopen),
    )
}


# Steps the law allows once per reply period (a re-opening starts a new one): a second 补正 or 延期 is refused.
ONCE = {K.CORRECTION_REQUESTED, K.EXTENDED, K.FEE_NOTICE, K.REASONABLE_PERIOD}


def available(status: str, events: list | None = None) -> list[Step]:
    """The steps the case's status allows now; given the case's `events`, without those it can no longer take
    (a second 补正 or 延期 …) or has nothing to take them on (收到意见 with no consultation open)."""
    steps = [s for s in STEPS.values() if Status(status) in lifecycle.TRANSITIONS[s.kind][0]]
    if events is None:
        return steps
    reopened = [i for i, e in enumerate(events) if e.kind == K.REOPENED]
    done = {e.kind for e in events[reopened[-1] + 1 if reopened else 0 :]}
    open_keys = lifecycle.open_consultations(events)
    return [
        s
        for s in steps
        if not (s.kind in ONCE and s.kind in done) and (s.kind != K.CONSULTATION_ANSWERED or open_keys)
    ]
