"""The models of the portal: its front page (`pages`), the public's feedback (`feedback`) and the site's
furniture (`settings`)."""

from .feedback import Feedback, FeedbackKind, FeedbackStatus
from .pages import PortalHomePage, agency_of
from .settings import PortalSettings

__all__ = ["Feedback", "FeedbackKind", "FeedbackStatus", "PortalHomePage", "PortalSettings", "agency_of"]
