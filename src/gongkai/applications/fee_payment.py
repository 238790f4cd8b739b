"""How an applicant pays the processing fee: the agency's own words (非税收入缴款), stated in every fee notice.

109号 requires the notice to say how to pay; the channel (a 非税收入 payment code, a bank account of the
treasury, a counter) differs by agency, so it is an agency setting with a default that says where to ask.
"""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies import history
from gongkai.agencies.models import Agency

from .models import ApplicationSettings

DEFAULT_PAYMENT = (
    "信息处理费按照非税收入管理规定缴入国库。请凭本通知通过非税收入缴款渠道缴纳"
    "（缴款码或缴款账户请向本机关政府信息公开工作机构索取），缴款后请将缴款凭证提交本机关"
)


def payment_of(agency: Agency) -> str:
    conf = ApplicationSettings.objects.filter(agency=agency).first()
    return (conf.fee_payment.strip() if conf else "") or DEFAULT_PAYMENT


def save_payment(agency: Agency, text: str, by=None) -> ApplicationSettings:
    """Set the agency's payment instructions, recording the change (letters already made stay as they are)."""
    with transaction.atomic():
        conf, created = ApplicationSettings.objects.select_for_update().get_or_create(agency=agency)
        before = history.snapshot(conf, ["fee_payment"])
        if created:
            before = dict.fromkeys(before)
        conf.fee_payment = text.strip()
        conf.save()
        changes = history.diff(before, history.snapshot(conf, ["fee_payment"]))
        if changes:
            history.record(conf, "wagtail.edit", by, changes=changes, note="修改信息处理费缴纳方式")
    return conf
