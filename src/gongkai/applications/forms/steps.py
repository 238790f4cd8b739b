"""Staff forms: intake of an application on paper, and one small form per step of a case."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from .. import lifecycle, services, validation
from ..choices import ApplicantType, Channel, DeliveryMethod, IdType, InfoForm, Obtaining, Party, ReviewOrder


def date_field(label: str = "日期", required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        # A date input only shows ISO dates; the locale's 2026/11/26 would leave it empty in the browser.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        # the step's own date defaults to today; an optional date (补正期限…) starts empty, not at today
        initial=timezone.localdate if required else None,
    )


class IntakeForm(forms.Form):
    """An application the office registers (当面、邮寄、平信、传真、电子邮件、口头)."""

    channel = forms.ChoiceField(
        label="申请渠道", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    arrived_on = date_field("申请到达（当面提交、签收）之日")
    confirmed_on = date_field("与申请人确认之日（平常信函、传真、电子邮件）", required=False)
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    name = forms.CharField(label="申请人姓名或名称", required=False)
    id_type = forms.ChoiceField(label="证件类型", choices=[("", "—"), *IdType.choices], required=False)
    id_number = forms.CharField(label="证件号码", required=False)
    credit_code = forms.CharField(label="统一社会信用代码", required=False)
    legal_representative = forms.CharField(label="法定代表人", required=False)
    contact_person = forms.CharField(label="联系人", required=False)
    phone = forms.CharField(label="联系电话", required=False)
    address = forms.CharField(label="通信地址", required=False)
    email = forms.CharField(label="电子邮箱", required=False)
    info_name = forms.CharField(label="所需信息名称", required=False)
    info_document_number = forms.CharField(label="文号", required=False)
    info_description = forms.CharField(label="所需信息的特征描述", required=False, widget=forms.Textarea)
    purpose = forms.CharField(label="用途", required=False, widget=forms.Textarea)
    form = forms.ChoiceField(label="信息形式", choices=InfoForm.choices)
    obtaining = forms.ChoiceField(label="获取方式", choices=Obtaining.choices)

    def clean(self):
        data = super().clean()
        for field, message in validation.errors(data).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data

    def applicant(self) -> dict:
        return validation.applicant_of(self.cleaned_data)


class StepForm(forms.Form):
    on = date_field()

    def for_case(self, events: list) -> None:
        """Adapt the form to the case (its events, in order); most steps need nothing."""


class CorrectionForm(StepForm):
    what = forms.CharField(label="需要补正的事项", widget=forms.Textarea)
    respond_by = date_field("补正期限", required=False)


class ConsultationForm(StepForm):
    party = forms.ChoiceField(label="征求意见对象类型", choices=Party.choices)
    to = forms.CharField(label="征求意见对象")


class AnswerForm(StepForm):
    key = forms.ChoiceField(label="收到哪一份征求意见的答复", choices=())
    opinion = forms.CharField(label="意见", required=False, widget=forms.Textarea)

    def for_case(self, events: list) -> None:
        self.fields["key"].choices = lifecycle.open_consultations(events)


class ExtensionForm(StepForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    approver = forms.CharField(label="批准人（政府信息公开工作机构负责人）")
    reason = forms.CharField(label="延期理由", required=False, widget=forms.Textarea)


class FeeForm(StepForm):
    """The method and the count; the amount is computed (`services.fee_of`), optionally checked and reduced."""

    method = forms.ChoiceField(label="计收方式", choices=[("count", "按件计收"), ("pages", "按量计收")])
    quantity = forms.IntegerField(
        label="件数或页数",
        min_value=0,
        max_value=100000,
        help_text="按件计收：本申请是该申请人本自然月内的第几件申请；按量计收：提供信息的页数",
    )
    amount = forms.IntegerField(
        label="核对金额（元，可不填）",
        min_value=0,
        required=False,
        help_text="填写的，须与按标准计算的金额一致",
    )
    reduced_to = forms.IntegerField(label="减免后金额（元，减免时填写）", min_value=0, required=False)
    waiver_reason = forms.CharField(label="减免理由", required=False, widget=forms.Textarea)


class PeriodForm(StepForm):
    due = date_field("合理期限至")
    reason = forms.CharField(label="理由", widget=forms.Textarea)


class DecisionForm(StepForm):
    outcome = forms.ChoiceField(label="办理结果", choices=list(services.DECIDABLE_OUTCOMES.items()))
    basis = forms.CharField(label="法律依据（条例条款及理由）")
    withheld = forms.CharField(
        label="不予公开的部分及理由（部分公开时填写）", required=False, widget=forms.Textarea
    )


class DeliveryForm(StepForm):
    method = forms.ChoiceField(label="送达方式", choices=DeliveryMethod.choices)
    proof = forms.CharField(label="送达凭证", required=False)


class WithdrawalForm(StepForm):
    reason = forms.CharField(label="撤回理由", required=False)


class ReopenForm(StepForm):
    on = date_field("收到复议决定书或判决书之日")
    order = forms.ChoiceField(
        label="决定或判决的结果",
        choices=ReviewOrder.choices,
        help_text="只有撤销并责令重新答复、责令履行的，案件才重新办理",
    )
    reference = forms.CharField(label="复议决定书或判决书文号")
    case = forms.CharField(label="案件（复议机关或法院及案号）")
    days = forms.IntegerField(
        label="决定确定的答复期限（工作日，未确定的留空，按 20 个工作日）",
        min_value=1,
        max_value=200,
        required=False,
    )
