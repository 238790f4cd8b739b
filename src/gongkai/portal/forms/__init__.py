"""Forms of the portal: the public's application and lookup (`applications`), feedback and its lookup, and the
office's reply and closing (`feedback`), the search across all agencies (`search`)."""

from .applications import ApplicationForm, LookupForm
from .base import AccessibleForm
from .feedback import CloseForm, FeedbackForm, FeedbackLookupForm, ReplyForm
from .search import SiteSearchForm

__all__ = [
    "AccessibleForm",
    "ApplicationForm",
    "CloseForm",
    "FeedbackForm",
    "FeedbackLookupForm",
    "LookupForm",
    "ReplyForm",
    "SiteSearchForm",
]
