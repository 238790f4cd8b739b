"""Attachments of an application (a copy of an ID, a business licence): checked by content, kept privately.

A file is accepted only if its bytes are a whole PDF, JPEG or PNG — the name and the browser's content type are
ignored, so a program renamed `.pdf` or a truncated scan is refused with a message saying which file and why.
An image's pixel count is read from its header and bounded (`GONGKAI_ATTACHMENT_MAX_PIXELS`) before it is
decoded, and callers examine files only after the fields passed and the attempt was counted by the rate limit
(`intake_services.admit`), so a decompression bomb costs a header read.
Size and number are limited twice: `SizeLimitHandler` drops an oversize file while the request is read (the
rest of the form still arrives, so nothing the applicant typed is lost), and `check` refuses it with a message
(the forms' field is `forms.attachments.AttachmentsField`).
Files are stored by `gongkai.storage.PrivateStorage` (no URL) and served only by the staff download view.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import logging
import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import transaction

from gongkai.core.errors import Refused

from .models import Application, Attachment, AttachmentKind

log = logging.getLogger(__name__)

ACCEPTED_TEXT = "PDF、JPG、PNG"


def max_bytes() -> int:
    return settings.GONGKAI_ATTACHMENT_MAX_BYTES


def max_files() -> int:
    return settings.GONGKAI_ATTACHMENT_MAX_FILES


def size_text(n: int) -> str:
    """A size for people: 10 MB, 512 KB."""
    mb = 1024 * 1024
    return f"{n / mb:g} MB" if n >= mb else f"{n // 1024} KB"


@dataclass(frozen=True)
class Checked:
    """A file that passed the checks: its content, what it is, its name as given."""

    name: str
    kind: AttachmentKind
    content: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def sniff(content: bytes) -> AttachmentKind | None:
    """What the bytes say the file is (magic numbers), or None."""
    if content.startswith(b"%PDF-"):
        return AttachmentKind.PDF
    if content.startswith(b"\xff\xd8\xff"):
        return AttachmentKind.JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return AttachmentKind.PNG
    return None


def _whole_pdf(content: bytes) -> bool:
    """A PDF that ends properly (%%EOF near the end) and that pdfium opens with at least one page."""
    if b"%%EOF" not in content[-2048:]:
        return False
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(content)
    except pypdfium2.PdfiumError:
        return False
    try:
        return len(pdf) > 0
    finally:
        pdf.close()


def max_pixels() -> int:
    return settings.GONGKAI_ATTACHMENT_MAX_PIXELS


def pixels_error(content: bytes) -> str | None:
    """Why an image is too large to decode, read from its header alone (nothing is decoded): a 600 KB PNG
    may declare 13000×13000 pixels, 676 MB once decoded."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # refused below, with a message
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None  # not readable at all: `_whole_image` says so
    if width * height > max_pixels():
        return f"图像尺寸过大（{width}×{height} 像素，上限 {max_pixels() // 1_000_000} 百万像素），请降低分辨率后重新上传"
    return None


_IMAGE_ENDS = {
    AttachmentKind.PNG: b"IEND\xaeB`\x82",  # the IEND chunk with its CRC
    AttachmentKind.JPEG: b"\xff\xd9",  # the end-of-image marker
}


def _whole_image(content: bytes) -> bool:
    """An image that ends as its format ends and that Pillow decodes; called only once `pixels_error` has bounded
    what decoding costs. The end is checked by hand because WeasyPrint, once imported, tells Pillow to load cut-off
    images (`ImageFile.LOAD_TRUNCATED_IMAGES`, a process-wide flag)."""
    from PIL import Image

    if not content.rstrip(b"\x00").endswith(_IMAGE_ENDS[sniff(content)]):
        return False
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


def check_one(name: str, content: bytes) -> Checked:
    """Check one file by its content; raise `Refused` naming the file and the reason."""
    label = f"附件“{name}”"
    if len(content) > max_bytes():
        raise Refused(f"{label}超过 {size_text(max_bytes())}，请压缩或分页后重新上传")
    if not content:
        raise Refused(f"{label}是空文件")
    kind = sniff(content)
    if kind is None:
        raise Refused(f"{label}不是 {ACCEPTED_TEXT} 文件（按文件内容判断，与文件名无关）")
    if kind is not AttachmentKind.PDF and (problem := pixels_error(content)):
        raise Refused(f"{label}{problem}")
    whole = _whole_pdf(content) if kind is AttachmentKind.PDF else _whole_image(content)
    if not whole:
        raise Refused(f"{label}内容不完整或已损坏，无法打开，请重新扫描或导出后上传")
    return Checked(name=name[:200], kind=kind, content=content)


def check(files, skipped: list[str] = ()) -> tuple[list[Checked], list[str]]:
    """Check uploaded files (and those the upload handler dropped); the good ones and one message per problem."""
    errors = [f"附件“{name}”超过 {size_text(max_bytes())}，请压缩或分页后重新上传" for name in skipped]
    if len(files) + len(skipped) > max_files():
        errors.insert(0, f"最多上传 {max_files()} 个附件，本次选择了 {len(files) + len(skipped)} 个")
        return [], errors
    good = []
    for upload in files:
        upload.seek(0)
        try:
            good.append(check_one(upload.name, upload.read(max_bytes() + 1)))
        except Refused as exc:
            errors.append(str(exc))
    return good, errors


def check_encoded(items: list[tuple[str, str]]) -> tuple[list[Checked], list[str]]:
    """Check files given as (name, Base64 content), as the JSON API receives them; like `check`."""
    if len(items) > max_files():
        return [], [f"最多上传 {max_files()} 个附件，本次提交了 {len(items)} 个"]
    good, errors = [], []
    for name, encoded in items:
        if len(encoded) > (max_bytes() + 2) // 3 * 4 + 4:
            errors.append(f"附件“{name}”超过 {size_text(max_bytes())}，请压缩或分页后重新上传")
            continue
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            errors.append(f"附件“{name}”的内容不是有效的 Base64 编码")
            continue
        try:
            good.append(check_one(name, content))
        except Refused as exc:
            errors.append(str(exc))
    return good, errors


def attach(app: Application, files: list[Checked], by=None) -> list[Attachment]:
    """Keep checked files with the application (inside the caller's transaction, if any)."""
    saved = []
    with transaction.atomic():
        for checked in files:
            att = Attachment(
                application=app,
                kind=checked.kind,
                original_name=checked.name,
                size=len(checked.content),
                sha256=checked.sha256,
                uploaded_by=by,
            )
            att.file.save(f"attachment.{checked.kind}", ContentFile(checked.content), save=False)
            att.save()
            saved.append(att)
    if saved:
        log.info("application %s: %d attachments kept", app.pk, len(saved))
    return saved


class SizeLimitHandler(FileUploadHandler):
    """Drops any uploaded file larger than the attachment limit while the request is read.

    The dropped file's name is noted on the request (`gongkai_skipped_uploads`), and the other fields and files
    still arrive, so the form can say which file was too large and keep everything else.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_bytes():
            skipped = getattr(self.request, "gongkai_skipped_uploads", [])
            if self.file_name not in skipped:
                skipped.append(self.file_name)
            self.request.gongkai_skipped_uploads = skipped
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_uploads(request) -> None:
    """Install `SizeLimitHandler` first; call before the request's body is read (a csrf_exempt outer view)."""
    request.upload_handlers.insert(0, SizeLimitHandler(request))
