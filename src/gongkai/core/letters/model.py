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

    @property
    def all_paragraphs(self) -> tuple[str, ...]:
        """The body, then the remedies paragraph if there is one."""
        return (*self.paragraphs, self.remedies) if self.remedies else self.paragraphs

    def text(self) -> str:
        """The whole letter as plain text, in reading order."""
        lines = [self.title, self.number, f"{self.addressee}：" if self.addressee else ""]
        lines += [*self.all_paragraphs, self.agency, self.seal, chinese_date(self.on)]
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
        )


def split_paragraphs(text: str) -> tuple[str, ...]:
    """The non-blank lines of `text`, stripped: one paragraph each."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())
