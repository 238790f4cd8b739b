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


def stored_texts(document_ids: list[int]) -> dict[int, str]:
    """The stored text of each of these documents that was read from its current file (a replaced file's text is
    not current: the document is read again)."""
    if not document_ids:
        return {}
    rows = AttachmentText.objects.filter(document_id__in=document_ids).values_list(
        "document_id", "file_hash", "document__file_hash", "text"
    )
    return {pk: text for pk, file_hash, current, text in rows if file_hash == (current or "")}
