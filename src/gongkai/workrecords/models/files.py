"""Files attached to work records (rules' documents, minutes, evidence): kept privately, served by a scoped view."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError

from gongkai.storage import PrivateStorage

MAX_FILE_BYTES = 20 * 1024 * 1024
EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ofd", ".jpg", ".jpeg", ".png", ".txt")

storage = PrivateStorage()


def upload_path(instance, filename: str) -> str:
    """A random name under the agency's directory, keeping only the extension."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"workrecords/{instance.agency_id}/{uuid.uuid4().hex}{suffix}"


def validate_file(upload) -> None:
    if upload is None or not hasattr(upload, "size"):
        return
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if not str(upload.name).lower().endswith(EXTENSIONS):
        raise ValidationError("只能上传 PDF、Word、Excel、OFD、图片或文本文件")
