"""End to end: the disclosure office generates a case's reply letter from its page, previews it, and downloads the
DOCX and the PDF; a template with an unknown placeholder is refused in Chinese."""

from __future__ import annotations

import io
import re

import pypdfium2
import pytest
from docx import Document
from playwright.sync_api import expect

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _download(page, name: str, tmp_path) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=name, exact=True).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_bytes()


def test_generate_preview_and_download_the_reply(live_server, page, decided_case, tmp_path):
    office, app = decided_case
    login(page, live_server, office)
    case_url = f"{live_server.url}/admin/gongkai/applications/{app.pk}/"
    page.goto(case_url)
    page.get_by_role("link", name="生成告知书：答复告知书（（一）予以公开）").click()
    page.wait_for_url(re.compile(r"/admin/gongkai/applications/\d+/letters/\d+/$"))
    preview = page.frame_locator("iframe[title=告知书预览]")
    expect(preview.get_by_role("heading", name="政府信息公开申请答复告知书")).to_be_visible()
    expect(preview.get_by_text("6个月内向人民法院提起行政诉讼", exact=False)).to_be_visible()
    body = page.get_by_label("正文（每行一段）")
    body.fill(body.input_value() + "\n附件：2025 年度稳岗返还名单（电子文档）")
    page.get_by_role("button", name="预览").click()
    expect(preview.get_by_text("附件：2025 年度稳岗返还名单（电子文档）")).to_be_visible()
    page.get_by_role("button", name="生成", exact=True).click()
    page.wait_for_url(case_url)
    expect(page.get_by_text("已生成：答复告知书（（一）予以公开）")).to_be_visible()

    docx = Document(io.BytesIO(_download(page, "DOCX", tmp_path)))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert (
        "第三十六条第（二）项" in text
        and "附件：2025 年度稳岗返还名单（电子文档）" in text
        and "赵六：" in text
    )
    pdf = pypdfium2.PdfDocument(_download(page, "PDF", tmp_path))
    assert "政府信息公开申请答复告知书" in "".join(pdf[0].get_textpage().get_text_range().split())
    pdf.close()

    page.get_by_role("link", name="告知书模板").click()
    page.wait_for_url("**/letter-templates/")
    page.get_by_role("row").filter(has_text="（一）予以公开").get_by_role("link", name="修改").click()
    page.get_by_label("正文（每行一段）").fill("{申请人}：{公开方式}")
    page.get_by_role("button", name="保存模板").click()
    expect(page.get_by_text("不能识别的占位符：{公开方式}", exact=False)).to_be_visible()
