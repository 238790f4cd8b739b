"""The disclosure office's screen for how applicants pay the processing fee (stated in the fee notice)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404

from .. import fee_payment


class PaymentForm(forms.Form):
    fee_payment = forms.CharField(
        label="信息处理费缴纳方式（写入收费通知）",
        max_length=1000,
        required=False,
        widget=forms.Textarea,
        help_text="留空则使用默认说明",
    )


def fee_payment_settings(request, code: str):
    agency = agency_or_404(request.user, code, Perm.HANDLE_APPLICATIONS)
    form = PaymentForm(request.POST or None, initial={"fee_payment": fee_payment.payment_of(agency)})
    if request.method == "POST" and form.is_valid():
        fee_payment.save_payment(agency, form.cleaned_data["fee_payment"], by=request.user)
        messages.success(request, "已保存缴纳方式；此后生成的收费通知使用新的说明")
        return redirect("applications:fee_payment", code=agency.code)
    context = {"agency": agency, "form": form, "default": fee_payment.DEFAULT_PAYMENT}
    return TemplateResponse(request, "applications/fee_payment.html", context)
