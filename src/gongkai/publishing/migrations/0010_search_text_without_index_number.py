"""Rebuild every item's search text without its index number (which the searches now match on its own: a letter
of an agency's code no longer finds every item) and with the text of its attachments, read once here for the
items that already have attachments (publishing/attachment_text.py does it for every later save)."""

from django.db import migrations

BATCH = 1000


def rebuild(apps, schema_editor):
    from gongkai.publishing import attachment_text

    item_model = apps.get_model("publishing", "InformationItemPage")
    attachment_model = apps.get_model("publishing", "ItemAttachment")
    text_model = apps.get_model("publishing", "AttachmentText")
    attached: dict[int, list[int]] = {}
    for page_id, document_id in attachment_model.objects.order_by("page_id", "sort_order", "pk").values_list(
        "page_id", "document_id"
    ):
        attached.setdefault(page_id, []).append(document_id)
    texts = {}
    for document_id in {d for ds in attached.values() for d in ds}:
        text_row = text_model.objects.filter(document_id=document_id).first()
        if text_row is None:
            document = apps.get_model("wagtaildocs", "Document").objects.get(pk=document_id)
            text = attachment_text.read_document(document)
            text_row = text_model.objects.create(
                document_id=document_id, file_hash=document.file_hash or "", text=text
            )
        texts[document_id] = text_row.text
    changed = []
    rows = item_model.objects.only("title", "document_number", "summary", "body", "search_text")
    for item in rows.iterator(chunk_size=BATCH):
        own = attachment_text.own_text(item.title, item.document_number, item.summary, item.body)
        rebuilt = attachment_text.joined(own, [texts.get(d, "") for d in attached.get(item.pk, [])])
        if rebuilt != item.search_text:
            item.search_text = rebuilt
            changed.append(item)
        if len(changed) >= BATCH:
            item_model.objects.bulk_update(changed, ["search_text"])
            changed = []
    item_model.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("publishing", "0009_attachment_text_and_index_number_upper")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True)]
