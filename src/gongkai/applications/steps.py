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
    key: str
    label: str
    kind: EventKind
    form: type[step_forms.StepForm]
    run: Callable


STEPS = {
    s.key: s
    for s in (
        Step("confirm", "确认收到（双方确认）", K.RECEIVED, step_forms.StepForm, services.confirm_receipt),
        Step(
            "correction",
            "告知补正",
            K.CORRECTION_REQUESTED,
            step_forms.CorrectionForm,
            services.request_correction,
        ),
        Step(
            "corrected",
            "收到补正材料",
            K.CORRECTION_RECEIVED,
            step_forms.StepForm,
            services.receive_correction,
        ),
        Step("abandon", "逾期未补正", K.ABANDONED, step_forms.StepForm, services.abandon),
        Step(
            "consult",
            "征求意见",
            K.CONSULTATION_SENT,
            step_forms.ConsultationForm,
            services.send_consultation,
        ),
        Step(
            "answer", "收到意见", K.CONSULTATION_ANSWERED, step_forms.AnswerForm, services.answer_consultation
        ),
        Step("extend", "延期答复", K.EXTENDED, step_forms.ExtensionForm, services.extend),
        Step("fee", "发出收费通知", K.FEE_NOTICE, step_forms.FeeForm, services.send_fee_notice),
        Step("paid", "已缴费", K.FEE_PAID, step_forms.StepForm, services.record_fee_paid),
        Step("unpaid", "逾期未缴费", K.FEE_UNPAID, step_forms.StepForm, services.record_fee_unpaid),
        Step(
            "period",
            "确定合理期限（第三十五条）",
            K.REASONABLE_PERIOD,
            step_forms.PeriodForm,
            services.set_reasonable_period,
        ),
        Step("decide", "作出决定", K.DECIDED, step_forms.DecisionForm, services.decide),
        Step("reply", "答复", K.REPLIED, step_forms.StepForm, services.reply),
        Step("deliver", "送达", K.DELIVERED, step_forms.DeliveryForm, services.deliver),
        Step("close", "办结", K.CLOSED, step_forms.StepForm, services.close),
        Step("withdraw", "申请人撤回", K.WITHDRAWN, step_forms.WithdrawalForm, services.withdraw),
        Step("reopen", "依复议决定或判决重新办理", K.REOPENED, step_forms.ReopenForm, services.reopen),
    )
}


def available(status: str) -> list[Step]:
    """The steps the case's status allows now."""
    return [s for s in STEPS.values() if Status(status) in lifecycle.TRANSITIONS[s.kind][0]]
