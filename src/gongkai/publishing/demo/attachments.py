"""Demo attachments, one on each side of the confidentiality line: on a published item (the public downloads
it), on a draft and on the withheld item (only 经开区人社局's staff download them; everyone else gets 404)."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from gongkai.agencies.collections import ensure_collection

from ..models import DisclosureSectionPage, InformationItemPage, ItemAttachment

PUBLISHED = ("经开区2025年职业技能提升行动补贴目录", "职业技能提升补贴目录.pdf")
DRAFT_TITLE = "经开区2026年度就业困难人员认定名单"
DRAFT = (DRAFT_TITLE, "就业困难人员认定名单（草稿）.pdf")
WITHHELD = ("关于某企业欠薪案件线索的请示", "欠薪案件线索（内部）.pdf")


def _pdf() -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)  # one A4 page
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def _attach(item: InformationItemPage, filename: str, user) -> None:
    collection = ensure_collection(item.agency)
    document = Document.objects.create(
        title=filename.rsplit(".", 1)[0],
        file=ContentFile(_pdf(), name=filename),
        collection=collection,
        uploaded_by_user=user,
    )
    item.attachments.add(ItemAttachment(document=document))
    item.save()  # the page's own row (what the reference index reads) and its attachment rows
    revision = item.save_revision(user=user)
    if item.live:
        revision.publish(user=user)


def load(section: DisclosureSectionPage) -> None:
    """Attach the three files in 经开区人社局's column (after its items, the draft added here)."""
    users = get_user_model().objects
    author, admin = users.filter(username="rsj-yewu").first(), users.filter(username="admin").first()
    items = InformationItemPage.objects.filter(agency_id=section.agency_id)
    if author is None or ItemAttachment.objects.filter(page__in=items).exists():
        return
    draft = section.add_child(
        instance=InformationItemPage(
            title=DRAFT_TITLE,
            formed_on=items.order_by("-formed_on").first().formed_on,
            category="livelihood",
            topic="employment",
            genre="list",
            summary="就业困难人员认定名单，待核实后提交审核。",
            body="<p>名单见附件（草稿，尚未审核）。</p>",
            live=False,
            owner=author,
        )
    )
    for title, filename in (PUBLISHED, DRAFT, WITHHELD):
        item = items.filter(title=title).first() if title != DRAFT_TITLE else draft
        if item is not None:
            _attach(item, filename, admin if item.live else author)
