"""The models of 主动公开: the column and its items (`pages`, with the guide), the agency's settings and the
索引号 counter (`settings`), the steps of the sign-off chain (`signoff`), the confidentiality conclusions and the
register of withheld information (`register`), the 错敏词 list (`wording`), the attachments' text for search
(`texts`)."""

from .pages import DisclosureSectionPage, GuidePage, InformationItemPage, ItemAttachment
from .register import ConfidentialityConclusion, Reevaluation, WithheldInformation
from .settings import (
    DEFAULT_INDEX_PATTERN,
    TIME_LIMIT_WORKDAYS,
    IndexCounter,
    PublishingSettings,
    validate_index_pattern,
)
from .signoff import ConfidentialityReviewTask, ScopedApprovalTask
from .texts import AttachmentText
from .wording import WordingRule

__all__ = [
    "AttachmentText",
    "DEFAULT_INDEX_PATTERN",
    "TIME_LIMIT_WORKDAYS",
    "ConfidentialityConclusion",
    "ConfidentialityReviewTask",
    "DisclosureSectionPage",
    "GuidePage",
    "IndexCounter",
    "InformationItemPage",
    "ItemAttachment",
    "PublishingSettings",
    "Reevaluation",
    "ScopedApprovalTask",
    "WithheldInformation",
    "WordingRule",
    "validate_index_pattern",
]
