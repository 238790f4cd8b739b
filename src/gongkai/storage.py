"""Private file storage: what people upload or what carries personal data is never under a public URL."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT and without a URL: only a view that checks permissions serves them.

    The directory is `settings.PRIVATE_MEDIA_ROOT`, or a `private` directory next to MEDIA_ROOT; it is read on
    every use, so tests and deployments may change it.
    """

    @property
    def base_location(self) -> str:
        configured = getattr(settings, "PRIVATE_MEDIA_ROOT", "")
        return str(configured or Path(settings.MEDIA_ROOT).resolve().parent / "private")

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL")
