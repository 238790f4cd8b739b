"""The events of an application's reply clock (the facts `clock.compute_deadline` replays), and the channels
and parties they name. Kept apart from the replay so each module stays small; `gongkai.core.clock` re-exports
them all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Channel(StrEnum):
    """How the application came in; decides which day is the legal receipt date (第三十一条)."""

    IN_PERSON = "当面"
    POST = "邮寄"
    LETTER = "平信"
    ONLINE = "网络"
    FAX = "传真"
    EMAIL = "电子邮件"

    @property
    def receipt_rule(self) -> str:
        return _RECEIPT_RULES[self]


_RECEIPT_RULES = {
    Channel.IN_PERSON: "当面提交，收到申请之日",
    Channel.POST: "邮寄，机关签收之日",
    Channel.LETTER: "平常信函，与申请人确认之日",
    Channel.ONLINE: "互联网渠道，双方确认之日",
    Channel.FAX: "传真，双方确认之日",
    Channel.EMAIL: "电子邮件，双方确认之日",
}


class Party(StrEnum):
    """Whom an agency consults: a third party (第三十二条) or another agency (第三十四条)."""

    THIRD_PARTY = "第三方"
    AGENCY = "其他机关"


# -- events -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    """The application was received; `on` is the legal receipt date of 第三十一条 for `channel`."""

    on: date
    channel: Channel = Channel.IN_PERSON


@dataclass(frozen=True)
class ReplyOrdered:
    """A review decision or a judgment ordered a new reply (撤销并责令重新答复, 责令履行): a clock of its own from
    the day the decision reached the agency, over the `days` working days it sets (20 if it sets none)."""

    on: date
    reference: str = ""
    days: int = 20


@dataclass(frozen=True)
class CorrectionRequested:
    """The agency asked once for a correction (第三十条); `respond_by` is the period it gave, if any."""

    on: date
    respond_by: date | None = None


@dataclass(frozen=True)
class CorrectionReceived:
    """The corrected request arrived: the reply period starts again from this day."""

    on: date


@dataclass(frozen=True)
class CorrectionExpired:
    """The correction period ended without a correction: the request is treated as abandoned."""

    on: date


@dataclass(frozen=True)
class ConsultationSent:
    """A consultation letter went out; `key` pairs it with its answer when several are open at once."""

    on: date
    party: Party = Party.THIRD_PARTY
    to: str = ""
    key: str = ""


@dataclass(frozen=True)
class ConsultationAnswered:
    on: date
    key: str = ""


@dataclass(frozen=True)
class ExtensionApproved:
    """The head of the disclosure office approved an extension of `days` working days (once, ≤ 20)."""

    on: date
    days: int
    approver: str = ""


@dataclass(frozen=True)
class FeeNoticeSent:
    """The fee notice went out; the applicant pays within 20 working days from the next day (109号)."""

    on: date


@dataclass(frozen=True)
class FeePaid:
    on: date


@dataclass(frozen=True)
class ReasonablePeriodSet:
    """第三十五条: the agency set a longer reasonable period, ending on `due`, and told the applicant."""

    on: date
    due: date


@dataclass(frozen=True)
class Replied:
    on: date


Event = (
    Received
    | ReplyOrdered
    | CorrectionRequested
    | CorrectionReceived
    | CorrectionExpired
    | ConsultationSent
    | ConsultationAnswered
    | ExtensionApproved
    | FeeNoticeSent
    | FeePaid
    | ReasonablePeriodSet
    | Replied
)
