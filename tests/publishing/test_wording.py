"""The 错敏词 check before 复核: the list kept by the 公开办, hits in the title, body and attachments shown to the
author and the checker with their positions, 复核 held until someone acknowledges them, and the acknowledgement
in the item's history."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile

from .conftest import act, current_step, person

WORDING = "/admin/gongkai/agencies/dept/publishing/wording/"


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def rules(world, client):
    client.force_login(person(world, "disclosure_office"))
    for expression, correction in (("劳动和社会保障局", "人力资源和社会保障局"), ("某某副市长", "")):
        response = client.post(
            WORDING, {"expression": expression, "correction": correction, "reason": "机构已更名"}, follow=True
        )
        assert f"已添加错敏词“{expression}”" in response.content.decode()
    client.logout()


def test_the_list_is_kept_by_the_disclosure_office(world, client, rules):
    from gongkai.publishing.models import WordingRule

    client.force_login(person(world, "disclosure_office"))
    response = client.post(WORDING, {"expression": "劳动和社会保障局"}, follow=True)
    assert "已在清单中" in response.content.decode()
    rule = WordingRule.objects.get(expression="某某副市长")
    client.post(f"{WORDING}{rule.pk}/delete/")
    assert not WordingRule.objects.filter(pk=rule.pk).exists()
    client.force_login(person(world, "staff"))
    assert client.post(WORDING, {"expression": "越权添加"}).status_code in (302, 403, 404)
    assert not WordingRule.objects.filter(expression="越权添加").exists()


def test_hits_hold_check_until_acknowledged(world, portal, add_item, client, rules):
    from wagtail.documents.models import Document

    from gongkai.publishing.models import ItemAttachment

    author, checker = person(world, "staff"), person(world, "section_head")
    item = add_item(user=author, title="关于劳动和社会保障局办事指南的通知", body="<p>经某某副市长同意……</p>")
    document = Document.objects.create(
        title="附件",
        file=ContentFile(_docx("请向区劳动和社会保障局咨询"), name="附件.docx"),
        collection=world["dept"].collection,
    )
    ItemAttachment.objects.create(page=item, document=document, title="办事指南")
    item.save_revision(user=author)
    item.get_workflow().start(item, author)

    check_url = f"/admin/gongkai/agencies/dept/publishing/items/{item.pk}/wording/"
    client.force_login(checker)
    edit = client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    assert "查看错敏词检查结果" in edit and check_url in edit
    page = client.get(check_url).content.decode()
    assert "标题" in page and "正文" in page and "附件“办事指南”" in page
    assert "关于<mark>劳动和社会保障局</mark>办事指南" in page and "人力资源和社会保障局" in page
    assert "<td>3</td>" in page  # the title's hit starts at its 3rd character
    with pytest.raises(PermissionDenied):
        act(item, checker)  # 复核 cannot pass yet
    assert current_step(item) == "复核"

    client.force_login(author)  # the author acknowledges
    response = client.post(check_url, follow=True)
    assert "已确认核对 3 处" in response.content.decode()
    history = client.get(f"/admin/gongkai/agencies/dept/publishing/items/{item.pk}/history/").content.decode()
    assert "已核对错敏词检查发现的表述" in history

    act(item, checker)
    assert current_step(item) == "保密审查"


def test_an_item_without_hits_passes_check(world, portal, submitted, client, rules):
    act(submitted, person(world, "section_head"))
    assert current_step(submitted) == "保密审查"
