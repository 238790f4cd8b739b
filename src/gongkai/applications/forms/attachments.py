"""The attachments field of the application forms (portal and staff intake): several files in one input,
checked by content (`applications.attachments.check`) when the form is cleaned."""

from __future__ import annotations

from django import forms

from .. import attachments
from ..attachments import ACCEPTED_TEXT, Checked, max_bytes, max_files, size_text


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one input; the content checks are `attachments.check`, run by the form's `clean`."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            f"身份证明等材料，可选；{ACCEPTED_TEXT} 格式，每个不超过 {size_text(max_bytes())}，最多 {max_files()} 个",
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png")

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(AttachmentsField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class AttachmentsMixin:
    """For a form with an `attachments` field: run the checks, keep the good files in `checked_attachments`.

    The files are examined last, and only when every other field is valid: a refused form costs no decoding.
    The form must be built with `skipped=` (the names the upload handler dropped) when the view has one.
    """

    def __init__(self, *args, skipped: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.skipped_uploads = list(skipped or [])
        self.checked_attachments: list[Checked] = []

    def _post_clean(self):
        super()._post_clean()
        if self._errors:
            if self.cleaned_data.get("attachments") or self.skipped_uploads:
                self.add_error("attachments", "请改正上面的问题后重新选择附件（已填写的其他内容均已保留）")
            return
        good, errors = attachments.check(self.cleaned_data.get("attachments") or [], self.skipped_uploads)
        if errors:
            errors.append("请重新选择附件（已填写的其他内容均已保留）")
            self.add_error("attachments", errors)
        self.checked_attachments = good
