"""Wagtail's document form with the attachment rule (attachments.py): every upload view (文档 › 添加, the
multiple uploader, the chooser's 上传 tab) checks a new file by its content before it is stored, states the
rule next to the file field and says in Chinese what is wrong."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from . import attachments


class CheckedDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = attachments.rule_text()
            self.fields["file"].widget.attrs["accept"] = ",".join(f".{ext}" for ext in attachments.ALLOWED)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            data = None
            if upload.size <= attachments.max_bytes():
                upload.seek(0)
                data = upload.read(attachments.max_bytes() + 1)
                upload.seek(0)
            error = attachments.problem(upload.name, data, upload.size)
            if error:
                raise ValidationError(error, code="attachment")
        return upload
