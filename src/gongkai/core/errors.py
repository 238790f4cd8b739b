"""The one domain exception: an action the rules refuse, with a message for the user in Chinese.

Service functions raise `Refused` when the status, the law or the input does not allow what was asked, and change
nothing; views show its message next to the form, the API answers it with its message. Logs stay in English.
"""

from __future__ import annotations


class Refused(ValueError):
    """Refused by the rules; ``str(error)`` is the message for the user, in Chinese."""
