"""The models of applications: the case and its events (`application`), what intake keeps (`intake`: attachments,
splits, due notices), the letters (`letters`) and the notices to the applicant (`notices`)."""

from .application import (
    DEFAULT_NUMBER_PATTERN,
    Application,
    ApplicationEvent,
    ApplicationSettings,
    NumberCounter,
)
from .intake import Attachment, AttachmentKind, DueNotice, Split
from .letters import Letter, LetterSignoff, LetterTemplate, SignoffStep
from .notices import Notice, NoticeChannel, NoticeStatus

__all__ = [
    "DEFAULT_NUMBER_PATTERN",
    "Application",
    "ApplicationEvent",
    "ApplicationSettings",
    "Attachment",
    "AttachmentKind",
    "DueNotice",
    "Letter",
    "LetterSignoff",
    "LetterTemplate",
    "Notice",
    "NoticeChannel",
    "NoticeStatus",
    "NumberCounter",
    "SignoffStep",
    "Split",
]
