"""Move each document attached to an item from the root collection into its agency's collection, so that the
agency's staff can choose it again (agencies 0003 made the collections)."""

from django.db import migrations


def forwards(apps, schema_editor):
    ItemAttachment = apps.get_model("publishing", "ItemAttachment")
    Document = apps.get_model("wagtaildocs", "Document")
    rows = ItemAttachment.objects.filter(
        document__collection__depth=1, page__agency__collection__isnull=False
    ).values_list("document_id", "page__agency__collection_id")
    for document_id, collection_id in rows:
        Document.objects.filter(pk=document_id, collection__depth=1).update(collection_id=collection_id)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0004_guide_page"),
        ("agencies", "0003_agency_collections"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
