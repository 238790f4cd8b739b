"""The models of applications: the case and its events (`application`), what intake keeps (`intake`: attachments,
splits, due notices) and the letters (`letters`)."""

from .application import (
    DEFAULT_NUMBER_PATTERN,
    Application,
    ApplicationEvent,
    ApplicationSettings,
    NumberCounter,
)
from .intake import Attachment, AttachmentKind, DueNotice, Split
from .letters import Letter, LetterSignoff, LetterTemplate, SignoffStep

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
    "NumberCounter",
    "SignoffStep",
    "Split",
]
