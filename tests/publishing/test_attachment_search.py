"""Attachments' text is searchable (issue 13 item 15): a word written only in an attached PDF, OFD, DOCX or XLSX
finds the item on /search/ and in the column search, the snippet names the attachment (附件：…), and only the
attachments of live, unrestricted items ever match: a draft's, a withheld item's, a restricted item's or a pending
revision's attachment never does and never shows in a snippet. The index number matches only as itself."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.base import ContentFile
from wagtail.models import PageViewRestriction

from gongkai.publishing.demo import bulk
from gongkai.publishing.models import AttachmentText, InformationItemPage, ItemAttachment, WithheldInformation


def _pdf(text: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(text: str) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["B2"] = text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip(entries: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _ofd(text: str) -> bytes:
    ns = "http://www.ofdspec.org/2016"
    return _zip(
        {
            "OFD.xml": f'<ofd:OFD xmlns:ofd="{ns}" Version="1.0" DocType="OFD"><ofd:DocBody>'
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
            "Doc_0/Document.xml": f"<ofd:Document xmlns:ofd='{ns}'/>",
            "Doc_0/Pages/Page_0/Content.xml": f'<ofd:Page xmlns:ofd="{ns}"><ofd:Content><ofd:Layer>'
            f"<ofd:TextObject><ofd:TextCode X='0' Y='0'>{text}</ofd:TextCode></ofd:TextObject>"
            "</ofd:Layer></ofd:Content></ofd:Page>",
        }
    )


MAKERS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "ofd": _ofd}


def _document(ext: str, text: str, title: str = "附件"):
    from wagtail.documents.models import Document

    return Document.objects.create(title=title, file=ContentFile(MAKERS[ext](text), name=f"{title}.{ext}"))


@pytest.fixture
def attach(add_item, django_capture_on_commit_callbacks):
    """Make an item in dept's column with one attachment (its text given), published or not; the background
    task reads the text when the save commits."""

    def make(title: str, text: str, ext: str = "docx", name: str = "名单", publish: bool = True):
        with django_capture_on_commit_callbacks(execute=True):
            item = add_item(title=title)
            item.attachments.add(ItemAttachment(document=_document(ext, text), title=name))
            item.save()
            if publish:
                item.save_revision().publish()
        return InformationItemPage.objects.get(pk=item.pk)

    return make


def _site_titles(client, query: str) -> list[str]:
    return [result["row"].title for result in client.get("/search/", {"q": query}).context["results"]]


def _column_titles(client, portal, query: str) -> list[str]:
    response = client.get(portal["dept"].url + "search/", {"q": query})
    return [row.title for row in response.context["page"].object_list]


@pytest.mark.parametrize("ext", ["pdf", "docx", "xlsx", "ofd"])
def test_a_word_only_in_an_attachment_finds_the_item_and_the_snippet_names_it(client, portal, attach, ext):
    attach("关于公布名单的通知", f"附件中的协调员名录{ext}版", ext=ext, name=f"协调员名录（{ext}）")
    assert _site_titles(client, f"协调员名录{ext}") == ["关于公布名单的通知"]
    assert _column_titles(client, portal, f"协调员名录{ext}") == ["关于公布名单的通知"]
    html = client.get("/search/", {"q": f"名录{ext}"}).content.decode()
    assert f'<span class="snippet-source">附件：协调员名录（{ext}）</span>' in html
    assert f"<mark>名录{ext}</mark>" in html


def test_a_match_in_the_items_own_text_is_shown_from_it_not_from_the_attachment(client, portal, attach):
    attach("关于公布名单的通知", "名单全文")
    html = client.get("/search/", {"q": "名单"}).content.decode()
    assert "附件：" not in html and "关于公布<mark>名单</mark>的通知" in html


def test_the_text_is_read_once_per_file_and_the_item_keeps_it(attach):
    item = attach("关于公布名单的通知", "独一无二的词语")
    assert "独一无二的词语" in item.search_text
    assert AttachmentText.objects.count() == 1


def test_the_attachments_of_items_not_public_never_match(client, portal, attach, world, add_item):
    attach("草稿", "草稿附件专有词", publish=False)
    withheld = attach("不予公开的请示", "不予公开附件专有词", publish=False)
    WithheldInformation.objects.create(
        agency=world["dept"],
        item=withheld,
        title=withheld.title,
        ground="process_info",
        decided_on=date(2025, 1, 5),
        reevaluate_on=date(2026, 1, 5),
    )
    restricted = attach("受限的信息", "受限附件专有词")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    withdrawn = attach("已撤下的信息", "撤下附件专有词")
    withdrawn.unpublish()
    for word in ("草稿附件专有词", "不予公开附件专有词", "受限附件专有词", "撤下附件专有词"):
        assert _site_titles(client, word) == [] and _column_titles(client, portal, word) == []
        assert word not in client.get("/search/", {"q": word[:2]}).content.decode()
        assert word not in client.get(portal["dept"].url + "search/", {"q": word[:2]}).content.decode()


def test_a_pending_revisions_new_attachment_matches_only_once_published(
    client, portal, attach, django_capture_on_commit_callbacks
):
    from wagtail.documents.models import Document

    item = attach("关于公布名单的通知", "已发布的附件")
    with django_capture_on_commit_callbacks(execute=True):
        item.attachments.add(ItemAttachment(document=_document("docx", "待审核的新附件"), title="新名单"))
        revision = item.save_revision()
    assert AttachmentText.objects.filter(document__in=Document.objects.filter(title="附件")).count() == 2
    assert _site_titles(client, "待审核的新附件") == []
    assert _column_titles(client, portal, "待审核的新附件") == []
    assert "待审核" not in client.get("/search/", {"q": "附件"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert _site_titles(client, "待审核的新附件") == ["关于公布名单的通知"]


def test_a_removed_attachment_stops_matching_when_the_item_is_republished(
    client, portal, attach, django_capture_on_commit_callbacks
):
    item = attach("关于公布名单的通知", "将被删除的附件")
    with django_capture_on_commit_callbacks(execute=True):
        item.attachments.clear()
        item.save_revision().publish()
    assert _site_titles(client, "将被删除的附件") == []


def test_an_unreadable_attachment_gives_no_text_and_no_error(
    client, portal, add_item, django_capture_on_commit_callbacks
):
    from wagtail.documents.models import Document

    broken = Document.objects.create(title="坏", file=ContentFile(b"%PDF-1.4 broken", name="坏.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        item = add_item(title="附件损坏的通知")
        item.attachments.add(ItemAttachment(document=broken))
        item.save()
        item.save_revision().publish()
    assert AttachmentText.objects.get(document=broken).text == ""
    assert _site_titles(client, "附件损坏") == ["附件损坏的通知"]


@pytest.fixture
def numbered(portal):
    row = dict(formed_on=date(2025, 3, 3), category="livelihood", summary="概述。", body="<p>正文</p>")
    bulk.create_items(portal["dept"], [dict(row, title="甲"), dict(row, title="乙")])
    bulk.create_items(portal["dept"], [dict(row, title="丙", formed_on=date(2024, 3, 3))])
    return portal


@pytest.mark.parametrize(
    "query,expected",
    [
        ("d", []),  # a letter of the agency's code: in every index number, in no text
        ("dept", []),
        ("dept/", []),
        ("2025-00001", []),
        ("dept/2025-00001", ["甲"]),  # the whole index number
        ("DEPT/2025-00002", ["乙"]),  # in any case
        ("dept/2025", ["乙", "甲"]),  # its beginning with the year
        ("dept/2024-0", ["丙"]),
        ("dept/2025-00001 正文", []),  # with another word it is a word, found in no text
    ],
)
def test_the_index_number_matches_only_as_itself(client, numbered, query, expected):
    assert sorted(_column_titles(client, numbered, query)) == sorted(expected)
    assert sorted(_site_titles(client, query)) == sorted(expected)


def test_the_search_text_no_longer_holds_the_index_number(numbered):
    for item in InformationItemPage.objects.all():
        assert item.index_number.lower() not in item.search_text


def test_search_pages_cached_before_the_text_was_read_find_it_once_read(
    client, portal, add_item, monkeypatch, django_capture_on_commit_callbacks
):
    from gongkai.publishing import attachment_text

    waiting = []  # the worker has not run yet
    monkeypatch.setattr(attachment_text, "enqueue", waiting.append)
    document = _document("docx", "稍后读取的附件")
    with django_capture_on_commit_callbacks(execute=True):
        item = add_item(title="关于公布名单的通知")
        item.attachments.add(ItemAttachment(document=document))
        item.save()
        item.save_revision().publish()
    assert waiting and "检索结果：0 条" in client.get("/search/", {"q": "稍后读取"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        attachment_text.extract.call([document.pk])
    assert "<mark>稍后读取</mark>" in client.get("/search/", {"q": "稍后读取"}).content.decode()


def test_the_migration_rebuilds_existing_search_text_without_the_index_number_and_with_attachments(
    numbered, add_item
):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("gongkai.publishing.migrations.0010_search_text_without_index_number")
    item = add_item(title="旧信息")
    item.attachments.add(ItemAttachment(document=_document("xlsx", "旧附件里的词")))
    item.save()
    AttachmentText.objects.all().delete()  # saved before attachments were read
    for old in InformationItemPage.objects.all():
        InformationItemPage.objects.filter(pk=old.pk).update(search_text=f"{old.index_number} {old.title}")
    migration.rebuild(apps, None)
    for rebuilt in InformationItemPage.objects.all():
        assert rebuilt.index_number not in rebuilt.search_text and rebuilt.title in rebuilt.search_text
    assert "旧附件里的词" in InformationItemPage.objects.get(pk=item.pk).search_text


def test_a_replaced_file_is_read_again_when_the_item_is_next_published(
    client, portal, attach, django_capture_on_commit_callbacks
):
    item = attach("关于公布名单的通知", "替换前的文字")
    document = item.attachments.get().document
    document.file.save("新名单.docx", ContentFile(_docx("替换后的文字")), save=False)
    document._set_document_file_metadata()
    document.save()
    with django_capture_on_commit_callbacks(execute=True):
        InformationItemPage.objects.get(pk=item.pk).save_revision().publish()
    assert _site_titles(client, "替换后的文字") == ["关于公布名单的通知"]
    assert _site_titles(client, "替换前的文字") == []
