"""The vocabularies of an application: applicant types (table 三's columns), channels, status, outcomes."""

from __future__ import annotations

from django.db import models

from gongkai.core.clock import Channel as ClockChannel
from gongkai.core.report import formats

APPLICANT_FIELDS = (
    "applicant_type",
    "name",
    "id_type",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_person",
    "phone",
    "address",
    "email",
)
"""Who applies: the fields of `Application` that describe the applicant."""
PERSONAL_FIELDS = tuple(f for f in APPLICANT_FIELDS if f not in ("applicant_type", "id_type"))
"""The applicant's personal data: shown to the handling office only, masked elsewhere."""
REQUEST_FIELDS = ("info_name", "info_document_number", "info_description", "purpose", "form", "obtaining")
"""What is asked for and how it is wanted."""
FORM_FIELDS = APPLICANT_FIELDS + REQUEST_FIELDS
"""The fields of an application form (portal, API, staff intake), checked by `validation`."""


class ApplicantType(models.TextChoices):
    """Exactly the applicant columns of table 三, with their keys."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICES = "legal_services", "法律服务机构"
    OTHER_ORG = "other_org", "其他"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    OTHER = "other", "其他身份证件"


class InfoForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class Obtaining(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "自行领取"
    ONLINE = "online", "网上获取"


class Channel(models.TextChoices):
    """How the application arrived. `online` is the portal and the API; the others are staff intake."""

    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    POST = "post", "邮寄（签收）"
    LETTER = "letter", "平常信函"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    ORAL = "oral", "口头申请（代为填写）"


# The clock's channel for each of ours (第三十一条); an oral application is taken down on the spot.
CLOCK_CHANNEL = {
    Channel.ONLINE: ClockChannel.ONLINE,
    Channel.IN_PERSON: ClockChannel.IN_PERSON,
    Channel.POST: ClockChannel.POST,
    Channel.LETTER: ClockChannel.LETTER,
    Channel.FAX: ClockChannel.FAX,
    Channel.EMAIL: ClockChannel.EMAIL,
    Channel.ORAL: ClockChannel.IN_PERSON,
}

# Channels whose legal receipt date is the day both sides confirm, not the day the request arrived.
CONFIRMED_CHANNELS = frozenset({Channel.ONLINE, Channel.LETTER, Channel.FAX, Channel.EMAIL})


class Status(models.TextChoices):
    """The process status (where the case stands), kept apart from the outcome (which report cell)."""

    SUBMITTED = "submitted", "待确认"
    PROCESSING = "processing", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    DECIDED = "decided", "已决定待答复"
    REPLIED = "replied", "已答复待送达"
    DELIVERED = "delivered", "已送达"
    CLOSED = "closed", "已办结"
    WITHDRAWN = "withdrawn", "已撤回"


OPEN_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.PROCESSING,
        Status.AWAITING_CORRECTION,
        Status.CONSULTING,
        Status.AWAITING_FEE,
        Status.DECIDED,
    }
)


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "提交申请"
    RECEIVED = "received", "确认收到申请"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正材料"
    ABANDONED = "abandoned", "逾期未补正，视为放弃"
    CONSULTATION_SENT = "consultation_sent", "征求意见"
    CONSULTATION_ANSWERED = "consultation_answered", "收到意见"
    EXTENDED = "extended", "延期答复"
    FEE_NOTICE = "fee_notice", "发出收费通知"
    FEE_PAID = "fee_paid", "缴纳费用"
    FEE_UNPAID = "fee_unpaid", "逾期未缴费，视为放弃"
    REASONABLE_PERIOD = "reasonable_period", "确定合理期限（第三十五条）"
    DECIDED = "decided", "作出决定"
    REPLIED = "replied", "答复"
    DELIVERED = "delivered", "送达"
    CLOSED = "closed", "办结"
    WITHDRAWN = "withdrawn", "申请人撤回"
    REOPENED = "reopened", "依复议决定或判决重新办理"


# The table's counting note, which is for whoever fills in the report, not for a case page or a letter.
_TABLE_NOTE = "（区分处理的，只计这一情形，不计其他情形）"
# The outcome catalogue: the result rows of table 三 (2021 template; 2019 folds other.* into `other`).
OUTCOMES: dict[str, str] = {
    row.key: row.full_label.replace(_TABLE_NOTE, "")
    for row in formats.get_template(formats.TEMPLATE_2021).request_rows
    if row.result
}
# Outcomes set by an event rather than chosen in a decision.
AUTOMATIC_OUTCOMES = {
    EventKind.ABANDONED: "other.no_correction",
    EventKind.FEE_UNPAID: "other.unpaid_fee",
    EventKind.WITHDRAWN: "other.misc",
}


class ReviewOrder(models.TextChoices):
    """What a review decision or a judgment that corrects the agency orders (纠正 in table 四)."""

    REDO = "redo", "撤销（或部分撤销）并责令重新答复"
    PERFORM = "perform", "责令履行答复职责（限期答复）"
    UNLAWFUL = "unlawful", "确认违法（不责令重新答复）"
    OTHER = "other", "其他纠正（变更等，不责令重新答复）"


# Only these orders re-open a case: the others correct without asking for a new reply.
REOPENING_ORDERS = frozenset({ReviewOrder.REDO, ReviewOrder.PERFORM})


class Party(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方"
    AGENCY = "agency", "其他机关"


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", "直接送达"
    POST = "post", "邮寄送达"
    EMAIL = "email", "电子邮件送达"
    ONLINE = "online", "网上送达"
