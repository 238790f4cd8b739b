"""The letter kinds and the `Letter` value every renderer draws."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from gongkai.core.render.html import chinese_date

__all__ = ["KIND_LABELS", "SEAL_LINE", "Letter", "LetterKind", "chinese_date", "split_paragraphs"]


class LetterKind(StrEnum):
    """The letters of an application's steps; the value is the key stored with templates and letters."""

    REPLY = "reply"
    CORRECTION = "correction"
    EXTENSION = "extension"
    CONSULTATION_THIRD_PARTY = "consultation_third_party"
    CONSULTATION_AGENCY = "consultation_agency"
    FEE = "fee"
    PERIOD = "period"
    SPLIT = "split"
    THIRD_PARTY_DECISION = "third_party_decision"
    REFERRAL = "referral"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    LetterKind.REPLY: "答复告知书",
    LetterKind.CORRECTION: "补正告知书",
    LetterKind.EXTENSION: "延期答复告知书",
    LetterKind.CONSULTATION_THIRD_PARTY: "征求意见书（第三方）",
    LetterKind.CONSULTATION_AGENCY: "征求意见书（其他机关）",
    LetterKind.FEE: "收费通知",
    LetterKind.PERIOD: "合理期限告知书（第三十五条）",
    LetterKind.SPLIT: "拆分告知书（一事一申请）",
    LetterKind.THIRD_PARTY_DECISION: "决定公开告知书（第三十二条，致第三方）",
    LetterKind.REFERRAL: "告知向有关机关申请告知书（第三十六条第（五）项）",
}

SEAL_LINE = "（盖章）"


@dataclass(frozen=True)
class Letter:
    """A letter ready to typeset. `paragraphs` is the body; `remedies` is empty where no remedy is stated."""

    title: str
    number: str
    addressee: str
    paragraphs: tuple[str, ...]
    remedies: str
    agency: str
    on: date
    seal: str = SEAL_LINE
    meta: dict = field(default_factory=dict, compare=False)
    attachments: tuple[str, ...] = ()  # 附件: the names of what goes with the letter
    contact: str = ""  # 附注 below the date: 经办人 and 联系电话

    @property
    def all_paragraphs(self) -> tuple[str, ...]:
        """The body, then the remedies paragraph if there is one."""
        return (*self.paragraphs, self.remedies) if self.remedies else self.paragraphs

    @property
    def attachment_lines(self) -> tuple[str, ...]:
        """附件说明 (GB/T 9704 7.3.4): "附件：1．…", further ones aligned under the first name."""
        if not self.attachments:
            return ()
        if len(self.attachments) == 1:
            return (f"附件：{self.attachments[0]}",)
        return tuple(
            f"{'附件：' if i == 1 else '　　　'}{i}．{name}" for i, name in enumerate(self.attachments, 1)
        )

    def text(self) -> str:
        """The whole letter as plain text, in reading order."""
        lines = [self.title, self.number, f"{self.addressee}：" if self.addressee else ""]
        lines += [*self.all_paragraphs, *self.attachment_lines, self.agency, self.seal, chinese_date(self.on)]
        lines.append(f"（{self.contact}）" if self.contact else "")
        return "\n".join(line for line in lines if line)

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "number": self.number,
            "addressee": self.addressee,
            "paragraphs": list(self.paragraphs),
            "remedies": self.remedies,
            "agency": self.agency,
            "on": self.on.isoformat(),
            "seal": self.seal,
            "attachments": list(self.attachments),
            "contact": self.contact,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Letter:
        return cls(
            title=data["title"],
            number=data["number"],
            addressee=data["addressee"],
            paragraphs=tuple(data["paragraphs"]),
            remedies=data["remedies"],
            agency=data["agency"],
            on=date.fromisoformat(data["on"]),
            seal=data.get("seal", SEAL_LINE),
            attachments=tuple(data.get("attachments", ())),
            contact=data.get("contact", ""),
        )


def split_paragraphs(text: str) -> tuple[str, ...]:
    """The non-blank lines of `text`, stripped: one paragraph each."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())
