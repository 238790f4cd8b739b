"""The models of the portal: its front page (`pages`) and the public's feedback (`feedback`)."""

from .feedback import Feedback, FeedbackKind, FeedbackStatus
from .pages import PortalHomePage, agency_of

__all__ = ["Feedback", "FeedbackKind", "FeedbackStatus", "PortalHomePage", "agency_of"]
