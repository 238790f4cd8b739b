"""Attachments' text in the portal's search: an item's ``search_text`` is its own text (title, 文号, summary, body)
followed by the text of its attached documents, so that /search/ and the column search find a word written only
in an attached PDF, OFD, DOCX or XLSX.

A document's text is read once (``extract``, a background task enqueued when the transaction that saved an item
attaching it commits: reading a 20 MB PDF must not hold up the editor) and kept as an ``AttachmentText``; the
items attaching it then get their search text rebuilt. Only what the item's own row holds is used: the
attachments committed with the item (a draft revision's new attachments live in the revision until it is
published), so the search, which only ever reads live, public items, never sees a draft's or a withheld item's
attachment. The index number is not part of the search text: it matches only as itself (public_views).
"""

from __future__ import annotations

import logging

from django.core.cache import caches
from django.db import transaction
from django_tasks import task

from gongkai.cache import PORTAL

from . import attachments, extraction
from .models import AttachmentText, InformationItemPage, ItemAttachment
from .text import joined, own_text

log = logging.getLogger(__name__)


def enqueue(document_ids: list[int]) -> None:
    """After the commit: hand the documents to the task backend (a failure leaves them unsearchable, logged: the
    save that has just been committed stands)."""
    try:
        extract.enqueue(document_ids)
    except Exception as exc:
        log.warning("attachment text of documents %s not enqueued: %s", document_ids, type(exc).__name__)


@task()
def extract(document_ids: list[int]) -> None:
    """Read the text of the documents (once per file) and rebuild the search text of the items attaching them."""
    from wagtail.documents import get_document_model

    read = dict(
        AttachmentText.objects.filter(document_id__in=document_ids).values_list("document_id", "file_hash")
    )
    for document in get_document_model().objects.filter(pk__in=document_ids):
        if read.get(document.pk) == (document.file_hash or ""):
            continue  # read since this task was enqueued (two saves before the worker came)
        text = read_document(document)
        AttachmentText.objects.update_or_create(
            document=document, defaults={"file_hash": document.file_hash or "", "text": text}
        )
    pages = ItemAttachment.objects.filter(document_id__in=document_ids).values_list("page_id", flat=True)
    refresh(sorted(set(pages)))


def read_document(document) -> str:
    """The text of a document's file, bounded by the upload limit; "" if the file is missing or unreadable."""
    limit = attachments.max_bytes()
    try:
        if document.file.size > limit:
            return ""
        with document.file.open("rb") as stream:
            data = stream.read(limit + 1)
    except Exception as exc:  # a missing or unreachable file has no text
        log.info("document %s not read: %s", document.pk, type(exc).__name__)
        return ""
    return extraction.text_of(document.file.name, data, limit)


def refresh(page_ids: list[int]) -> None:
    """Rebuild the search text of these items from their rows and their committed attachments."""
    if not page_ids:
        return
    with transaction.atomic():
        items = InformationItemPage.objects.select_for_update(of=("self",)).filter(pk__in=page_ids)
        rows = list(items.values_list("pk", "title", "document_number", "summary", "body", "search_text"))
        attached: dict[int, list[int]] = {}
        for page_id, document_id in (
            ItemAttachment.objects.filter(page_id__in=page_ids)
            .order_by("page_id", "sort_order", "pk")
            .values_list("page_id", "document_id")
        ):
            attached.setdefault(page_id, []).append(document_id)
        documents = {d for ds in attached.values() for d in ds}
        texts = dict(
            AttachmentText.objects.filter(document_id__in=documents).values_list("document_id", "text")
        )
        changed = False
        for pk, title, number, summary, body, current in rows:
            rebuilt = joined(
                own_text(title, number, summary, body), [texts.get(d, "") for d in attached.get(pk, [])]
            )
            if rebuilt != current:
                InformationItemPage.objects.filter(pk=pk).update(search_text=rebuilt)
                changed = True
        if changed:  # search pages cached before the text was read would miss it until they expire
            transaction.on_commit(caches[PORTAL].clear)


def sources(page_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """For the snippets of a page of results: each item's attachments as (name, text), in the item's order."""
    found: dict[int, list[tuple[str, str]]] = {}
    rows = (
        ItemAttachment.objects.filter(page_id__in=page_ids)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "title", "document__title", "document_id")
    )
    rows = list(rows)
    texts = dict(
        AttachmentText.objects.filter(document_id__in={r[3] for r in rows}).values_list("document_id", "text")
    )
    for page_id, title, document_title, document_id in rows:
        if texts.get(document_id):
            found.setdefault(page_id, []).append((title or document_title, texts[document_id]))
    return found
