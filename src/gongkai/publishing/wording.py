"""The 错敏词 check of an item before 复核: its title, body and attachments' text against the platform's and
its agency's list (`models.WordingRule`, matched by `core.wording`). A hit does not block; it must be
acknowledged — by the author or the checker — before 复核 may pass, and the acknowledgement (who, when, the hits)
is an entry of the item's page log, so it shows in the item's history. An acknowledgement holds for the hits it
was given for: an edit that changes them asks for a new one."""

from __future__ import annotations

import html
import logging
import re

from django.db import transaction
from django.db.models import Q
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from gongkai.core import wording
from gongkai.core.audit.document import Paragraph
from gongkai.core.audit.readers import read_document

from .models.pages import InformationItemPage
from .models.wording import WordingRule

logger = logging.getLogger(__name__)

ACKNOWLEDGED = "publishing.wording_acknowledged"
_TAG = re.compile(r"<[^>]+>")
UNACKNOWLEDGED = "错敏词检查发现疑似错误或敏感的表述，须由作者或复核人确认已核对后才能通过复核。"


def rules_for(agency_id: int) -> list[wording.Rule]:
    rows = WordingRule.objects.filter(Q(agency__isnull=True) | Q(agency_id=agency_id)).order_by("expression")
    return [wording.Rule(r.expression, r.correction, r.reason) for r in rows]


def _attachment_text(document) -> str:
    """An attachment's text by the auditor's readers (PDF, DOCX, XLSX); an unreadable file has none."""
    try:
        with document.file.open("rb") as stream:
            data = stream.read()
        read = read_document(data, document.file.name)
    except Exception as exc:  # noqa: BLE001 — a file that cannot be read is checked by its name only
        logger.info("wording check: attachment %s not read (%s)", document.pk, type(exc).__name__)
        return ""
    return "\n".join(b.text if isinstance(b, Paragraph) else " ".join(b.cells) for b in read.blocks)


def texts_of(item: InformationItemPage) -> dict[str, str]:
    """What is checked: {source: text} for the title, the summary, the body and each attachment."""
    texts = {
        "标题": item.title,
        "内容概述": item.summary,
        "正文": html.unescape(_TAG.sub("", item.body or "")),
    }
    for attachment in item.attachments.select_related("document"):
        texts[f"附件“{attachment.label}”"] = f"{attachment.label}\n{_attachment_text(attachment.document)}"
    return texts


def check(item: InformationItemPage) -> list[wording.Hit]:
    """The hits in the item's latest revision (what 复核 would pass)."""
    latest = item.get_latest_revision_as_object() if item.latest_revision_id else item
    rules = rules_for(item.agency_id)
    return wording.check(texts_of(latest), rules) if rules else []


def acknowledgement(item, hits: list[wording.Hit]) -> PageLogEntry | None:
    """The log entry acknowledging exactly these hits, if any."""
    if not hits:
        return None
    return (
        PageLogEntry.objects.filter(page_id=item.pk, action=ACKNOWLEDGED, data__digest=wording.digest(hits))
        .select_related("user")
        .order_by("-timestamp")
        .first()
    )


def unacknowledged(item) -> bool:
    hits = check(item)
    return bool(hits) and acknowledgement(item, hits) is None


@transaction.atomic
def acknowledge(item: InformationItemPage, user) -> list[wording.Hit]:
    """Record that ``user`` has seen the item's current hits (one page-log entry, with the hits)."""
    hits = check(item)
    if hits and acknowledgement(item, hits) is None:
        log(
            item,
            ACKNOWLEDGED,
            user=user,
            data={
                "digest": wording.digest(hits),
                "hits": [
                    {"source": h.source, "start": h.start, "found": h.found, "correction": h.rule.correction}
                    for h in hits
                ],
            },
        )
    return hits
