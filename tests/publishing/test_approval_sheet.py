"""The 发布审批表 (审签单) of an item: each step's person, time and opinion and the confidentiality conclusion, on
screen and as PDF with its fonts embedded, for the agency's staff and its supervising office only."""

from __future__ import annotations

import pypdfium2
import pytest

from .conftest import act, person


def _pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return "".join("".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf)))
    finally:
        pdf.close()


def _signed_off(world, submitted):
    act(submitted, person(world, "section_head"), comment="同意公开")
    submitted.refresh_from_db()
    act(submitted, person(world, "confidentiality_reviewer"), conclusion="publishable", comment="未涉密")
    submitted.refresh_from_db()
    act(submitted, person(world, "principal_leader"), comment="同意发布")
    return type(submitted).objects.get(pk=submitted.pk)


def _fonts_embedded(data: bytes) -> list[bool]:
    """For every text object of the PDF, whether its font is embedded (pdfium's FPDFFont_GetIsEmbedded)."""
    import pypdfium2.raw as pdfium_c

    pdf = pypdfium2.PdfDocument(data)
    try:
        flags = []
        for page in pdf:
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
                flags.append(bool(pdfium_c.FPDFFont_GetIsEmbedded(pdfium_c.FPDFTextObj_GetFont(obj.raw))))
        return flags
    finally:
        pdf.close()


def _url(item, code="dept"):
    return f"/admin/gongkai/agencies/{code}/publishing/items/{item.pk}/approval-sheet/"


def test_the_sheet_names_every_step(world, submitted, client):
    item = _signed_off(world, submitted)
    client.force_login(person(world, "staff"))
    body = client.get(_url(item)).content.decode()
    assert item.index_number in body and item.title in body
    for name in ("拟稿", "复核", "保密审查", "审核", "同意公开", "同意发布", "可公开"):
        assert name in body, name
    for role in ("staff", "section_head", "confidentiality_reviewer", "principal_leader"):
        user = person(world, role)
        assert (user.get_full_name() or user.get_username()) in body, role
    assert "已发布" in body


def test_a_sheet_before_submission_says_so(world, add_item, client):
    item = add_item(user=person(world, "staff"))
    client.force_login(person(world, "staff"))
    body = client.get(_url(item)).content.decode()
    assert "尚未提交审核" in body and "尚无结论" in body


def test_the_supervising_office_reads_it_another_agency_does_not(world, submitted, client):
    from gongkai.agencies.roles import Role

    client.force_login(world["people"][("gov", Role.SUPERVISING_OFFICE)].user)
    assert client.get(_url(submitted)).status_code == 200
    client.force_login(world["people"][("gov", Role.STAFF)].user)
    assert client.get(_url(submitted)).status_code in (302, 404)
    assert client.get(_url(submitted) + "?format=pdf").status_code in (302, 404)


@pytest.mark.roundtrip
def test_the_pdf_carries_the_sheet_with_its_fonts(world, submitted, client):
    item = _signed_off(world, submitted)
    client.force_login(person(world, "disclosure_office"))
    response = client.get(_url(item) + "?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    embedded = _fonts_embedded(response.content)
    assert embedded and all(embedded)
    text = _pdf_text(response.content)
    for part in (
        "政府信息主动公开发布审批表",
        item.index_number,
        "复核",
        "同意公开",
        "保密审查结论",
        "可公开",
        "同意发布",
    ):
        assert part in text, part
