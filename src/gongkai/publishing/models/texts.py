"""The text of an attached document, extracted once for the portal's search (publishing/attachment_text.py)."""

from __future__ import annotations

from django.db import models


class AttachmentText(models.Model):
    """The plain text of one Wagtail document, as publishing/extraction.py read it from the file whose hash is
    ``file_hash`` (a document whose file is replaced is read again). Empty for a file without readable text.

    Kept by document, not by item: a document attached to several items is read once. The text is never shown or
    searched by itself: only through the search text of a live, public item the document is attached to."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    file_hash = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "附件文本"

    def __str__(self) -> str:
        return f"附件文本 {self.document_id}"
